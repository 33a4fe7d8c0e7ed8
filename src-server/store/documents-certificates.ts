import type { AcceptanceCertificate, CertificateContent, CertificateStatus, DocumentSignature } from '@shared/service/documents';
import { iso } from '../clock';
import type { Db } from './database';
import { signaturesColumn, signaturesFromJson } from './documents-signatures';

/**
 * The acceptance certificates tables (migration 4). A certificate is
 * published whole: its content and its three signature slots.
 */

export const CERTIFICATE_CHILD_COLUMNS = signaturesColumn('certificate_signatures', 'certificate_id', 'certificates');

export interface CertificateRow {
  id: string;
  number: string;
  unit_id: string;
  supplier_id: string;
  status: CertificateStatus;
  content: string;
  digest: string;
  paid_at: number | null;
  issued_at: number;
  updated_at: number;
  change_seq: number;
  signatures_json: string;
}

export function certificateFromRow(row: CertificateRow): AcceptanceCertificate {
  const signatures = signaturesFromJson(row.signatures_json);
  return {
    id: row.id,
    number: row.number,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    status: row.status,
    content: JSON.parse(row.content) as CertificateContent,
    signatures: { supplier: signatures.supplier as DocumentSignature, unit: signatures.unit ?? null, agency: signatures.agency ?? null },
    paidAt: row.paid_at === null ? null : iso(row.paid_at),
    updatedAt: iso(row.updated_at),
    changeSeq: row.change_seq,
  };
}

const SELECT = `SELECT certificates.*, ${CERTIFICATE_CHILD_COLUMNS} FROM certificates`;

export function findCertificate(db: Db, id: string): AcceptanceCertificate | undefined {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as CertificateRow | undefined;
  return row && certificateFromRow(row);
}

export function findCertificateByNumber(db: Db, number: string): AcceptanceCertificate | undefined {
  const row = db.prepare(`${SELECT} WHERE number = ?`).get(number) as CertificateRow | undefined;
  return row && certificateFromRow(row);
}

export function readCertificate(db: Db, id: string): AcceptanceCertificate {
  const certificate = findCertificate(db, id);
  if (!certificate) throw new Error(`Certificate ${id} cannot be read back`);
  return certificate;
}

export interface CertificateFilter {
  unitId?: string;
  status?: CertificateStatus;
  limit?: number;
}

/** Newest first. */
export function listCertificates(db: Db, filter: CertificateFilter = {}): AcceptanceCertificate[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit ?? 1000 };
  if (filter.unitId !== undefined) {
    where.push('unit_id = @unitId');
    params.unitId = filter.unitId;
  }
  if (filter.status !== undefined) {
    where.push('status = @status');
    params.status = filter.status;
  }
  const rows = db
    .prepare(`${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at DESC, number DESC LIMIT @limit`)
    .all(params) as CertificateRow[];
  return rows.map(certificateFromRow);
}

export interface NewCertificate {
  id: string;
  number: string;
  unitId: string;
  supplierId: string;
  canonical: string;
  digest: string;
  invoiceIds: readonly string[];
  at: number;
}

export function insertCertificate(db: Db, certificate: NewCertificate): void {
  db.prepare(
    `INSERT INTO certificates (id, number, unit_id, supplier_id, status, content, digest, issued_at, updated_at)
     VALUES (?, ?, ?, ?, 'issued', ?, ?, ?, ?)`,
  ).run(certificate.id, certificate.number, certificate.unitId, certificate.supplierId, certificate.canonical, certificate.digest, certificate.at, certificate.at);
  const insert = db.prepare('INSERT INTO certificate_invoices (certificate_id, position, invoice_id) VALUES (?, ?, ?)');
  certificate.invoiceIds.forEach((invoiceId, position) => insert.run(certificate.id, position, invoiceId));
}

export function setCertificateStatus(db: Db, id: string, status: CertificateStatus, at: number): void {
  db.prepare('UPDATE certificates SET status = ?, paid_at = CASE WHEN ? = \'paid\' THEN ? ELSE paid_at END, updated_at = ? WHERE id = ?').run(
    status,
    status,
    at,
    at,
    id,
  );
}

/** The certificate an invoice is listed in, if any. */
export function certificateOfInvoice(db: Db, invoiceId: string): string | undefined {
  const row = db.prepare('SELECT certificate_id FROM certificate_invoices WHERE invoice_id = ?').get(invoiceId) as { certificate_id: string } | undefined;
  return row?.certificate_id;
}

/** The orders whose invoices a certificate lists. */
export function ordersOfCertificate(db: Db, certificateId: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT i.order_id FROM certificate_invoices c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.certificate_id = ? ORDER BY i.order_id`,
    )
    .all(certificateId) as Array<{ order_id: string }>;
  return rows.map((row) => row.order_id);
}

/** How many of an order's invoices are not yet in a paid certificate. */
export function unpaidInvoicesOfOrder(db: Db, orderId: string): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM invoices i
       LEFT JOIN certificate_invoices c ON c.invoice_id = i.id
       LEFT JOIN certificates k ON k.id = c.certificate_id
       WHERE i.order_id = ? AND (k.status IS NULL OR k.status <> 'paid')`,
    )
    .get(orderId) as { n: number };
  return row.n;
}
