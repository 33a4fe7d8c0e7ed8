import { z } from 'zod';
import { named } from './registry';
import { CmsBase64Schema, IdSchema, PdfSignaturesSchema, TimestampSchema, UnitNumberSchema, UsernameSchema } from './common';
import { ChangeSeqSchema, EdrpouSchema, KopiykasSchema } from './catalogue';
import { CalendarDateSchema } from './orders';

/**
 * Delivery documents (DESIGN.md, "The documents and their lifecycles"):
 * the expenditure invoice (видаткова накладна) a supplier issues per
 * shipment and the unit's receiver signs on arrival, and the acceptance
 * certificate (акт приймання-передачі) the supplier draws up from the unit's
 * signed invoices, which the commander signs second and the agency third.
 *
 * Every signature is a detached CMS over the RFC 8785 canonical JSON of a
 * content object below (src-shared/node/signing). Beside it, each signer
 * also signs the document's PDF rendition, once per language, as an
 * incremental PDF signature (src-shared/node/pdf): those CMS blobs travel
 * with the document, so any laptop can rebuild, offline and byte for byte,
 * the PDF that carries every signature made so far.
 *
 * Primary-document fields follow the Law on Accounting, art. 9: name,
 * number, date, issuer with ЄДРПОУ, content and volume of the operation,
 * units of measure, positions and names of the responsible persons,
 * signatures.
 */

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/u);

/** Drones and parts are VAT-exempt under martial law; an invoice says so in these words. */
export const VAT_EXEMPTION_NOTE =
  'Без ПДВ: постачання звільнене від оподаткування ПДВ на період дії воєнного стану (підрозділ 2 розділу XX Податкового кодексу України)';

export const DOCUMENT_MAX_LINES = 200;
export const CERTIFICATE_MAX_INVOICES = 500;

const OrganisationRefSchema = z.object({ id: IdSchema, name: z.string().min(1).max(300), edrpou: EdrpouSchema }).strict();
const UnitRefSchema = z.object({ id: IdSchema, number: UnitNumberSchema, name: z.string().min(1).max(300) }).strict();
const ResponsiblePersonSchema = z.object({ position: z.string().min(1).max(200), fullName: z.string().min(1).max(200) }).strict();

// ---- the expenditure invoice (supplier signs) ----

export const INVOICE_CONTENT_SCHEMA = 'qm.invoice/1';

export const InvoiceLineSchema = named(
  'InvoiceLine',
  z
    .object({
      position: z.number().int().min(1).max(DOCUMENT_MAX_LINES),
      productId: IdSchema,
      sku: z.string().min(1).max(64),
      name: z.string().min(1).max(300),
      /** Unit of measure as printed (шт.). */
      unitOfMeasure: z.string().min(1).max(20),
      /** Shipped. */
      quantity: z.number().int().min(1).max(10_000),
      unitPriceKopiykas: KopiykasSchema.positive(),
      totalKopiykas: KopiykasSchema,
    })
    .strict(),
);
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

export const InvoiceContentSchema = named(
  'InvoiceContent',
  z
    .object({
      schema: z.literal(INVOICE_CONTENT_SCHEMA),
      invoiceId: IdSchema,
      /** The supplier's number, e.g. ВН-2026-000017. */
      number: z.string().min(1).max(40),
      date: CalendarDateSchema,
      supplier: OrganisationRefSchema,
      unit: UnitRefSchema,
      /** What the shipment delivers on: the unit's order (its id and the service's number). */
      contract: z.object({ orderId: z.uuidv7(), orderNumber: z.string().min(1).max(40) }).strict(),
      lines: z.array(InvoiceLineSchema).min(1).max(DOCUMENT_MAX_LINES),
      totalKopiykas: KopiykasSchema,
      vatNote: z.string().min(1).max(500),
      /** Who hands the goods over, for the supplier. */
      handedOverBy: z.array(ResponsiblePersonSchema).min(1).max(5),
      issuedAt: TimestampSchema,
    })
    .strict(),
  'The canonical content of an expenditure invoice, as the supplier signs it.',
);
export type InvoiceContent = z.infer<typeof InvoiceContentSchema>;

// ---- the unit's receipt of an invoice (receiver signs) ----

export const RECEIPT_CONTENT_SCHEMA = 'qm.receipt/1';

export const discrepancyKinds = ['short', 'damaged', 'wrong_item'] as const;
export const DiscrepancyKindSchema = named('DiscrepancyKind', z.enum(discrepancyKinds));

