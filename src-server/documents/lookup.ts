import type { AcceptanceCertificate, Invoice } from '@shared/service/documents';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { findCertificate, findCertificateByNumber } from '../store/documents-certificates';
import { findInvoice, findInvoiceByNumber } from '../store/documents-invoices';

/** The operator types either: the id from a log, or the number printed on the document. */

export function requireInvoice(db: Db, ref: string): Invoice {
  const trimmed = ref.trim();
  const invoice = findInvoice(db, trimmed) ?? findInvoiceByNumber(db, trimmed.toLocaleUpperCase('uk'));
  if (!invoice) throw new ServiceError('invoice.not_found', `No invoice ${trimmed}`);
  return invoice;
}

export function requireCertificate(db: Db, ref: string): AcceptanceCertificate {
  const trimmed = ref.trim();
  const certificate = findCertificate(db, trimmed) ?? findCertificateByNumber(db, trimmed.toLocaleUpperCase('uk'));
  if (!certificate) throw new ServiceError('certificate.not_found', `No acceptance certificate ${trimmed}`);
  return certificate;
}
