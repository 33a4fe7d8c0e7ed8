import type { Order, OrderContent } from '@shared/service/orders';

/** The orderer's PDF signatures of a version's renditions, per language (base64 DER CMS). */
export interface PdfSignatures {
  uk: string;
  en: string;
}
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/**
 * The unit's orders as the service publishes them, and this laptop's own
 * signed versions on their way (migration 0005). Both hold JSON that was
 * checked before it was written (the page schema, or OrderContentSchema
 * when signing), so it is read back without a second parse.
 */

export interface ServiceOrder extends Order {
  /** The service's time of the order's first event. */
  createdAt: string;
}

interface ServiceRow {
  id: string;
  number: string;
  unit_id: string;
  supplier_id: string;
  kind: Order['kind'];
  status: Order['status'];
  content: string;
  signature: string;
  pdf_signatures: string | null;
  promised_date: string | null;
  ship_by: string | null;
  lines: string;
  timeline: string;
  created_at: string;
  submitted_at: string;
  updated_at: string;
  change_seq: number;
}

function toServiceOrder(row: ServiceRow): ServiceOrder {
  return {
    id: row.id,
    number: row.number,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    kind: row.kind,
    status: row.status,
    content: JSON.parse(row.content) as OrderContent,
    signature: row.signature,
    pdfSignatures: row.pdf_signatures === null ? null : (JSON.parse(row.pdf_signatures) as PdfSignatures),
    promisedDate: row.promised_date,
    shipBy: row.ship_by,
    lines: JSON.parse(row.lines) as Order['lines'],
    timeline: JSON.parse(row.timeline) as Order['timeline'],
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    changeSeq: row.change_seq,
  };
}

export function readServiceOrders(db: Db): ServiceOrder[] {
  return (cached(db, 'SELECT * FROM orders').all() as ServiceRow[]).map(toServiceOrder);
}

export function readServiceOrder(db: Db, id: string): ServiceOrder | undefined {
  const row = cached(db, 'SELECT * FROM orders WHERE id = ?').get(id) as ServiceRow | undefined;
  return row ? toServiceOrder(row) : undefined;
}

/** Just the status, for the applier's before/after. */
export function readServiceStatus(db: Db, id: string): { status: Order['status']; version: number } | undefined {
  return cached(db, 'SELECT status, version FROM orders WHERE id = ?').get(id) as { status: Order['status']; version: number } | undefined;
}

export function writeServiceOrder(db: Db, id: string, order: Order): void {
  cached(
    db,
    `INSERT INTO orders (id, number, unit_id, supplier_id, kind, status, version, content, signature, pdf_signatures, promised_date, ship_by,
       lines, timeline, created_at, submitted_at, updated_at, change_seq)
     VALUES (@id, @number, @unitId, @supplierId, @kind, @status, @version, @content, @signature, @pdfSignatures, @promisedDate, @shipBy,
       @lines, @timeline, @createdAt, @submittedAt, @updatedAt, @changeSeq)
     ON CONFLICT (id) DO UPDATE SET number = excluded.number, unit_id = excluded.unit_id, supplier_id = excluded.supplier_id,
       kind = excluded.kind, status = excluded.status, version = excluded.version, content = excluded.content,
       signature = excluded.signature, pdf_signatures = excluded.pdf_signatures, promised_date = excluded.promised_date,
       ship_by = excluded.ship_by, lines = excluded.lines,
       timeline = excluded.timeline, created_at = excluded.created_at, submitted_at = excluded.submitted_at,
       updated_at = excluded.updated_at, change_seq = excluded.change_seq`,
  ).run({
    id,
    number: order.number,
    unitId: order.unitId,
    supplierId: order.supplierId,
    kind: order.kind,
    status: order.status,
    version: order.content.version,
    content: JSON.stringify(order.content),
    signature: order.signature,
    pdfSignatures: order.pdfSignatures ? JSON.stringify(order.pdfSignatures) : null,
    promisedDate: order.promisedDate,
    shipBy: order.shipBy,
    lines: JSON.stringify(order.lines),
    timeline: JSON.stringify(order.timeline),
    createdAt: order.timeline[0]?.at ?? order.submittedAt,
    submittedAt: order.submittedAt,
    updatedAt: order.updatedAt,
    changeSeq: order.changeSeq,
  });
}

export function deleteServiceOrder(db: Db, id: string): void {
  cached(db, 'DELETE FROM orders WHERE id = ?').run(id);
}

export function clearServiceOrders(db: Db): void {
  cached(db, 'DELETE FROM orders').run();
}

// ---- this laptop's signed versions ----

export interface SignedOrder {
  id: string;
  version: number;
  content: OrderContent;
  /** Base64 DER CMS. */
  signature: string;
  /** The orderer's PDF signatures of the version's renditions (absent for a version signed before issue 6). */
  pdfSignatures?: PdfSignatures | null;
  intentId: string;
  /** When the order was created (its draft's creation). */
  createdAt: string;
  signedAt: string;
}

interface SignedRow {
  id: string;
  version: number;
  content: string;
  signature: string;
  pdf_signatures: string | null;
  intent_id: string;
  created_at: string;
  signed_at: string;
}

function toSigned(row: SignedRow): SignedOrder {
  return {
    id: row.id,
    version: row.version,
    content: JSON.parse(row.content) as OrderContent,
    signature: row.signature,
    pdfSignatures: row.pdf_signatures === null ? null : (JSON.parse(row.pdf_signatures) as PdfSignatures),
    intentId: row.intent_id,
    createdAt: row.created_at,
    signedAt: row.signed_at,
  };
}

export function readSignedOrders(db: Db): SignedOrder[] {
  return (cached(db, 'SELECT * FROM order_signed').all() as SignedRow[]).map(toSigned);
}

export function readSignedOrder(db: Db, id: string): SignedOrder | undefined {
  const row = cached(db, 'SELECT * FROM order_signed WHERE id = ?').get(id) as SignedRow | undefined;
  return row ? toSigned(row) : undefined;
}

export function insertSignedOrder(db: Db, signed: SignedOrder): void {
  cached(
    db,
    `INSERT INTO order_signed (id, version, content, signature, pdf_signatures, intent_id, created_at, signed_at)
     VALUES (@id, @version, @content, @signature, @pdfSignatures, @intentId, @createdAt, @signedAt)`,
  ).run({ ...signed, content: JSON.stringify(signed.content), pdfSignatures: signed.pdfSignatures ? JSON.stringify(signed.pdfSignatures) : null });
}

/** The service has this version (or a later one): the local copy gives way to its row. */
export function deleteSignedUpTo(db: Db, id: string, version: number): boolean {
  return cached(db, 'DELETE FROM order_signed WHERE id = ? AND version <= ?').run(id, version).changes > 0;
}

export function deleteSigned(db: Db, id: string): void {
  cached(db, 'DELETE FROM order_signed WHERE id = ?').run(id);
}

/** A rejected submission the officer discarded takes its signed copy with it. */
export function deleteSignedOfIntent(db: Db, intentId: string): void {
  cached(db, 'DELETE FROM order_signed WHERE intent_id = ?').run(intentId);
}
