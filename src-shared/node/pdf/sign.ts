import { sha256 } from '../signing/digest';
import { readCmsFacts } from './cms-facts';
import { PdfError } from './errors';
import { prepareIncrement, requireFits, withContents, type SignatureMeta } from './increment';

/**
 * Signing a PDF rendition and rebuilding a signed one.
 *
 * A signer of slot k: base = renderDocumentPdf(doc, language);
 * current = assembleSignedPdf(base, the earlier signatures);
 * {cms} = signPdfIncrement(current, meta, sign) — and only `cms` travels.
 * Anyone holding the same base and the CMS blobs in order gets the same
 * bytes back from assembleSignedPdf.
 */

function sameSecond(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

/**
 * Appends one signature to `pdf`. `sign` gets the bytes the signature
 * covers and returns a detached CMS over them, e.g.
 * `(bytes) => signDetached(bytes, signer, meta.signingTime)`. The CMS must
 * name `meta.signerName` as its certificate's common name and carry
 * `meta.signingTime` (to the second): those are written into the PDF
 * before the CMS exists, and rebuilding takes them back out of the CMS, so
 * a CMS that says otherwise is refused here rather than producing a PDF
 * nobody can rebuild.
 */
export function signPdfIncrement(pdf: Uint8Array, meta: SignatureMeta, sign: (toSign: Uint8Array) => Buffer): { pdf: Uint8Array; cms: Buffer } {
  const prepared = prepareIncrement(pdf, meta);
  const cms = Buffer.from(sign(prepared.signedBytes));
  requireFits(cms);
  const facts = readCmsFacts(cms);
  if (!facts.messageDigest.equals(sha256(prepared.signedBytes))) {
    throw new PdfError('cms_mismatch', 'the CMS was not made over the bytes the PDF signature covers');
  }
  if (!sameSecond(facts.signingTime, meta.signingTime)) {
    throw new PdfError('cms_mismatch', `the CMS was made at ${facts.signingTime.toISOString()}, not at the signing time given (${meta.signingTime.toISOString()})`);
  }
  if (facts.signerName !== meta.signerName) {
    throw new PdfError('cms_mismatch', `the CMS is signed by "${facts.signerName}", not by "${meta.signerName}"`);
  }
  return { pdf: withContents(prepared, cms), cms };
}

/**
 * The PDF that carries `signatures`, in the order they were made, over
 * `base`, exactly as their signers produced it. Each CMS must have been
 * made over the increment it is rebuilt into (its message digest is
 * checked): a wrong base, order or reason is a `cms_mismatch`, not a PDF
 * whose signatures quietly fail in a viewer. Whether a CMS is trustworthy
 * is not judged here.
 */
export function assembleSignedPdf(base: Uint8Array, signatures: ReadonlyArray<{ reason: string; cms: Uint8Array }>): Uint8Array {
  let current = base;
  for (const [i, { reason, cms }] of signatures.entries()) {
    requireFits(cms);
    const facts = readCmsFacts(cms);
    const prepared = prepareIncrement(current, { reason, signingTime: facts.signingTime, signerName: facts.signerName });
    if (!facts.messageDigest.equals(sha256(prepared.signedBytes))) {
      throw new PdfError('cms_mismatch', `signature ${i + 1} (${reason}) was not made over this rendition with the signatures before it`);
    }
    current = withContents(prepared, cms);
  }
  return current;
}
