import type { SignatureVerdict } from '../../api/documents';
import type { AcceptanceCertificate, CertificateInvoiceRef, Invoice } from '../../service/documents';
import { canonicalJsonBytes } from '../signing/canonical-json';
import { checkCanonicalInvoice } from './check-invoice';
import { acceptedKopiykas, canonical } from './digests';
import { judgeSignature, type DocumentTrust } from './verdict';

/**
 * An acceptance certificate checked offline by the commander's laptop (and
 * by the service): its three signature slots, and each invoice it lists
 * against the unit's own copy, so the commander signs only for invoices the
 * unit has and received, exactly as the supplier quotes them.
 */

/**
 * Why a listed invoice stands in the way of signing:
 * - not_present: the laptop has no invoice of that id;
 * - duplicate: the certificate lists it twice;
 * - invoice_digest_mismatch: the unit's invoice is not the one the supplier quotes;
 * - other_unit / other_supplier: it is another unit's, or another supplier's, invoice;
 * - not_received_by_unit: the unit has not signed its receipt;
 * - receipt_digest_mismatch: the quoted receipt is not the unit's;
 * - amount_mismatch: the quoted number or accepted amount is not the invoice's and receipt's;
 * - supplier_signature_invalid / receipt_signature_invalid: a signature of the invoice does not hold.
 */
export type ListedInvoiceProblem =
  | 'not_present'
  | 'duplicate'
  | 'invoice_digest_mismatch'
  | 'other_unit'
  | 'other_supplier'
  | 'not_received_by_unit'
  | 'receipt_digest_mismatch'
  | 'amount_mismatch'
  | 'supplier_signature_invalid'
  | 'receipt_signature_invalid';

/**
 * About the certificate as a whole: `document_mismatch`, the service's
 * record and the signed content disagree (id, number, unit, supplier);
 * `other_unit`, it is not this unit's certificate; `total_mismatch`, its
 * total is not the sum of the amounts it lists.
 */
export type CertificateDocumentProblem = 'document_mismatch' | 'other_unit' | 'total_mismatch';

export interface ListedInvoiceCheck {
  invoiceId: string;
  number: string;
  acceptedKopiykas: number;
  problem: ListedInvoiceProblem | null;
}

export interface CertificateCheck {
  signatures: { supplier: SignatureVerdict; unit: SignatureVerdict | null; agency: SignatureVerdict | null };
  invoices: ListedInvoiceCheck[];
  problem: CertificateDocumentProblem | null;
  /** The unit may sign now: the supplier's signature holds, the unit has not signed, and nothing above is wrong. */
  signable: boolean;
}

export function checkCertificate(
  certificate: AcceptanceCertificate,
  invoicesById: ReadonlyMap<string, Invoice>,
  trust: DocumentTrust,
  unitId: string,
): CertificateCheck {
  const signatures = checkCertificateSignatures(certificate, trust, unitId);
  const seen = new Set<string>();
  const invoices = certificate.content.invoices.map((ref): ListedInvoiceCheck => {
    const problem = seen.has(ref.invoiceId) ? 'duplicate' : listedInvoiceProblem(ref, invoicesById.get(ref.invoiceId), certificate, unitId, trust);
    seen.add(ref.invoiceId);
    return { invoiceId: ref.invoiceId, number: ref.number, acceptedKopiykas: ref.acceptedKopiykas, problem };
  });
  const problem = certificateProblem(certificate, unitId);
  const signable = signatures.supplier.valid && signatures.unit === null && problem === null && invoices.every((i) => i.problem === null);
  return { signatures, invoices, problem, signable };
}

/**
 * The three slots, each over the same canonical content: the supplier the
 * certificate names; a commander of `unitId`; the agency. An empty slot
 * is null, not a failure.
 */
export function checkCertificateSignatures(certificate: AcceptanceCertificate, trust: DocumentTrust, unitId: string): CertificateCheck['signatures'] {
  const { content, signatures } = certificate;
  const bytes = canonicalJsonBytes(content);
  const supplier = judgeSignature('supplier', bytes, signatures.supplier.cms, trust, (signer) => {
    if (signer.kind !== 'supplier') return 'role_missing';
    const named = signer.organisationId === certificate.supplierId && signer.organisationId === content.supplier.id && signer.edrpou === content.supplier.edrpou;
    return named ? null : 'signer_mismatch';
  });
  const unit =
    signatures.unit &&
    judgeSignature('commander', bytes, signatures.unit.cms, trust, (signer) => {
      if (signer.kind !== 'person' || !signer.roles.includes('commander')) return 'role_missing';
      return signer.unitId === unitId && signer.unitId === content.unit.id ? null : 'signer_mismatch';
    });
  const agency = signatures.agency && judgeSignature('agency', bytes, signatures.agency.cms, trust, (signer) => (signer.kind === 'agency' ? null : 'role_missing'));
  return { supplier, unit, agency };
}

function listedInvoiceProblem(
  ref: CertificateInvoiceRef,
  invoice: Invoice | undefined,
  certificate: AcceptanceCertificate,
  unitId: string,
  trust: DocumentTrust,
): ListedInvoiceProblem | null {
  if (!invoice) return 'not_present';
  const { content } = invoice;
  const invoiceForm = canonical(content);
  if (invoice.id !== ref.invoiceId || invoiceForm.digest !== ref.invoiceDigest) return 'invoice_digest_mismatch';
  if (invoice.unitId !== unitId || content.unit.id !== certificate.content.unit.id) return 'other_unit';
  if (invoice.supplierId !== certificate.supplierId || content.supplier.id !== certificate.content.supplier.id || content.supplier.edrpou !== certificate.content.supplier.edrpou) {
    return 'other_supplier';
  }
  if (!invoice.receipt) return 'not_received_by_unit';
  const receiptForm = canonical(invoice.receipt.content);
  if (receiptForm.digest !== ref.receiptDigest) return 'receipt_digest_mismatch';
  if (ref.number !== content.number || ref.acceptedKopiykas !== acceptedKopiykas(content, invoice.receipt.content)) return 'amount_mismatch';
  const checked = checkCanonicalInvoice(invoice, invoiceForm, receiptForm, trust);
  if (!checked.supplier.valid || checked.problem !== null) return 'supplier_signature_invalid';
  if (!checked.receipt?.valid) return 'receipt_signature_invalid';
  return null;
}

function certificateProblem(certificate: AcceptanceCertificate, unitId: string): CertificateDocumentProblem | null {
  const { content } = certificate;
  const sameDocument =
    content.certificateId === certificate.id &&
    content.number === certificate.number &&
    content.supplier.id === certificate.supplierId &&
    content.unit.id === certificate.unitId;
  if (!sameDocument) return 'document_mismatch';
  if (certificate.unitId !== unitId) return 'other_unit';
  const sum = content.invoices.reduce((total, ref) => total + ref.acceptedKopiykas, 0);
  return sum === content.totalKopiykas ? null : 'total_mismatch';
}
