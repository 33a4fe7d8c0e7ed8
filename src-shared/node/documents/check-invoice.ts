import type { SignatureVerdict } from '../../api/documents';
import type { Invoice, InvoiceContent, ReceiptContent } from '../../service/documents';
import { canonical, type Canonical } from './digests';
import { judgeSignature, type DocumentTrust } from './verdict';

/**
 * An expenditure invoice checked offline, on the receiver's laptop before
 * signing and on the service when the receipt arrives: the supplier's
 * signature, the unit's receipt if there is one, and the invoice's own
 * arithmetic.
 */

/**
 * `document_mismatch`: the service's record and the signed content name a
 * different invoice, supplier, unit or order. `total_mismatch`: a line's
 * total is not quantity × price, or the invoice total not their sum.
 */
export type InvoiceProblem = 'document_mismatch' | 'total_mismatch';

export interface InvoiceCheck {
  supplier: SignatureVerdict;
  /** null while the unit has not signed. */
  receipt: SignatureVerdict | null;
  problem: InvoiceProblem | null;
}

export function checkInvoice(invoice: Invoice, trust: DocumentTrust): InvoiceCheck {
  return checkCanonicalInvoice(invoice, canonical(invoice.content), invoice.receipt && canonical(invoice.receipt.content), trust);
}

/** checkInvoice for a caller that has the canonical forms already (an acceptance certificate compares their digests). */
export function checkCanonicalInvoice(invoice: Invoice, invoiceForm: Canonical, receiptForm: Canonical | null, trust: DocumentTrust): InvoiceCheck {
  return {
    supplier: supplierVerdict(invoice, invoiceForm, trust),
    receipt: invoice.receipt && receiptForm ? receiptVerdict(invoice, invoiceForm, invoice.receipt, receiptForm, trust) : null,
    problem: invoiceProblem(invoice),
  };
}

/** The supplier the invoice names, and no other organisation or person, signed exactly this content. */
export function checkSupplierSignature(invoice: Invoice, trust: DocumentTrust): SignatureVerdict {
  return supplierVerdict(invoice, canonical(invoice.content), trust);
}

function supplierVerdict(invoice: Invoice, invoiceForm: Canonical, trust: DocumentTrust): SignatureVerdict {
  const { content } = invoice;
  return judgeSignature('supplier', invoiceForm.bytes, invoice.supplierSignature.cms, trust, (signer) => {
    if (signer.kind !== 'supplier') return 'role_missing';
    const named = signer.organisationId === invoice.supplierId && signer.organisationId === content.supplier.id && signer.edrpou === content.supplier.edrpou;
    return named ? null : 'signer_mismatch';
  });
}

/**
 * A receipt of `invoice`: signed by a receiver of the invoice's unit who is
 * the person the receipt names, quoting this invoice's digest, line by line
 * the invoice's positions, products and shipped quantities. Usable before
 * the receipt is attached (the service judging an incoming one).
 */
export function checkReceipt(invoice: Invoice, receipt: { content: ReceiptContent; signature: { cms: string } }, trust: DocumentTrust): SignatureVerdict {
  return receiptVerdict(invoice, canonical(invoice.content), receipt, canonical(receipt.content), trust);
}

function receiptVerdict(
  invoice: Invoice,
  invoiceForm: Canonical,
  receipt: { content: ReceiptContent; signature: { cms: string } },
  receiptForm: Canonical,
  trust: DocumentTrust,
): SignatureVerdict {
  const { content } = receipt;
  return judgeSignature('receiver', receiptForm.bytes, receipt.signature.cms, trust, (signer) => {
    if (signer.kind !== 'person' || !signer.roles.includes('receiver')) return 'role_missing';
    if (signer.unitId !== invoice.unitId || signer.personId !== content.receivedBy.personId) return 'signer_mismatch';
    return receiptMatches(invoice, invoiceForm.digest, content) ? null : 'receipt_mismatch';
  });
}

function receiptMatches(invoice: Invoice, digest: string, receipt: ReceiptContent): boolean {
  const { content } = invoice;
  if (receipt.invoiceId !== invoice.id || receipt.invoiceId !== content.invoiceId) return false;
  if (receipt.invoiceDigest !== digest) return false;
  if (receipt.unit.id !== invoice.unitId || receipt.unit.id !== content.unit.id || receipt.unit.number !== content.unit.number) return false;
  if (receipt.lines.length !== content.lines.length) return false;
  return receipt.lines.every((line, i) => {
    const shipped = content.lines[i];
    return (
      shipped !== undefined &&
      line.position === shipped.position &&
      line.productId === shipped.productId &&
      line.shippedQuantity === shipped.quantity &&
      Number.isInteger(line.receivedQuantity) &&
      line.receivedQuantity >= 0 &&
      line.receivedQuantity <= line.shippedQuantity
    );
  });
}

function invoiceProblem(invoice: Invoice): InvoiceProblem | null {
  const { content } = invoice;
  const sameDocument =
    content.invoiceId === invoice.id &&
    content.number === invoice.number &&
    content.supplier.id === invoice.supplierId &&
    content.unit.id === invoice.unitId &&
    content.contract.orderId === invoice.orderId;
  if (!sameDocument) return 'document_mismatch';
  return totalsAddUp(content) ? null : 'total_mismatch';
}

function totalsAddUp(content: InvoiceContent): boolean {
  let sum = 0;
  for (const line of content.lines) {
    if (line.totalKopiykas !== line.quantity * line.unitPriceKopiykas) return false;
    sum += line.totalKopiykas;
  }
  return sum === content.totalKopiykas;
}
