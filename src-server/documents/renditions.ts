import { renderDocumentPdf } from '@shared/node/pdf';
import { canonicalJsonBytes, sha256Hex } from '@shared/node/signing';
import { type documentLanguages, type CertificateContent, type InvoiceContent } from '@shared/service/documents';
import type { OrderContent } from '@shared/service/orders';

/**
 * The unsigned PDF renditions of a document, one per language: what every
 * PDF signature of it is built on. Rendering is asynchronous (pdf-lib) and
 * takes tens of milliseconds, while the store's transactions are
 * synchronous; so renditions are made before a transaction begins and
 * handed to it, and the last few are kept, since the same document is
 * rendered again for each of its signers.
 */

export type SignedDocument =
  | { kind: 'order'; content: OrderContent }
  | { kind: 'invoice'; content: InvoiceContent }
  | { kind: 'certificate'; content: CertificateContent };
export type Language = (typeof documentLanguages)[number];
export type Renditions = Readonly<Record<Language, Uint8Array>>;

/** Recently rendered documents, oldest first; a rendering that failed is forgotten, not kept as the answer. */
const RECENT = 32;
const rendered = new Map<string, Promise<Renditions>>();

function keyOf(document: SignedDocument): string {
  return `${document.kind}:${sha256Hex(canonicalJsonBytes(document.content))}`;
}

export function renderRenditions(document: SignedDocument): Promise<Renditions> {
  const key = keyOf(document);
  const known = rendered.get(key);
  if (known) return known;
  const rendering = (async (): Promise<Renditions> => ({ uk: await renderDocumentPdf(document, 'uk'), en: await renderDocumentPdf(document, 'en') }))();
  rendered.set(key, rendering);
  if (rendered.size > RECENT) rendered.delete(rendered.keys().next().value as string);
  rendering.catch(() => rendered.delete(key));
  return rendering;
}

/** Renditions made ahead of a batch of synchronous work (a push), looked up by the document they render. */
export class PreparedRenditions {
  private readonly prepared = new Map<string, Renditions>();

  async add(document: SignedDocument): Promise<void> {
    this.prepared.set(keyOf(document), await renderRenditions(document));
  }

  of(document: SignedDocument): Renditions {
    const found = this.prepared.get(keyOf(document));
    // The document appeared after the batch was prepared: fail the request, and the client's retry prepares it.
    if (!found) throw new Error(`The ${document.kind} renditions were not prepared before the transaction`);
    return found;
  }
}
