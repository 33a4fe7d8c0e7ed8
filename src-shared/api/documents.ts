import { z } from 'zod';
import {
  AcceptanceCertificateSchema,
  CertificateContentSchema,
  DiscrepancyKindSchema,
  InvoiceContentSchema,
  ReceiptContentSchema,
  certificateStatuses,
  invoiceStatuses,
} from '../service/documents';
import { BudgetOutlookSchema } from './ordering';

/**
 * The API of delivery documents (issue 6), between the renderer and the
 * core: invoices the receiver signs, acceptance certificates the commander
 * signs, PDF and .p7s export, and checking a document file from outside.
 */

const IdRequest = z.object({ id: z.string().min(1).max(64) }).strict();
export const DocumentIdRequestSchema = IdRequest;

/** Who signed, as a certificate names them: a person of a unit, or an organisation (a supplier, the agency). */
export const SignerViewSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  /** Person: their roles (orderer, receiver, commander); organisation: supplier or agency. */
  roles: z.array(z.string()),
  unitNumber: z.string().nullable(),
  edrpou: z.string().nullable(),
});
export type SignerView = z.infer<typeof SignerViewSchema>;

/** The offline verification of one signature against the CA certificates this laptop holds. */
export const SignatureVerdictSchema = z.object({
  /** Which slot or role the signature stands for (supplier, receiver, commander, agency, orderer). */
  slot: z.string(),
  valid: z.boolean(),
  /** Stable code of the failed check (translated as signature.<problem>), null when valid. */
  problem: z.string().nullable(),
  signer: SignerViewSchema.nullable(),
  signingTime: z.string().nullable(),
});
export type SignatureVerdict = z.infer<typeof SignatureVerdictSchema>;

// ---- invoices ----

/** Local `signed`: the receiver signed and the receipt waits in the outbox. */
export const invoiceViewStatuses = [...invoiceStatuses, 'signed'] as const;
export const InvoiceViewStatusSchema = z.enum(invoiceViewStatuses);

export const InvoiceSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  supplier: z.object({ id: z.string(), name: z.string(), edrpou: z.string() }),
  totalKopiykas: z.number().int().nonnegative(),
  lineCount: z.number().int().nonnegative(),
  status: InvoiceViewStatusSchema,
  /** Issued and not yet signed by the unit: the receiver's work. */
  awaitingUnit: z.boolean(),
  pending: z.boolean(),
  attention: z.boolean(),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

export const ReceiptLineInputSchema = z
  .object({
    position: z.number().int().min(1).max(200),
    receivedQuantity: z.number().int().min(0).max(10_000),
    discrepancy: z.object({ kind: DiscrepancyKindSchema, note: z.string().trim().max(500) }).strict().nullable(),
  })
  .strict();
export type ReceiptLineInput = z.infer<typeof ReceiptLineInputSchema>;

