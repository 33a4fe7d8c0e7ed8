/** Detached CMS signatures over canonical JSON: making them (sign.ts) and judging them (verify.ts). */
export { canonicalJsonBytes, CanonicalJsonError } from './canonical-json';
export { sha256Hex } from './digest';
export { SignatureError, type SignatureProblem } from './errors';
export { MAX_SIGNATURE_BYTES } from './cms-read';
export { signDetached, type CmsSigner } from './sign';
export {
  SIGNING_TIME_TOLERANCE_MS,
  signerHolds,
  verifyDetached,
  verifySignature,
  type SignatureTrust,
  type SignerTrust,
  type VerifiedSignature,
  type VerifiedSignerSignature,
} from './verify';
export type { OrganisationIdentity, OrganisationKind, SignerIdentity, SignerRole } from '../identity';
