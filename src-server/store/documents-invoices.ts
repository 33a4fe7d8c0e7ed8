import type { DocumentSignature, Invoice, InvoiceContent, InvoiceStatus, ReceiptContent } from '@shared/service/documents';
import { iso } from '../clock';
import type { Db } from './database';
import { signaturesColumn, signaturesFromJson } from './documents-signatures';

/**
 * The invoices tables (migration 4). An invoice is published whole: its
 * content, the supplier's signature and, once the unit has signed, the
 * receipt with the receiver's signature.
 */

/** The select items of an invoice's signatures; sync/sources.ts and every read here use the same. */
export const INVOICE_CHILD_COLUMNS = signaturesColumn('invoice_signatures', 'invoice_id', 'invoices');

export interface InvoiceRow {
  id: string;
  number: string;
  order_id: string;
  unit_id: string;
  supplier_id: string;
  status: InvoiceStatus;
  content: string;
  digest: string;
  receipt: string | null;
  receipt_digest: string | null;
  issued_at: number;
  updated_at: number;
  change_seq: number;
  signatures_json: string;
}

export function invoiceFromRow(row: InvoiceRow): Invoice {
  const signatures = signaturesFromJson(row.signatures_json);
  const receiver = signatures.receiver;
  return {
    id: row.id,
    number: row.number,
    orderId: row.order_id,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    status: row.status,
    content: JSON.parse(row.content) as InvoiceContent,
    supplierSignature: signatures.supplier as DocumentSignature,
    receipt: row.receipt !== null && receiver ? { content: JSON.parse(row.receipt) as ReceiptContent, signature: receiver } : null,
    updatedAt: iso(row.updated_at),
    changeSeq: row.change_seq,
  };
}

const SELECT = `SELECT invoices.*, ${INVOICE_CHILD_COLUMNS} FROM invoices`;

export function findInvoice(db: Db, id: string): Invoice | undefined {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as InvoiceRow | undefined;
  return row && invoiceFromRow(row);
}

export function findInvoiceByNumber(db: Db, number: string): Invoice | undefined {
  const row = db.prepare(`${SELECT} WHERE number = ?`).get(number) as InvoiceRow | undefined;
  return row && invoiceFromRow(row);
}

/** Read back what was just written; its absence is a bug, not a refusal. */
export function readInvoice(db: Db, id: string): Invoice {
  const invoice = findInvoice(db, id);
  if (!invoice) throw new Error(`Invoice ${id} cannot be read back`);
  return invoice;
}

export interface InvoiceFilter {
  unitId?: string;
  supplierId?: string;
  orderId?: string;
  status?: InvoiceStatus;
  /** Invoice dates (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/** Newest first. */
export function listInvoices(db: Db, filter: InvoiceFilter = {}): Invoice[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit ?? 1000 };
  const add = (sql: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params[name] = value;
  };
  add('unit_id = @unitId', 'unitId', filter.unitId);
  add('supplier_id = @supplierId', 'supplierId', filter.supplierId);
  add('order_id = @orderId', 'orderId', filter.orderId);
  add('status = @status', 'status', filter.status);
  add("json_extract(content, '$.date') >= @from", 'from', filter.from);
  add("json_extract(content, '$.date') <= @to", 'to', filter.to);
  const rows = db
    .prepare(`${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at DESC, number DESC LIMIT @limit`)
    .all(params) as InvoiceRow[];
  return rows.map(invoiceFromRow);
}

/** One line of an invoice as the service tracks it: which order line it ships, and what arrived. */
export interface InvoiceLineRecord {
  /** On the invoice, from 1. */
  position: number;
  /** The order line it ships (0-based, as order_lines). */
  orderPosition: number;
  productId: string;
  quantity: number;
  receivedQuantity: number | null;
}

export function invoiceLines(db: Db, invoiceId: string): InvoiceLineRecord[] {
  return db
    .prepare(
      `SELECT position, order_position AS orderPosition, product_id AS productId, quantity, received_quantity AS receivedQuantity
       FROM invoice_lines WHERE invoice_id = ? ORDER BY position`,
    )
    .all(invoiceId) as InvoiceLineRecord[];
}

/** Per order line (0-based position): what issued invoices ship that the unit has not yet received. */
export function quantitiesInTransit(db: Db, orderId: string): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT l.order_position AS position, sum(l.quantity) AS quantity
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.order_id = ? AND i.status = 'issued' GROUP BY l.order_position`,
    )
    .all(orderId) as Array<{ position: number; quantity: number }>;
  return new Map(rows.map((row) => [row.position, row.quantity]));
}

export interface NewInvoice {
  id: string;
  number: string;
  orderId: string;
  unitId: string;
  supplierId: string;
  /** The canonical JSON the supplier signs, and its SHA-256. */
  canonical: string;
  digest: string;
  lines: ReadonlyArray<Omit<InvoiceLineRecord, 'receivedQuantity'>>;
  at: number;
}

export function insertInvoice(db: Db, invoice: NewInvoice): void {
  db.prepare(
    `INSERT INTO invoices (id, number, order_id, unit_id, supplier_id, status, content, digest, issued_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?)`,
  ).run(invoice.id, invoice.number, invoice.orderId, invoice.unitId, invoice.supplierId, invoice.canonical, invoice.digest, invoice.at, invoice.at);
  const insert = db.prepare('INSERT INTO invoice_lines (invoice_id, position, order_position, product_id, quantity) VALUES (?, ?, ?, ?, ?)');
  for (const line of invoice.lines) insert.run(invoice.id, line.position, line.orderPosition, line.productId, line.quantity);
}

/** The unit's receipt: its canonical JSON and digest, and the received quantity of each line (by invoice position). */
export function recordReceipt(db: Db, id: string, receipt: { canonical: string; digest: string; received: ReadonlyMap<number, number> }, at: number): void {
  db.prepare("UPDATE invoices SET status = 'received', receipt = ?, receipt_digest = ?, updated_at = ? WHERE id = ?").run(receipt.canonical, receipt.digest, at, id);
  const update = db.prepare('UPDATE invoice_lines SET received_quantity = ? WHERE invoice_id = ? AND position = ?');
  for (const [position, quantity] of receipt.received) update.run(quantity, id, position);
}

export function setInvoiceStatus(db: Db, id: string, status: InvoiceStatus, at: number): void {
  db.prepare('UPDATE invoices SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
}

/** The digests a certificate names an invoice by, as stored (the bytes each signature covers). */
export function invoiceDigests(db: Db, id: string): { digest: string; receiptDigest: string | null } | undefined {
  const row = db.prepare('SELECT digest, receipt_digest FROM invoices WHERE id = ?').get(id) as { digest: string; receipt_digest: string | null } | undefined;
  return row && { digest: row.digest, receiptDigest: row.receipt_digest };
}
