import type { Order, OrderContent, OrderEvent, OrderKind, OrderLineState, ServiceOrderStatus } from '@shared/service/orders';
import { iso } from '../clock';
import type { Db } from './database';

/**
 * The orders tables (migration 3). An order is published whole: its row,
 * its lines' progress and its timeline. Writes to lines and events re-stamp
 * the order row (triggers), so a pull delivers the whole order again.
 */

/**
 * SQL select items that gather an order's child rows as JSON next to its
 * row: the sync source (sync/sources.ts) and every read here use the same,
 * so one mapper turns a row into an Order.
 */
export const ORDER_CHILD_COLUMNS = `
  (SELECT json_group_array(json_object('productId', l.product_id, 'quantity', l.quantity,
     'deliveredQuantity', l.delivered_quantity, 'expectedDate', l.expected_date) ORDER BY l.position)
   FROM order_lines l WHERE l.order_id = orders.id) AS lines_json,
  (SELECT json_group_array(json_object('status', e.status, 'at', e.at, 'actor', e.actor, 'note', e.note) ORDER BY e.position)
   FROM order_events e WHERE e.order_id = orders.id) AS timeline_json`;

export interface OrderRow {
  id: string;
  number: string;
  unit_id: string;
  supplier_id: string;
  kind: OrderKind;
  status: ServiceOrderStatus;
  version: number;
  content: string;
  signature: string;
  promised_date: string | null;
  ship_by: string | null;
  pdf_uk: string | null;
  pdf_en: string | null;
  submitted_at: number;
  updated_at: number;
  change_seq: number;
  lines_json: string;
  timeline_json: string;
}

type StoredEvent = Omit<OrderEvent, 'at'> & { at: number };

export function orderFromRow(row: OrderRow): Order {
  const events = JSON.parse(row.timeline_json) as StoredEvent[];
  return {
    id: row.id,
    number: row.number,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    kind: row.kind,
    status: row.status,
    content: JSON.parse(row.content) as OrderContent,
    signature: row.signature,
    pdfSignatures: row.pdf_uk !== null && row.pdf_en !== null ? { uk: row.pdf_uk, en: row.pdf_en } : null,
    promisedDate: row.promised_date,
    shipBy: row.ship_by,
    lines: JSON.parse(row.lines_json) as OrderLineState[],
    timeline: events.map((event) => ({ ...event, at: iso(event.at) })),
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at),
    changeSeq: row.change_seq,
  };
}

const SELECT = `SELECT orders.*, ${ORDER_CHILD_COLUMNS} FROM orders`;

export function findOrder(db: Db, id: string): Order | undefined {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as OrderRow | undefined;
  return row && orderFromRow(row);
}

export function findOrderByNumber(db: Db, number: string): Order | undefined {
  const row = db.prepare(`${SELECT} WHERE number = ?`).get(number) as OrderRow | undefined;
  return row && orderFromRow(row);
}

/** Read back what was just written; its absence is a bug, not a refusal. */
export function readOrder(db: Db, id: string): Order {
  const order = findOrder(db, id);
  if (!order) throw new Error(`Order ${id} cannot be read back`);
  return order;
}

export interface OrderFilter {
  status?: ServiceOrderStatus;
  unitId?: string;
  limit?: number;
}

/** Newest first, as the agency's queue is read. */
export function listOrders(db: Db, filter: OrderFilter = {}): Order[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit ?? 1000 };
  if (filter.status !== undefined) {
    where.push('status = @status');
    params.status = filter.status;
  }
  if (filter.unitId !== undefined) {
    where.push('unit_id = @unitId');
    params.unitId = filter.unitId;
  }
  const rows = db
    .prepare(`${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submitted_at DESC, id DESC LIMIT @limit`)
    .all(params) as OrderRow[];
  return rows.map(orderFromRow);
}

/** The next number of the year: ЗМ-2026-000042. Numbers are never reused, refused orders keep theirs. */
export function nextOrderNumber(db: Db, year: number): string {
  db.prepare('INSERT INTO order_numbers (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1').run(year);
  const { last } = db.prepare('SELECT last FROM order_numbers WHERE year = ?').get(year) as { last: number };
  return `ЗМ-${year}-${String(last).padStart(6, '0')}`;
}

