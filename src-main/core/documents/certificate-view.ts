import type { CertificateDetail, CertificateSummary } from '@shared/api/documents';
import { checkCertificate, type CertificateCheck } from '@shared/node/documents';
import type { Invoice } from '@shared/service/documents';
import type { Db } from '../store/db';
import { certificateAwaitsUnit, certificateStatusOf, readCertificateRecords, readInvoiceRecords, type CertificateRecord } from './records';
import { officerOf, trustOf, type DocumentTrust, type Officer } from './trust';

/**
 * The certificates area: the list and the certificate page with its three
 * signature slots and, before the commander may sign, the check of every
 * listed invoice against the invoices this laptop holds.
 */

export function toCertificateSummary(record: CertificateRecord): CertificateSummary {
  const { certificate } = record;
  const { content } = certificate;
  return {
    id: certificate.id,
    number: certificate.number,
    date: content.date,
    period: { from: content.period.from, to: content.period.to },
    supplier: { id: content.supplier.id, name: content.supplier.name, edrpou: content.supplier.edrpou },
    invoiceCount: content.invoices.length,
    totalKopiykas: content.totalKopiykas,
    status: certificateStatusOf(record),
    awaitingUnit: certificateAwaitsUnit(record),
    pending: record.pending,
    attention: record.attention,
  };
}

/** Those awaiting the commander first, then newest first. */
export function listCertificates(db: Db): CertificateSummary[] {
  return readCertificateRecords(db)
    .map(toCertificateSummary)
    .sort((a, b) => {
      if (a.awaitingUnit !== b.awaitingUnit) return a.awaitingUnit ? -1 : 1;
      if (a.date !== b.date) return a.date < b.date ? 1 : -1;
      return a.number < b.number ? 1 : a.number > b.number ? -1 : 0;
    });
}

/** The invoices as this laptop holds them, with its own receipts on their way in place. */
export function heldInvoices(db: Db): Map<string, Invoice> {
  return new Map(readInvoiceRecords(db).map((record) => [record.invoice.id, record.invoice]));
}

export function checkHeld(db: Db, record: CertificateRecord, trust: DocumentTrust, officer: Officer): CertificateCheck {
  return checkCertificate(record.certificate, heldInvoices(db), trust, officer.unitId ?? record.certificate.unitId);
}

/** Why the commander may not sign a certificate awaiting the unit, or null when they may. */
export function signBlock(record: CertificateRecord, check: CertificateCheck, officer: Officer): string | null {
  if (record.pending) return 'pending';
  if (check.invoices.some((invoice) => invoice.problem !== null)) return 'invoices_mismatch';
  if (!check.signatures.supplier.valid) return 'supplier_signature_invalid';
  if (check.problem !== null) return check.problem;
  if (!officer.roles.includes('commander')) return 'role_missing';
  return null;
}

export function certificateDetail(db: Db, record: CertificateRecord, trust: DocumentTrust, officer: Officer): CertificateDetail {
  const summary = toCertificateSummary(record);
  const check = checkHeld(db, record, trust, officer);
  const block = summary.awaitingUnit ? signBlock(record, check, officer) : null;
  return {
    ...summary,
    content: record.certificate.content,
    signatures: check.signatures,
    invoices: check.invoices,
    canSign: summary.awaitingUnit && block === null,
    signBlockedBy: block,
    paidAt: record.certificate.paidAt,
  };
}

export function certificateDetailIn(db: Db, record: CertificateRecord, now: number): CertificateDetail {
  return certificateDetail(db, record, trustOf(db, now), officerOf(db));
}
