import type { DocumentSignature, Invoice, ReceiptContent } from '@shared/service/documents';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/**
 * The unit's invoices as the `documents` scope publishes them, the receipt
 * a signing preview prepared, and this laptop's signed receipts on their
 * way (migration 0006). The JSON was checked before it was written (the
 * page schema, or ReceiptContentSchema when preparing), so it is read back
 * without a second parse.
 */

interface InvoiceRow {
  id: string;
  number: string;
  order_id: string;
  unit_id: string;
  supplier_id: string;
  status: Invoice['status'];
  content: string;
  supplier_signature: string;
  receipt: string | null;
  updated_at: string;
  change_seq: number;
}

function toInvoice(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    number: row.number,
    orderId: row.order_id,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    status: row.status,
    content: JSON.parse(row.content) as Invoice['content'],
    supplierSignature: JSON.parse(row.supplier_signature) as DocumentSignature,
    receipt: row.receipt === null ? null : (JSON.parse(row.receipt) as Invoice['receipt']),
    updatedAt: row.updated_at,
    changeSeq: row.change_seq,
  };
}

export function readInvoices(db: Db): Invoice[] {
  return (cached(db, 'SELECT * FROM invoices').all() as InvoiceRow[]).map(toInvoice);
}

export function readInvoice(db: Db, id: string): Invoice | undefined {
  const row = cached(db, 'SELECT * FROM invoices WHERE id = ?').get(id) as InvoiceRow | undefined;
  return row ? toInvoice(row) : undefined;
}

export function readInvoicesOfOrder(db: Db, orderId: string): Invoice[] {
  return (cached(db, 'SELECT * FROM invoices WHERE order_id = ?').all(orderId) as InvoiceRow[]).map(toInvoice);
}

export function readInvoiceStatus(db: Db, id: string): Invoice['status'] | undefined {
  return cached(db, 'SELECT status FROM invoices WHERE id = ?').pluck().get(id) as Invoice['status'] | undefined;
}

export function writeInvoice(db: Db, invoice: Invoice): void {
  cached(
    db,
    `INSERT INTO invoices (id, number, order_id, unit_id, supplier_id, status, date, content, supplier_signature, receipt, updated_at, change_seq)
     VALUES (@id, @number, @orderId, @unitId, @supplierId, @status, @date, @content, @supplierSignature, @receipt, @updatedAt, @changeSeq)
     ON CONFLICT (id) DO UPDATE SET number = excluded.number, order_id = excluded.order_id, unit_id = excluded.unit_id,
       supplier_id = excluded.supplier_id, status = excluded.status, date = excluded.date, content = excluded.content,
       supplier_signature = excluded.supplier_signature, receipt = excluded.receipt, updated_at = excluded.updated_at,
       change_seq = excluded.change_seq`,
  ).run({
    id: invoice.id,
    number: invoice.number,
    orderId: invoice.orderId,
    unitId: invoice.unitId,
    supplierId: invoice.supplierId,
    status: invoice.status,
    date: invoice.content.date,
    content: JSON.stringify(invoice.content),
    supplierSignature: JSON.stringify(invoice.supplierSignature),
    receipt: invoice.receipt === null ? null : JSON.stringify(invoice.receipt),
    updatedAt: invoice.updatedAt,
    changeSeq: invoice.changeSeq,
  });
}

export function deleteInvoice(db: Db, id: string): void {
  cached(db, 'DELETE FROM invoices WHERE id = ?').run(id);
}

export function clearInvoices(db: Db): void {
  cached(db, 'DELETE FROM invoices').run();
}

// ---- the receipt a preview showed ----

export function writePreparedReceipt(db: Db, receipt: ReceiptContent, at: string): void {
  cached(
    db,
    `INSERT INTO receipt_prepared (invoice_id, content, prepared_at) VALUES (?, ?, ?)
     ON CONFLICT (invoice_id) DO UPDATE SET content = excluded.content, prepared_at = excluded.prepared_at`,
  ).run(receipt.invoiceId, JSON.stringify(receipt), at);
}

/** The prepared receipt as stored (its JSON text too: signing compares it to be sure nothing moved meanwhile). */
export function readPreparedReceipt(db: Db, invoiceId: string): { content: ReceiptContent; json: string } | undefined {
  const json = cached(db, 'SELECT content FROM receipt_prepared WHERE invoice_id = ?').pluck().get(invoiceId) as string | undefined;
  return json === undefined ? undefined : { content: JSON.parse(json) as ReceiptContent, json };
}

export function deletePreparedReceipt(db: Db, invoiceId: string): void {
  cached(db, 'DELETE FROM receipt_prepared WHERE invoice_id = ?').run(invoiceId);
}

// ---- this laptop's signed receipts ----

export interface SignedReceipt {
  invoiceId: string;
  orderId: string;
  content: ReceiptContent;
  /** Base64 DER CMS over the receipt's canonical JSON. */
  cms: string;
  /** The receiver's PDF signatures (base64 DER CMS), per language. */
  pdf: { uk: string; en: string };
  intentId: string;
  signedAt: string;
}

interface SignedRow {
  invoice_id: string;
  order_id: string;
  content: string;
  cms: string;
  pdf: string;
  intent_id: string;
  signed_at: string;
}

function toSigned(row: SignedRow): SignedReceipt {
  return {
    invoiceId: row.invoice_id,
    orderId: row.order_id,
    content: JSON.parse(row.content) as ReceiptContent,
    cms: row.cms,
    pdf: JSON.parse(row.pdf) as SignedReceipt['pdf'],
    intentId: row.intent_id,
    signedAt: row.signed_at,
  };
}

export function readSignedReceipts(db: Db): SignedReceipt[] {
  return (cached(db, 'SELECT * FROM receipt_signed').all() as SignedRow[]).map(toSigned);
}

export function readSignedReceipt(db: Db, invoiceId: string): SignedReceipt | undefined {
  const row = cached(db, 'SELECT * FROM receipt_signed WHERE invoice_id = ?').get(invoiceId) as SignedRow | undefined;
  return row ? toSigned(row) : undefined;
}

export function readSignedReceiptsOfOrder(db: Db, orderId: string): SignedReceipt[] {
  return (cached(db, 'SELECT * FROM receipt_signed WHERE order_id = ?').all(orderId) as SignedRow[]).map(toSigned);
}

export function insertSignedReceipt(db: Db, signed: SignedReceipt): void {
  cached(
    db,
    `INSERT INTO receipt_signed (invoice_id, order_id, content, cms, pdf, intent_id, signed_at)
     VALUES (@invoiceId, @orderId, @content, @cms, @pdf, @intentId, @signedAt)`,
  ).run({ ...signed, content: JSON.stringify(signed.content), pdf: JSON.stringify(signed.pdf) });
}

export function deleteSignedReceipt(db: Db, invoiceId: string): void {
  cached(db, 'DELETE FROM receipt_signed WHERE invoice_id = ?').run(invoiceId);
}

/** A refused receipt the officer discarded takes its signed copy with it: the invoice awaits the unit again. */
export function deleteSignedReceiptOfIntent(db: Db, intentId: string): void {
  cached(db, 'DELETE FROM receipt_signed WHERE intent_id = ?').run(intentId);
}