export const ReceiptLineSchema = named(
  'ReceiptLine',
  z
    .object({
      position: z.number().int().min(1).max(DOCUMENT_MAX_LINES),
      productId: IdSchema,
      shippedQuantity: z.number().int().min(1).max(10_000),
      /** What actually arrived in usable order: 0 … shipped. */
      receivedQuantity: z.number().int().min(0).max(10_000),
      discrepancy: z.object({ kind: DiscrepancyKindSchema, note: z.string().trim().max(500) }).strict().nullable(),
    })
    .strict()
    .refine((line) => line.receivedQuantity <= line.shippedQuantity, 'received more than was shipped')
    .refine((line) => line.receivedQuantity === line.shippedQuantity || line.discrepancy !== null, 'a shortfall needs a discrepancy'),
);
export type ReceiptLine = z.infer<typeof ReceiptLineSchema>;

export const ReceiptContentSchema = named(
  'ReceiptContent',
  z
    .object({
      schema: z.literal(RECEIPT_CONTENT_SCHEMA),
      invoiceId: IdSchema,
      /** SHA-256 (hex) of the invoice's canonical JSON: the receipt is of exactly that invoice. */
      invoiceDigest: Sha256HexSchema,
      unit: z.object({ id: IdSchema, number: UnitNumberSchema }).strict(),
      /** One per invoice line, in the invoice's order. */
      lines: z.array(ReceiptLineSchema).min(1).max(DOCUMENT_MAX_LINES),
      receivedBy: z.object({ personId: IdSchema, username: UsernameSchema, fullName: z.string().min(1).max(200) }).strict(),
      /** Client clock at signing: informational (the CMS signing time and the service's receipt time count). */
      receivedAt: TimestampSchema,
    })
    .strict(),
  "The canonical content of the unit's receipt of an invoice, as the receiver signs it.",
);
export type ReceiptContent = z.infer<typeof ReceiptContentSchema>;

// ---- the acceptance certificate (supplier, commander, agency sign the same content) ----

export const CERTIFICATE_CONTENT_SCHEMA = 'qm.acceptance/1';

export const CertificateInvoiceRefSchema = named(
  'CertificateInvoiceRef',
  z
    .object({
      invoiceId: IdSchema,
      number: z.string().min(1).max(40),
      /** SHA-256 of the invoice's canonical JSON. */
      invoiceDigest: Sha256HexSchema,
      /** SHA-256 of the unit's receipt's canonical JSON. */
      receiptDigest: Sha256HexSchema,
      /** Received quantities × unit prices. */
      acceptedKopiykas: KopiykasSchema,
    })
    .strict(),
);
export type CertificateInvoiceRef = z.infer<typeof CertificateInvoiceRefSchema>;

export const CertificateContentSchema = named(
  'CertificateContent',
  z
    .object({
      schema: z.literal(CERTIFICATE_CONTENT_SCHEMA),
      certificateId: IdSchema,
      /** The supplier's number, e.g. АПП-2026-000003. */
      number: z.string().min(1).max(40),
      date: CalendarDateSchema,
      period: z.object({ from: CalendarDateSchema, to: CalendarDateSchema }).strict(),
      supplier: OrganisationRefSchema,
      unit: UnitRefSchema,
      invoices: z.array(CertificateInvoiceRefSchema).min(1).max(CERTIFICATE_MAX_INVOICES),
      totalKopiykas: KopiykasSchema,
      handedOverBy: z.array(ResponsiblePersonSchema).min(1).max(5),
      issuedAt: TimestampSchema,
    })
    .strict(),
  'The canonical content of an acceptance certificate; the supplier, the commander and the agency each sign exactly this.',
);
export type CertificateContent = z.infer<typeof CertificateContentSchema>;

// ---- signatures as they travel ----

export const documentLanguages = ['uk', 'en'] as const;

export const DocumentSignatureSchema = named(
  'DocumentSignature',
  z
    .object({
      /** Base64 DER detached CMS over the content's canonical JSON. */
      cms: CmsBase64Schema,
      /** The signer's incremental PDF signature of the document's rendition in each language (base64 DER CMS over the byte ranges). */
      pdf: PdfSignaturesSchema,
      /** Service clock when the service received it. */
      receivedAt: TimestampSchema,
    })
    .strict(),
);
export type DocumentSignature = z.infer<typeof DocumentSignatureSchema>;

