import type { DocumentLanguage, RenderableDocument } from '@shared/node/pdf';
import { signDetached, verifySignature, type SignerRole } from '@shared/node/signing';
import type { DocumentSignature } from '@shared/service/documents';
import type { Signer } from '../identity/device-key';
import { loadPdfModule } from './pdf-module';

/**
 * The PDF side of a signature: each signer also signs the document's
 * rendition in both languages as the next incremental PDF signature, on
 * top of the PDF the earlier signers produced (rebuilt here, byte for byte,
 * from their CMS blobs), so any laptop can rebuild the signed PDF offline.
 */

export type PdfDocument = RenderableDocument;
export type Language = DocumentLanguage;

/** An earlier signer's PDF signature in one slot: its reason and its CMS for each language. */
export interface PdfSlot {
  reason: string;
  pdf: DocumentSignature['pdf'];
}

/** The signed PDF in `language` with every given signature embedded, in slot order. */
export async function signedPdf(document: PdfDocument, slots: readonly PdfSlot[], language: Language): Promise<Uint8Array> {
  const { assembleSignedPdf, renderDocumentPdf } = await loadPdfModule();
  const base = await renderDocumentPdf(document, language);
  return slots.length === 0 ? base : assembleSignedPdf(base, slots.map((slot) => ({ reason: slot.reason, cms: Buffer.from(slot.pdf[language], 'base64') })));
}

export interface PdfSigning {
  document: PdfDocument;
  earlier: readonly PdfSlot[];
  reason: string;
  signer: Signer;
  signerName: string;
  signingTime: Date;
  /** What the signer must be for the signature to count, checked on the result before anything leaves. */
  requiredRole: SignerRole;
}

/**
 * Signs the next slot in both languages and returns the base64 CMS of each.
 * Each new signature is read back out of the PDF it made and verified over
 * the bytes a PDF reader will hash, so a PDF signature that would not
 * validate is never sent. Throws (SignatureError or another error) if not.
 */
export async function signPdfSlot(signing: PdfSigning): Promise<{ uk: string; en: string }> {
  const { signer, signingTime } = signing;
  const { readPdfSignatures, signPdfIncrement } = await loadPdfModule();
  const one = async (language: Language): Promise<string> => {
    const current = await signedPdf(signing.document, signing.earlier, language);
    const made = signPdfIncrement(current, { reason: signing.reason, signingTime, signerName: signing.signerName }, (bytes) =>
      signDetached(bytes, signer, signingTime),
    );
    const last = readPdfSignatures(made.pdf).at(-1);
    if (!last || last.reason !== signing.reason) throw new Error('the signed PDF does not end with the signature just made');
    verifySignature(last.signedBytes, last.cms, { caCertificatePems: signer.caCertificatePems, requiredRole: signing.requiredRole, now: signingTime });
    return Buffer.from(made.cms).toString('base64');
  };
  return { uk: await one('uk'), en: await one('en') };
}