/** One signed version as the service received it. */
export interface SignedVersion {
  content: OrderContent;
  /** The canonical JSON the signature covers, as stored. */
  canonical: string;
  signature: string;
  /** The orderer's PDF signatures of the renditions, when the laptop sent them. */
  pdf?: { uk: string; en: string } | null;
  signedBy: string;
  deviceId: string;
  signedAt: number;
}

export interface NewOrder {
  id: string;
  number: string;
  unitId: string;
  supplierId: string;
  kind: OrderKind;
  status: ServiceOrderStatus;
  signed: SignedVersion;
  at: number;
}

export function insertOrder(db: Db, order: NewOrder): void {
  db.prepare(
    `INSERT INTO orders (id, number, unit_id, supplier_id, kind, status, version, content, signature, pdf_uk, pdf_en, submitted_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    order.id,
    order.number,
    order.unitId,
    order.supplierId,
    order.kind,
    order.status,
    order.signed.content.version,
    order.signed.canonical,
    order.signed.signature,
    order.signed.pdf?.uk ?? null,
    order.signed.pdf?.en ?? null,
    order.at,
    order.at,
  );
  recordVersion(db, order.id, order.signed, order.at);
  replaceLines(db, order.id, order.signed.content);
}

/**
 * A newer signed version replaces the current one: content, signature,
 * status and lines; the promised date stays (an accepted proposal keeps it).
 */
export function replaceOrderVersion(db: Db, id: string, signed: SignedVersion, status: ServiceOrderStatus, promisedDate: string | null, at: number): void {
  db.prepare(
    'UPDATE orders SET version = ?, content = ?, signature = ?, pdf_uk = ?, pdf_en = ?, status = ?, promised_date = ?, ship_by = NULL, updated_at = ? WHERE id = ?',
  ).run(
    signed.content.version,
    signed.canonical,
    signed.signature,
    signed.pdf?.uk ?? null,
    signed.pdf?.en ?? null,
    status,
    promisedDate,
    at,
    id,
  );
  recordVersion(db, id, signed, at);
  replaceLines(db, id, signed.content);
}

function recordVersion(db: Db, id: string, signed: SignedVersion, at: number): void {
  db.prepare(
    `INSERT INTO order_versions (order_id, version, content, signature, pdf_uk, pdf_en, signed_by, device_id, signed_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, signed.content.version, signed.canonical, signed.signature, signed.pdf?.uk ?? null, signed.pdf?.en ?? null, signed.signedBy, signed.deviceId, signed.signedAt, at);
}

function replaceLines(db: Db, id: string, content: OrderContent): void {
  db.prepare('DELETE FROM order_lines WHERE order_id = ?').run(id);
  const insert = db.prepare('INSERT INTO order_lines (order_id, position, product_id, quantity) VALUES (?, ?, ?, ?)');
  content.lines.forEach((line, position) => insert.run(id, position, line.productId, line.quantity));
}

export interface OrderChange {
  status: ServiceOrderStatus;
  promisedDate?: string | null;
  shipBy?: string | null;
}

/** Move an order to a new status (and dates), with the event that says who did it and why. */
export function changeOrderStatus(db: Db, id: string, change: OrderChange, event: Omit<StoredEvent, 'status'>): void {
  const sets = ['status = @status', 'updated_at = @at'];
  if (change.promisedDate !== undefined) sets.push('promised_date = @promisedDate');
  if (change.shipBy !== undefined) sets.push('ship_by = @shipBy');
  db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE id = @id`).run({
    id,
    status: change.status,
    at: event.at,
    promisedDate: change.promisedDate ?? null,
    shipBy: change.shipBy ?? null,
  });
  appendOrderEvent(db, id, { ...event, status: change.status });
}

export function appendOrderEvent(db: Db, id: string, event: StoredEvent): void {
  db.prepare(
    `INSERT INTO order_events (order_id, position, status, at, actor, note)
     VALUES (?, (SELECT count(*) FROM order_events WHERE order_id = ?), ?, ?, ?, ?)`,
  ).run(id, id, event.status, event.at, event.actor, event.note);
}

/** When the rest of every line is expected (a ship-by or promised date). */
export function setLinesExpectedDate(db: Db, id: string, date: string | null): void {
  db.prepare('UPDATE order_lines SET expected_date = ? WHERE order_id = ?').run(date, id);
}