export const InvoiceDetailSchema = InvoiceSummarySchema.extend({
  content: InvoiceContentSchema,
  supplierSignature: SignatureVerdictSchema,
  /** The unit's signed receipt (the service's, or the laptop's own still in the outbox). */
  receipt: z.object({ content: ReceiptContentSchema, signature: SignatureVerdictSchema }).nullable(),
  /** Receiving is possible: issued, the supplier's signature verifies, the officer holds receiver, nothing pending. */
  canReceive: z.boolean(),
  /** Why not, when canReceive is false and the invoice awaits the unit (e.g. supplier_signature_invalid, role_missing). */
  receiveBlockedBy: z.string().nullable(),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetailSchema>;

export const InvoiceReceiptRequestSchema = z
  .object({ id: z.string().min(1).max(64), lines: z.array(ReceiptLineInputSchema).min(1).max(200) })
  .strict();

// ---- certificates ----

export const certificateViewStatuses = [...certificateStatuses, 'signed'] as const;
export const CertificateViewStatusSchema = z.enum(certificateViewStatuses);

export const CertificateSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  supplier: z.object({ id: z.string(), name: z.string(), edrpou: z.string() }),
  invoiceCount: z.number().int().nonnegative(),
  totalKopiykas: z.number().int().nonnegative(),
  status: CertificateViewStatusSchema,
  awaitingUnit: z.boolean(),
  pending: z.boolean(),
  attention: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

/** What the commander's laptop found for one listed invoice before offering to sign. */
export const ListedInvoiceCheckSchema = z.object({
  invoiceId: z.string(),
  number: z.string(),
  acceptedKopiykas: z.number().int().nonnegative(),
  /** null when all is well; otherwise: not_present, invoice_digest_mismatch, receipt_digest_mismatch, not_received_by_unit, receipt_signature_invalid, supplier_signature_invalid. */
  problem: z.string().nullable(),
});
export type ListedInvoiceCheck = z.infer<typeof ListedInvoiceCheckSchema>;

export const CertificateDetailSchema = CertificateSummarySchema.extend({
  content: CertificateContentSchema,
  /** The three slots in signing order: supplier, unit (commander), agency; null where not signed yet. */
  signatures: z.object({
    supplier: SignatureVerdictSchema,
    unit: SignatureVerdictSchema.nullable(),
    agency: SignatureVerdictSchema.nullable(),
  }),
  invoices: z.array(ListedInvoiceCheckSchema),
  canSign: z.boolean(),
  signBlockedBy: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type CertificateDetail = z.infer<typeof CertificateDetailSchema>;

// ---- signing previews (the same dialog as orders) ----

export const DocumentSigningPreviewSchema = z.object({
  id: z.string(),
  kind: z.enum(['receipt', 'certificate']),
  /** The receipt about to be signed, or the certificate content (the commander signs the supplier's content as is). */
  receipt: ReceiptContentSchema.nullable(),
  certificate: CertificateContentSchema.nullable(),
  canonicalJson: z.string(),
  digest: z.string().regex(/^[0-9a-f]{64}$/u),
  passphraseRequired: z.boolean(),
  budget: BudgetOutlookSchema.nullable(),
});
export type DocumentSigningPreview = z.infer<typeof DocumentSigningPreviewSchema>;

export const DocumentSignRequestSchema = z
  .object({ id: z.string().min(1).max(64), digest: z.string().regex(/^[0-9a-f]{64}$/u), passphrase: z.string().min(1).max(1024).optional() })
  .strict();

// ---- export and checking from outside ----

export const exportableKinds = ['order', 'invoice', 'certificate'] as const;
export const ExportRequestSchema = z
  .object({
    kind: z.enum(exportableKinds),
    id: z.string().min(1).max(64),
    /** pdf: the document with every signature embedded; p7s: a zip-less bundle is not offered, each signature is its own file (signatureIndex); json: the canonical content the .p7s signs. */
    format: z.enum(['pdf', 'p7s', 'json']),
    language: z.enum(['uk', 'en']),
    /** For p7s: which signature (0 = the first signer). */
    signatureIndex: z.number().int().min(0).max(10).optional(),
  })
  .strict();

export const ExportedFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
});
export type ExportedFile = z.infer<typeof ExportedFileSchema>;

/** Most bytes of one file handed to documentCheck (a signed certificate PDF with three signatures is far below). */
export const CHECK_MAX_FILE_BYTES = 10 * 1024 * 1024;

export const DocumentCheckRequestSchema = z
  .object({
    /** A signed PDF alone, or a document file and its .p7s. */
    files: z
      .array(z.object({ name: z.string().min(1).max(255), base64: z.string().max(Math.ceil((CHECK_MAX_FILE_BYTES * 4) / 3) + 4) }).strict())
      .min(1)
      .max(2),
  })
  .strict();

export const DocumentCheckReportSchema = z.object({
  /** What the file is, as far as the laptop can tell: a signed PDF, or content + detached signature. */
  format: z.enum(['pdf', 'detached']),
  /** order / invoice / receipt / certificate when the content is one of ours, else null. */
  documentKind: z.string().nullable(),
  documentNumber: z.string().nullable(),
  signatures: z.array(SignatureVerdictSchema),
});
export type DocumentCheckReport = z.infer<typeof DocumentCheckReportSchema>;

export { AcceptanceCertificateSchema };
