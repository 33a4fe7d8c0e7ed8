import type { SignatureVerdict, SignerView } from '../../api/documents';
import type { SignerIdentity } from '../identity';
import { SignatureError, type SignatureProblem } from '../signing/errors';
import { verifySignature } from '../signing/verify';
import type { CmsTrust } from '../signing/verify-cms';

/**
 * One signature of a document judged offline, as a verdict to show rather
 * than an error to throw: a bad signature is news for the officer, not a
 * failure of the page. The cryptography is the signing library's; whether
 * the signer is the party the document needs is the `judge`'s.
 */

/** What a document check needs to trust signatures: the CA certificates held, the clock, revoked serials. */
export type DocumentTrust = CmsTrust;

/**
 * Why a verdict is not valid: the signature library's codes, and two of
 * the documents' own. `signer_mismatch`: a signer of the right kind, but not
 * the one the document names (another supplier, another unit's receiver,
 * someone other than the person the receipt names). `receipt_mismatch`: a
 * receipt that is not of this invoice (its digest, unit or lines differ).
 */
export type VerdictProblem = SignatureProblem | 'signer_mismatch' | 'receipt_mismatch';

/** Which signature a verdict is about. */
export type VerdictSlot = 'supplier' | 'receiver' | 'commander' | 'agency';

export type SignerJudge = (signer: SignerIdentity) => VerdictProblem | null;

export function judgeSignature(slot: VerdictSlot, content: Uint8Array, cmsBase64: string, trust: DocumentTrust, judge: SignerJudge): SignatureVerdict {
  let verified: ReturnType<typeof verifySignature>;
  try {
    verified = verifySignature(content, Buffer.from(cmsBase64, 'base64'), trust);
  } catch (error) {
    // An untrusted certificate names nobody we can vouch for, so no signer is shown.
    return { slot, valid: false, problem: error instanceof SignatureError ? error.problem : 'malformed', signer: null, signingTime: null };
  }
  const problem = judge(verified.signer);
  return { slot, valid: problem === null, problem, signer: signerView(verified.signer), signingTime: verified.signingTime.toISOString() };
}

/** A signer as the screens show one. */
export function signerView(signer: SignerIdentity): SignerView {
  if (signer.kind === 'person') {
    return { kind: 'person', name: signer.fullName, roles: [...signer.roles], unitNumber: signer.unitNumber, edrpou: null };
  }
  return { kind: 'organisation', name: signer.name, roles: [signer.kind], unitNumber: null, edrpou: signer.edrpou };
}
