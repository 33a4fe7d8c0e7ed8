import type { ExportedFile } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import { canonicalJsonBytes } from '@shared/node/signing';
import { signedPdf, type Language } from './pdf-signing';
import type { ExportKind, SignatureEntry, SignedDocument } from './signed-documents';

/**
 * A document as a file to save (issue 6, item 4): its PDF with every
 * signature embedded as incremental PDF signatures, one signature as a
 * detached .p7s, or the canonical JSON a .p7s signs. Offline: everything
 * comes from the store and is rebuilt byte for byte.
 */

export interface ExportRequest {
  kind: ExportKind;
  id: string;
  format: 'pdf' | 'p7s' | 'json';
  language: Language;
  signatureIndex?: number | undefined;
}

function signatureAt(document: SignedDocument, index: number): SignatureEntry {
  const entry = document.signatures[index];
  if (!entry) {
    throw new AppError('document.no_such_signature', `${document.number} has ${document.signatures.length} signature(s); there is no signature ${index}`, {
      index,
      count: document.signatures.length,
    });
  }
  return entry;
}

export async function exportDocument(document: SignedDocument, request: ExportRequest): Promise<ExportedFile> {
  switch (request.format) {
    case 'pdf': {
      const slots = document.signatures.flatMap((entry) => (entry.pdf ? [entry.pdf] : []));
      const pdf = await signedPdf(document.render, slots, request.language);
      return { fileName: `${document.number}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') };
    }
    case 'p7s': {
      const entry = signatureAt(document, request.signatureIndex ?? 0);
      return { fileName: `${document.number}.${entry.slot}.p7s`, mimeType: 'application/pkcs7-signature', base64: entry.cms };
    }
    case 'json': {
      // The JSON a signature covers: the document's own content, or the receipt for an invoice's receiver.
      const signs = request.signatureIndex === undefined ? { content: document.content, name: document.number } : signatureAt(document, request.signatureIndex).signs;
      return { fileName: `${signs.name}.json`, mimeType: 'application/json', base64: canonicalJsonBytes(signs.content).toString('base64') };
    }
  }
}
