/** Detached CMS signatures over canonical JSON: making them (sign.ts) and judging them (verify.ts). */
export { canonicalJsonBytes, CanonicalJsonError } from './canonical-json';
export { sha256Hex } from './digest';
export { SignatureError, type SignatureProblem } from './errors';
export { MAX_SIGNATURE_BYTES } from './cms-read';
export { signDetached, type CmsSigner } from './sign';
export { SIGNING_TIME_TOLERANCE_MS, verifyDetached, type SignatureTrust, type VerifiedSignature } from './verify';
