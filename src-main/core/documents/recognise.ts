import { z } from 'zod';
import type { PdfSignatureSlot } from '@shared/node/pdf/reasons';
import { CERTIFICATE_CONTENT_SCHEMA, INVOICE_CONTENT_SCHEMA, RECEIPT_CONTENT_SCHEMA } from '@shared/service/documents';
import { ORDER_CONTENT_SCHEMA } from '@shared/service/orders';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/**
 * What a document file opened from disk is, as far as its JSON says: one of
 * our signed contents (by its `schema` field) and its number. A receipt and
 * an order carry no number of their own: the number of the invoice or
 * order this laptop holds is given, if it holds it. Only the fields read
 * are checked; the signature check decides whether the content is genuine.
 */

export interface Recognised {
  kind: 'order' | 'invoice' | 'receipt' | 'certificate';
  number: string | null;
  /** The slot a signature of this content fills; null for a certificate, whose three signers all sign the same content. */
  slot: PdfSignatureSlot | null;
}

const Id = z.string().min(1).max(64);
const ContentSchema = z.discriminatedUnion('schema', [
  z.object({ schema: z.literal(ORDER_CONTENT_SCHEMA), orderId: Id }),
  z.object({ schema: z.literal(INVOICE_CONTENT_SCHEMA), number: z.string().max(40) }),
  z.object({ schema: z.literal(RECEIPT_CONTENT_SCHEMA), invoiceId: Id }),
  z.object({ schema: z.literal(CERTIFICATE_CONTENT_SCHEMA), number: z.string().max(40) }),
]);

function parse(bytes: Buffer): z.infer<typeof ContentSchema> | null {
  try {
    const parsed = ContentSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function recogniseContent(db: Db, bytes: Buffer): Recognised | null {
  const content = parse(bytes);
  if (!content) return null;
  switch (content.schema) {
    case ORDER_CONTENT_SCHEMA: {
      const number = cached(db, 'SELECT number FROM orders WHERE id = ?').pluck().get(content.orderId) as string | undefined;
      return { kind: 'order', number: number ?? null, slot: 'orderer' };
    }
    case INVOICE_CONTENT_SCHEMA:
      return { kind: 'invoice', number: content.number, slot: 'supplier' };
    case RECEIPT_CONTENT_SCHEMA: {
      const number = cached(db, 'SELECT number FROM invoices WHERE id = ?').pluck().get(content.invoiceId) as string | undefined;
      return { kind: 'receipt', number: number ?? null, slot: 'receiver' };
    }
    case CERTIFICATE_CONTENT_SCHEMA:
      return { kind: 'certificate', number: content.number, slot: null };
  }
}

/**
 * A signed PDF is ours when its first signature is the first PDF
 * signature of an order, invoice or certificate this laptop holds (the
 * orderer's or the supplier's: a CMS is unique to its document and
 * language); otherwise unknown.
 */
const BY_FIRST_PDF_SIGNATURE = {
  order: `SELECT number FROM orders
    WHERE json_extract(pdf_signatures, '$.uk') = @cms OR json_extract(pdf_signatures, '$.en') = @cms LIMIT 1`,
  invoice: `SELECT number FROM invoices
    WHERE json_extract(supplier_signature, '$.pdf.uk') = @cms OR json_extract(supplier_signature, '$.pdf.en') = @cms LIMIT 1`,
  certificate: `SELECT number FROM certificates
    WHERE json_extract(signatures, '$.supplier.pdf.uk') = @cms OR json_extract(signatures, '$.supplier.pdf.en') = @cms LIMIT 1`,
} as const;

export function recognisePdf(db: Db, firstCms: Buffer | undefined): Pick<Recognised, 'kind' | 'number'> | null {
  if (!firstCms) return null;
  const cms = firstCms.toString('base64');
  for (const kind of ['order', 'invoice', 'certificate'] as const) {
    const number = cached(db, BY_FIRST_PDF_SIGNATURE[kind]).pluck().get({ cms }) as string | undefined;
    if (number !== undefined) return { kind, number };
  }
  return null;
}
