import { v7 as uuidv7 } from 'uuid';
import { acceptedKopiykas, invoiceDigest, receiptDigest } from '@shared/node/documents/digests';
import { sha256Hex } from '@shared/node/signing';
import type { Supplier } from '@shared/service/catalogue';
import {
  CERTIFICATE_CONTENT_SCHEMA,
  CertificateContentSchema,
  type CertificateContent,
  type CertificateInvoiceRef,
  type Invoice,
} from '@shared/service/documents';
import type { CertificateIssueRequest } from '@shared/service/documents-admin';
import { iso } from '../clock';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import type { UnitRecord } from '../store/units';
import { certificateHandedOverBy } from './parties';

/**
 * An invoice as a certificate lists it: by id and number, the digests of
 * the invoice and of the unit's receipt (the bytes each signature covers),
 * and what the unit accepted: received quantities at the invoice's prices.
 */
export function invoiceRef(invoice: Invoice): CertificateInvoiceRef {
  const { receipt } = invoice;
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    invoiceDigest: invoiceDigest(invoice.content),
    // Only the test hook lists an invoice with no receipt: it names a receipt that does not exist.
    receiptDigest: receipt ? receiptDigest(receipt.content) : sha256Hex(Buffer.from(`no receipt of ${invoice.id}`)),
    acceptedKopiykas: receipt ? acceptedKopiykas(invoice.content, receipt.content) : invoice.content.totalKopiykas,
  };
}

export function buildCertificateContent(input: {
  supplier: Supplier;
  unit: UnitRecord;
  period: CertificateIssueRequest['period'];
  invoices: readonly Invoice[];
  number: string;
  now: number;
}): CertificateContent {
  const { supplier, unit, period, number, now } = input;
  const invoices = input.invoices.map(invoiceRef);
  return CertificateContentSchema.parse({
    schema: CERTIFICATE_CONTENT_SCHEMA,
    certificateId: uuidv7(),
    number,
    date: kyivDate(now),
    period: { from: period.from, to: period.to },
    supplier: { id: supplier.id, name: supplier.name, edrpou: supplier.edrpou },
    unit: { id: unit.id, number: unit.number, name: unit.name },
    invoices,
    totalKopiykas: invoices.reduce((sum, ref) => sum + ref.acceptedKopiykas, 0),
    handedOverBy: certificateHandedOverBy(supplier.id),
    issuedAt: iso(now),
  } satisfies CertificateContent);
}
