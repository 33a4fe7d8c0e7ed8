/** Delivery documents checked offline, the same on the laptop and on the service: digests, invoices, acceptance certificates. */
export { acceptedKopiykas, certificateDigest, invoiceDigest, receiptDigest } from './digests';
export { checkInvoice, checkReceipt, checkSupplierSignature, type InvoiceCheck, type InvoiceProblem } from './check-invoice';
export {
  checkCertificate,
  checkCertificateSignatures,
  type CertificateCheck,
  type CertificateDocumentProblem,
  type ListedInvoiceCheck,
  type ListedInvoiceProblem,
} from './check-certificate';
export { judgeSignature, signerView, type DocumentTrust, type SignerJudge, type VerdictProblem, type VerdictSlot } from './verdict';
