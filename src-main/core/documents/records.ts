import type { CertificateViewStatusSchema, InvoiceViewStatusSchema } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import type { AcceptanceCertificate, Invoice } from '@shared/service/documents';
import type { z } from 'zod';
import type { IntentFlags } from '../orders/order-outbox';
import type { Db } from '../store/db';
import { readCertificate, readCertificates, readUnitSignature, readUnitSignatures, type UnitSignature } from './certificates-repo';
import { documentIntentFlags, documentIntentFlagsOf } from './document-outbox';
import { readInvoice, readInvoices, readSignedReceipt, readSignedReceipts, type SignedReceipt } from './invoices-repo';

/**
 * A document as this laptop knows it: the service's row with the unit's own
 * signature laid over it while that is on its way (DESIGN.md, "Sync":
 * server state with the pending intents overlaid), so a receipt signed
 * offline shows as signed at once and after a restart.
 */

export interface InvoiceRecord {
  /** The service's invoice with this laptop's signed receipt in place while the service has none. */
  invoice: Invoice;
  signed: SignedReceipt | undefined;
  pending: boolean;
  attention: boolean;
}

export interface CertificateRecord {
  /** The service's certificate with this laptop's commander signature in the unit slot while the service has none. */
  certificate: AcceptanceCertificate;
  signed: UnitSignature | undefined;
  pending: boolean;
  attention: boolean;
}

export type InvoiceViewStatus = z.infer<typeof InvoiceViewStatusSchema>;
export type CertificateViewStatus = z.infer<typeof CertificateViewStatusSchema>;

/** A local signature is pending until the service answers; a refused one waits in "needs attention" and is not. */
function flagsWith(flags: IntentFlags | undefined, signed: boolean): Pick<InvoiceRecord, 'pending' | 'attention'> {
  const attention = flags?.attention ?? false;
  return { pending: (flags?.pending ?? false) || (signed && !attention), attention };
}

function invoiceRecord(invoice: Invoice, signed: SignedReceipt | undefined, flags: IntentFlags | undefined): InvoiceRecord {
  const overlaid: Invoice =
    signed && invoice.receipt === null
      ? { ...invoice, receipt: { content: signed.content, signature: { cms: signed.cms, pdf: signed.pdf, receivedAt: signed.signedAt } } }
      : invoice;
  return { invoice: overlaid, signed, ...flagsWith(flags, signed !== undefined) };
}

function certificateRecord(certificate: AcceptanceCertificate, signed: UnitSignature | undefined, flags: IntentFlags | undefined): CertificateRecord {
  const overlaid: AcceptanceCertificate =
    signed && certificate.signatures.unit === null
      ? { ...certificate, signatures: { ...certificate.signatures, unit: { cms: signed.cms, pdf: signed.pdf, receivedAt: signed.signedAt } } }
      : certificate;
  return { certificate: overlaid, signed, ...flagsWith(flags, signed !== undefined) };
}

export function readInvoiceRecords(db: Db): InvoiceRecord[] {
  const signed = new Map(readSignedReceipts(db).map((receipt) => [receipt.invoiceId, receipt]));
  const flags = documentIntentFlags(db, 'invoice.sign');
  return readInvoices(db).map((invoice) => invoiceRecord(invoice, signed.get(invoice.id), flags.get(invoice.id)));
}

export function requireInvoiceRecord(db: Db, id: string): InvoiceRecord {
  const invoice = readInvoice(db, id);
  if (!invoice) throw new AppError('invoice.not_found', `No invoice ${id} on this laptop`, { id });
  return invoiceRecord(invoice, readSignedReceipt(db, id), documentIntentFlagsOf(db, 'invoice.sign', id));
}

export function readCertificateRecords(db: Db): CertificateRecord[] {
  const signed = new Map(readUnitSignatures(db).map((signature) => [signature.certificateId, signature]));
  const flags = documentIntentFlags(db, 'certificate.sign');
  return readCertificates(db).map((certificate) => certificateRecord(certificate, signed.get(certificate.id), flags.get(certificate.id)));
}

export function requireCertificateRecord(db: Db, id: string): CertificateRecord {
  const certificate = readCertificate(db, id);
  if (!certificate) throw new AppError('certificate.not_found', `No acceptance certificate ${id} on this laptop`, { id });
  return certificateRecord(certificate, readUnitSignature(db, id), documentIntentFlagsOf(db, 'certificate.sign', id));
}

/** `signed` while the laptop's own receipt is on its way (or refused), else the service's status. */
export function invoiceStatusOf(record: InvoiceRecord): InvoiceViewStatus {
  return record.signed && record.invoice.status === 'issued' ? 'signed' : record.invoice.status;
}

export function certificateStatusOf(record: CertificateRecord): CertificateViewStatus {
  return record.signed && record.certificate.status === 'issued' ? 'signed' : record.certificate.status;
}

/** The receiver's work: issued, and no receipt signed here or on the service. */
export function invoiceAwaitsUnit(record: InvoiceRecord): boolean {
  return record.invoice.status === 'issued' && record.invoice.receipt === null;
}

export function certificateAwaitsUnit(record: CertificateRecord): boolean {
  return record.certificate.status === 'issued' && record.certificate.signatures.unit === null;
}
