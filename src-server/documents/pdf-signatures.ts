import { assembleSignedPdf, readPdfSignatures, signPdfIncrement } from '@shared/node/pdf';
import { signDetached, SignatureError, verifySignature, type CmsSigner, type SignerRole, type SignatureProblem } from '@shared/node/signing';
import { documentLanguages } from '@shared/service/documents';
import type { Language, Renditions } from './renditions';

/**
 * The PDF half of a document signature. Beside the CMS over the content's
 * canonical JSON, each signer signs the document's rendition in each
 * language as one more incremental PDF signature on top of those before
 * it; only the CMS of that increment travels, since anyone can rebuild the
 * PDF byte for byte from the content and the CMS blobs (src-shared/node/pdf).
 * Both work on the document's unsigned renditions (renditions.ts).
 */

export type PdfSignatures = Record<Language, string>;

/** A signature already on the document: its slot's reason and its PDF CMS per language (base64). */
export interface EarlierPdfSignature {
  reason: string;
  pdf: PdfSignatures;
}

function decode(signatures: readonly EarlierPdfSignature[], language: Language): Array<{ reason: string; cms: Buffer }> {
  return signatures.map((s) => ({ reason: s.reason, cms: Buffer.from(s.pdf[language], 'base64') }));
}

/** Sign the renditions as the next slot after `earlier`: base64 CMS per language. */
export function signPdfRenditions(
  renditions: Renditions,
  earlier: readonly EarlierPdfSignature[],
  meta: { reason: string; signerName: string; signingTime: Date },
  signer: CmsSigner,
): PdfSignatures {
  const sign = (language: Language): string => {
    const base = renditions[language];
    const current = earlier.length === 0 ? base : assembleSignedPdf(base, decode(earlier, language));
    const { cms } = signPdfIncrement(current, meta, (bytes) => signDetached(bytes, signer, meta.signingTime));
    return cms.toString('base64');
  };
  return { uk: sign('uk'), en: sign('en') };
}

export interface PdfCheck {
  /** The signer must be of this role or kind… */
  requiredRole: SignerRole;
  /** …and hold the very certificate (by serial: one CA) that made the content's CMS. */
  certificateSerial: string;
  caCertificatePems: readonly string[];
  now: Date;
}

/**
 * Check the PDF signatures a signer sent, in both languages: the PDF built
 * from the content, the earlier signatures and this one carries this one
 * last, with the slot's reason, and its CMS verifies over the signed byte
 * ranges, made by the same certificate as the content's CMS. The problem,
 * or null when both hold.
 */
export function checkPdfRenditions(
  renditions: Renditions,
  earlier: readonly EarlierPdfSignature[],
  latest: EarlierPdfSignature,
  check: PdfCheck,
): { language: Language; problem: SignatureProblem | 'pdf_mismatch' | 'signer_mismatch' } | null {
  for (const language of documentLanguages) {
    const problem = checkOne(renditions[language], earlier, latest, check, language);
    if (problem !== null) return { language, problem };
  }
  return null;
}

function checkOne(
  base: Uint8Array,
  earlier: readonly EarlierPdfSignature[],
  latest: EarlierPdfSignature,
  check: PdfCheck,
  language: Language,
): SignatureProblem | 'pdf_mismatch' | 'signer_mismatch' | null {
  const sent = Buffer.from(latest.pdf[language], 'base64');
  let last: { reason: string; cms: Buffer; signedBytes: Buffer } | undefined;
  try {
    last = readPdfSignatures(assembleSignedPdf(base, [...decode(earlier, language), { reason: latest.reason, cms: sent }])).at(-1);
  } catch {
    // A CMS the PDF cannot be rebuilt from (not DER, no signing time, too large for the slot) is no signature of it.
    return 'pdf_mismatch';
  }
  if (!last || last.reason !== latest.reason || !last.cms.equals(sent)) return 'pdf_mismatch';
  try {
    const verified = verifySignature(last.signedBytes, last.cms, { caCertificatePems: check.caCertificatePems, requiredRole: check.requiredRole, now: check.now });
    return verified.certificateSerial === check.certificateSerial ? null : 'signer_mismatch';
  } catch (error) {
    if (error instanceof SignatureError) return error.problem;
    throw error;
  }
}