/** A signature on its way from a laptop: no service time yet. */
export const NewDocumentSignatureSchema = named(
  'NewDocumentSignature',
  z.object({ pdf: PdfSignaturesSchema }).strict(),
);

// ---- what the service publishes (documents scope) ----

export const invoiceStatuses = ['issued', 'received', 'certified'] as const;
export const InvoiceStatusSchema = named('InvoiceStatus', z.enum(invoiceStatuses));
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

export const InvoiceSchema = named(
  'Invoice',
  z
    .object({
      id: IdSchema,
      number: z.string().min(1).max(40),
      orderId: z.uuidv7(),
      unitId: IdSchema,
      supplierId: IdSchema,
      status: InvoiceStatusSchema,
      content: InvoiceContentSchema,
      supplierSignature: DocumentSignatureSchema,
      receipt: z.object({ content: ReceiptContentSchema, signature: DocumentSignatureSchema }).strict().nullable(),
      updatedAt: TimestampSchema,
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
  "An expenditure invoice to the caller's unit.",
);
export type Invoice = z.infer<typeof InvoiceSchema>;

export const certificateStatuses = ['issued', 'unit_signed', 'complete', 'paid'] as const;
export const CertificateStatusSchema = named('CertificateStatus', z.enum(certificateStatuses));
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

export const AcceptanceCertificateSchema = named(
  'AcceptanceCertificate',
  z
    .object({
      id: IdSchema,
      number: z.string().min(1).max(40),
      unitId: IdSchema,
      supplierId: IdSchema,
      status: CertificateStatusSchema,
      content: CertificateContentSchema,
      signatures: z
        .object({ supplier: DocumentSignatureSchema, unit: DocumentSignatureSchema.nullable(), agency: DocumentSignatureSchema.nullable() })
        .strict(),
      /** When the agency paid (status paid). */
      paidAt: TimestampSchema.nullable(),
      updatedAt: TimestampSchema,
      changeSeq: ChangeSeqSchema,
    })
    .strict(),
  "An acceptance certificate of the caller's unit with its three signature slots.",
);
export type AcceptanceCertificate = z.infer<typeof AcceptanceCertificateSchema>;

// ---- intents ----

/** `invoice.sign`: the receiver's receipt; the intent's signature covers the receipt's canonical JSON. entityId is the invoice id. */
export const InvoiceSignPayloadSchema = named(
  'InvoiceSignPayload',
  z.object({ receipt: ReceiptContentSchema, signature: NewDocumentSignatureSchema }).strict(),
);
export const InvoiceResultSchema = named('InvoiceResult', z.object({ invoice: InvoiceSchema }).strict());

/** `certificate.sign`: the commander's signature; the intent's signature covers the certificate content's canonical JSON. entityId is the certificate id. */
export const CertificateSignPayloadSchema = named(
  'CertificateSignPayload',
  z.object({ certificateId: IdSchema, contentDigest: Sha256HexSchema, signature: NewDocumentSignatureSchema }).strict(),
);
export const CertificateResultSchema = named('CertificateResult', z.object({ certificate: AcceptanceCertificateSchema }).strict());

// ---- supplier and agency actions (admin API and CLI) ----

export const InvoiceIssueRequestSchema = named(
  'InvoiceIssueRequest',
  z
    .object({
      /** Lines to ship: the order's outstanding quantities when absent. */
      lines: z.array(z.object({ productId: IdSchema, quantity: z.number().int().min(1).max(10_000) }).strict()).min(1).max(DOCUMENT_MAX_LINES).optional(),
    })
    .strict(),
  "The supplier ships (part of) a committed order and issues the invoice, signed with the supplier's key.",
);

export const CertificateIssueRequestSchema = named(
  'CertificateIssueRequest',
  z
    .object({
      unitNumber: UnitNumberSchema,
      supplierId: IdSchema,
      period: z.object({ from: CalendarDateSchema, to: CalendarDateSchema }).strict(),
      /** The invoices to list (received by the unit, not yet certified); all such in the period when absent. */
      invoiceIds: z.array(IdSchema).min(1).max(CERTIFICATE_MAX_INVOICES).optional(),
    })
    .strict(),
  "The supplier draws up an acceptance certificate from the unit's signed invoices and signs it.",
);

export const certificateActions = ['agency_sign', 'pay'] as const;
export const CertificateActionRequestSchema = named(
  'CertificateActionRequest',
  z.object({ action: z.enum(certificateActions) }).strict(),
  'The agency signs third (→ complete) and then pays (→ paid; the orders it covers become closed).',
);
