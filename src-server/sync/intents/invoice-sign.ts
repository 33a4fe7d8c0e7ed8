import { invoiceDigest, receiptDigest } from '@shared/node/documents/digests';
import { pdfSignatureReasons } from '@shared/node/pdf';
import { canonicalJsonBytes } from '@shared/node/signing';
import type { Invoice, ReceiptContent } from '@shared/service/documents';
import { recordDelivery } from '../../documents/delivery';
import { checkPdfRenditions } from '../../documents/pdf-signatures';
import { findInvoice, readInvoice, recordReceipt } from '../../store/documents-invoices';
import { insertInvoiceSignature } from '../../store/documents-signatures';
import { refuse, type IntentHandler } from './handler';
import { verifyReceiptSigner } from './receipt-signer';

/**
 * The unit's receiver signs for a delivery: what arrived of each line of
 * the invoice. Checked in this order: the invoice is the caller's unit's;
 * if the unit already signed for it, the same signature answers the
 * invoice as it stands and any other is refused; the signature and who
 * signed (receipt-signer.ts); the receipt is of exactly this invoice (its
 * digest) and of its lines; the PDF signatures. Only then is anything
 * written: the receipt, the invoice received, and the order's delivered
 * quantities and status (documents/delivery.ts).
 *
 * Received quantities between 0 and the shipped one, and a discrepancy for
 * any shortfall, are the payload schema's to enforce (sync.invalid_payload).
 */
export const invoiceSign: IntentHandler<'invoice.sign'> = ({ db, now, caller, payload, intent, trust, renditions }) => {
  const { receipt } = payload;
  const invoice = findInvoice(db, receipt.invoiceId);
  if (!invoice || invoice.unitId !== caller.person.unitId) refuse<'invoice.sign'>('invoice.not_found', `No invoice ${receipt.invoiceId} to your unit`, { invoiceId: receipt.invoiceId });
  // The dispatcher refuses an invoice.sign without a signature before the handler runs.
  const signature = intent.signature ?? '';
  if (invoice.receipt) {
    // The same signed receipt again under a new intent id (a second laptop's outbox, a restored one) changes nothing.
    if (Buffer.from(invoice.receipt.signature.cms, 'base64').equals(Buffer.from(signature, 'base64'))) return { invoice };
    refuse<'invoice.sign'>('invoice.already_received', `Invoice ${invoice.number} was already signed for by ${invoice.receipt.content.receivedBy.fullName}`, {
      number: invoice.number,
      receivedBy: invoice.receipt.content.receivedBy.username,
    });
  }

  const verified = verifyReceiptSigner({ db, now, caller, intent, receipt, invoice, trust });
  checkReceiptMatches(invoice, receipt);
  const pdf = checkPdfRenditions(
    renditions.of({ kind: 'invoice', content: invoice.content }),
    [{ reason: pdfSignatureReasons.supplier, pdf: invoice.supplierSignature.pdf }],
    { reason: pdfSignatureReasons.receiver, pdf: payload.signature.pdf },
    { requiredRole: 'receiver', certificateSerial: verified.certificateSerial, caCertificatePems: trust.caCertificatePems, now: new Date(now) },
  );
  if (pdf) refuse<'invoice.sign'>('invoice.bad_signature', `The ${pdf.language} PDF signature does not hold: ${pdf.problem}`, { problem: pdf.problem, language: pdf.language });

  const canonical = canonicalJsonBytes(receipt);
  recordReceipt(
    db,
    invoice.id,
    { canonical: canonical.toString('utf8'), digest: receiptDigest(receipt), received: new Map(receipt.lines.map((line) => [line.position, line.receivedQuantity])) },
    now,
  );
  insertInvoiceSignature(
    db,
    invoice.id,
    'receiver',
    { cms: signature, pdf: payload.signature.pdf, signerId: verified.signer.personId, deviceId: verified.signer.deviceId, signedAt: verified.signingTime.getTime() },
    now,
  );
  recordDelivery(db, invoice, receipt, now);
  return { invoice: readInvoice(db, invoice.id) };
};

/** The receipt is of this very invoice: its digest, and one line per invoice line with the same product and shipped quantity. */
function checkReceiptMatches(invoice: Invoice, receipt: ReceiptContent): void {
  if (receipt.invoiceDigest !== invoiceDigest(invoice.content)) {
    refuse<'invoice.sign'>('invoice.digest_mismatch', `The receipt is of another version of invoice ${invoice.number}`, { number: invoice.number });
  }
  const lines = invoice.content.lines;
  if (receipt.lines.length !== lines.length) {
    refuse<'invoice.sign'>('invoice.lines_mismatch', `Invoice ${invoice.number} has ${lines.length} lines; the receipt has ${receipt.lines.length}`, {
      number: invoice.number,
    });
  }
  receipt.lines.forEach((line, index) => {
    const shipped = lines[index];
    if (!shipped || line.position !== shipped.position || line.productId !== shipped.productId || line.shippedQuantity !== shipped.quantity) {
      refuse<'invoice.sign'>('invoice.lines_mismatch', `Line ${index + 1} of the receipt is not line ${index + 1} of invoice ${invoice.number}`, {
        number: invoice.number,
        line: index + 1,
      });
    }
  });
}
