import { z } from 'zod';
import { named } from './registry';
import { UnitNumberSchema } from './common';
import { AcceptanceCertificateSchema, CertificateStatusSchema, InvoiceSchema, InvoiceStatusSchema } from './documents';
import type { CertificateActionRequestSchema, CertificateIssueRequestSchema, InvoiceIssueRequestSchema } from './documents';
import { normaliseUnitNumber } from './unit-number';

/**
 * The suppliers' and the agency's side of delivery documents on the
 * service's admin API (bearer: the admin token): the lookups around the
 * actions of documents.ts.
 */

export type InvoiceIssueRequest = z.infer<typeof InvoiceIssueRequestSchema>;
export type CertificateIssueRequest = z.infer<typeof CertificateIssueRequestSchema>;
export type CertificateActionRequest = z.infer<typeof CertificateActionRequestSchema>;

export const ADMIN_DOCUMENT_LIST_MAX = 1000;

const unitQuery = z.string().max(20).transform(normaliseUnitNumber).pipe(UnitNumberSchema).optional();
const limitQuery = z.coerce.number().int().min(1).max(ADMIN_DOCUMENT_LIST_MAX).optional();

export const AdminInvoiceListQuerySchema = z
  .object({
    /** The unit's number (А1234, 3017); Latin look-alikes and a "в/ч" prefix are folded as everywhere. */
    unit: unitQuery,
    status: InvoiceStatusSchema.optional(),
    /** Newest first, at most this many (default and maximum 1000). */
    limit: limitQuery,
  })
  .strict();

export const AdminCertificateListQuerySchema = z
  .object({
    unit: unitQuery,
    status: CertificateStatusSchema.optional(),
    limit: limitQuery,
  })
  .strict();

export const AdminDocumentRefParamsSchema = z
  .object({
    /** The document's id or its number (ВН-2026-000017, АПП-2026-000003). */
    id: z.string().trim().min(1).max(64),
  })
  .strict();

export const AdminInvoiceListSchema = named(
  'AdminInvoiceList',
  z.object({ invoices: z.array(InvoiceSchema) }).strict(),
  'Expenditure invoices of every unit (or of one), newest first.',
);
export type AdminInvoiceList = z.infer<typeof AdminInvoiceListSchema>;

export const AdminCertificateListSchema = named(
  'AdminCertificateList',
  z.object({ certificates: z.array(AcceptanceCertificateSchema) }).strict(),
  'Acceptance certificates of every unit (or of one), newest first.',
);
export type AdminCertificateList = z.infer<typeof AdminCertificateListSchema>;
