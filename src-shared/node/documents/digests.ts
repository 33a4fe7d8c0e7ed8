import type { CertificateContent, InvoiceContent, ReceiptContent } from '../../service/documents';
import { canonicalJsonBytes } from '../signing/canonical-json';
import { sha256Hex } from '../signing/digest';

/**
 * The digests documents quote of each other (a receipt of its invoice, an
 * acceptance certificate of its invoices and their receipts): SHA-256, in
 * lower-case hex, of the RFC 8785 canonical JSON, i.e. of exactly the bytes
 * the signature covers.
 */

export function invoiceDigest(content: InvoiceContent): string {
  return sha256Hex(canonicalJsonBytes(content));
}

export function receiptDigest(content: ReceiptContent): string {
  return sha256Hex(canonicalJsonBytes(content));
}

export function certificateDigest(content: CertificateContent): string {
  return sha256Hex(canonicalJsonBytes(content));
}

/** A content's signed bytes and their digest, made once: canonical JSON costs more than the hash and the RSA check together. */
export interface Canonical {
  bytes: Buffer;
  digest: string;
}

export function canonical(content: InvoiceContent | ReceiptContent | CertificateContent): Canonical {
  const bytes = canonicalJsonBytes(content);
  return { bytes, digest: sha256Hex(bytes) };
}

/**
 * What the unit accepted of an invoice, in kopiykas: each line's received
 * quantity at the invoice's unit price. An acceptance certificate lists
 * this per invoice; a receipt line without its invoice line counts nothing
 * (checkInvoice reports such a receipt as not matching the invoice).
 */
export function acceptedKopiykas(invoice: InvoiceContent, receipt: ReceiptContent): number {
  const prices = new Map(invoice.lines.map((line) => [line.position, line.unitPriceKopiykas]));
  return receipt.lines.reduce((sum, line) => sum + line.receivedQuantity * (prices.get(line.position) ?? 0), 0);
}
