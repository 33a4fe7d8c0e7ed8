import type { AcceptanceCertificate } from '@shared/service/documents';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/**
 * The unit's acceptance certificates as the `documents` scope publishes
 * them, and this laptop's commander signatures on their way (migration
 * 0006). Stored JSON was checked before it was written.
 */

interface CertificateRow {
  id: string;
  number: string;
  unit_id: string;
  supplier_id: string;
  status: AcceptanceCertificate['status'];
  content: string;
  signatures: string;
  paid_at: string | null;
  updated_at: string;
  change_seq: number;
}

function toCertificate(row: CertificateRow): AcceptanceCertificate {
  return {
    id: row.id,
    number: row.number,
    unitId: row.unit_id,
    supplierId: row.supplier_id,
    status: row.status,
    content: JSON.parse(row.content) as AcceptanceCertificate['content'],
    signatures: JSON.parse(row.signatures) as AcceptanceCertificate['signatures'],
    paidAt: row.paid_at,
    updatedAt: row.updated_at,
    changeSeq: row.change_seq,
  };
}

export function readCertificates(db: Db): AcceptanceCertificate[] {
  return (cached(db, 'SELECT * FROM certificates').all() as CertificateRow[]).map(toCertificate);
}

export function readCertificate(db: Db, id: string): AcceptanceCertificate | undefined {
  const row = cached(db, 'SELECT * FROM certificates WHERE id = ?').get(id) as CertificateRow | undefined;
  return row ? toCertificate(row) : undefined;
}

export function readCertificateStatus(db: Db, id: string): AcceptanceCertificate['status'] | undefined {
  return cached(db, 'SELECT status FROM certificates WHERE id = ?').pluck().get(id) as AcceptanceCertificate['status'] | undefined;
}

export function writeCertificate(db: Db, certificate: AcceptanceCertificate): void {
  cached(
    db,
    `INSERT INTO certificates (id, number, unit_id, supplier_id, status, date, content, signatures, paid_at, updated_at, change_seq)
     VALUES (@id, @number, @unitId, @supplierId, @status, @date, @content, @signatures, @paidAt, @updatedAt, @changeSeq)
     ON CONFLICT (id) DO UPDATE SET number = excluded.number, unit_id = excluded.unit_id, supplier_id = excluded.supplier_id,
       status = excluded.status, date = excluded.date, content = excluded.content, signatures = excluded.signatures,
       paid_at = excluded.paid_at, updated_at = excluded.updated_at, change_seq = excluded.change_seq`,
  ).run({
    id: certificate.id,
    number: certificate.number,
    unitId: certificate.unitId,
    supplierId: certificate.supplierId,
    status: certificate.status,
    date: certificate.content.date,
    content: JSON.stringify(certificate.content),
    signatures: JSON.stringify(certificate.signatures),
    paidAt: certificate.paidAt,
    updatedAt: certificate.updatedAt,
    changeSeq: certificate.changeSeq,
  });
}

export function deleteCertificate(db: Db, id: string): void {
  cached(db, 'DELETE FROM certificates WHERE id = ?').run(id);
}

export function clearCertificates(db: Db): void {
  cached(db, 'DELETE FROM certificates').run();
}

// ---- this laptop's commander signatures ----

export interface UnitSignature {
  certificateId: string;
  /** SHA-256 of the signed content's canonical JSON. */
  contentDigest: string;
  /** Base64 DER CMS over the content's canonical JSON. */
  cms: string;
  pdf: { uk: string; en: string };
  intentId: string;
  signedAt: string;
}

interface SignedRow {
  certificate_id: string;
  content_digest: string;
  cms: string;
  pdf: string;
  intent_id: string;
  signed_at: string;
}

function toSigned(row: SignedRow): UnitSignature {
  return {
    certificateId: row.certificate_id,
    contentDigest: row.content_digest,
    cms: row.cms,
    pdf: JSON.parse(row.pdf) as UnitSignature['pdf'],
    intentId: row.intent_id,
    signedAt: row.signed_at,
  };
}

export function readUnitSignatures(db: Db): UnitSignature[] {
  return (cached(db, 'SELECT * FROM certificate_signed').all() as SignedRow[]).map(toSigned);
}

export function readUnitSignature(db: Db, certificateId: string): UnitSignature | undefined {
  const row = cached(db, 'SELECT * FROM certificate_signed WHERE certificate_id = ?').get(certificateId) as SignedRow | undefined;
  return row ? toSigned(row) : undefined;
}

export function insertUnitSignature(db: Db, signed: UnitSignature): void {
  cached(
    db,
    `INSERT INTO certificate_signed (certificate_id, content_digest, cms, pdf, intent_id, signed_at)
     VALUES (@certificateId, @contentDigest, @cms, @pdf, @intentId, @signedAt)`,
  ).run({ ...signed, pdf: JSON.stringify(signed.pdf) });
}

export function deleteUnitSignature(db: Db, certificateId: string): void {
  cached(db, 'DELETE FROM certificate_signed WHERE certificate_id = ?').run(certificateId);
}

export function deleteUnitSignatureOfIntent(db: Db, intentId: string): void {
  cached(db, 'DELETE FROM certificate_signed WHERE intent_id = ?').run(intentId);
}
