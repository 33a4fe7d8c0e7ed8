import type { CertificateProblem } from '../certificate';

/**
 * Why a detached signature was refused. The codes are stable: the service
 * returns them to clients and the UI maps them to its own words; the
 * messages are English for logs and developers.
 */
export type SignatureProblem =
  /** Not DER, not the structure RFC 5652 describes, or larger than we accept. */
  | 'malformed'
  | 'not_signed_data'
  | 'not_detached'
  /** Exactly one SignerInfo is accepted: a document has one signer per signature. */
  | 'not_one_signer'
  | 'unsupported_algorithm'
  /** The content-type or message-digest signed attribute is absent (RFC 5652 §5.3 requires both). */
  | 'missing_attribute'
  | 'content_type_mismatch'
  | 'digest_mismatch'
  | 'bad_signature'
  | 'no_signer_certificate'
  /** Not issued by a trusted CA, or not a device certificate that may sign and names a person. */
  | 'untrusted_certificate'
  | 'not_valid_at_signing_time'
  | 'missing_signing_time'
  | 'signing_time_in_future'
  | 'role_missing'
  /** The signer's certificate is trusted but on the verifier's list of revoked serials. */
  | 'revoked';

export class SignatureError extends Error {
  override name = 'SignatureError';
  /** The certificate check's own finer code, when the problem came from the signer's certificate. */
  readonly certificateProblem: CertificateProblem | undefined;

  constructor(
    readonly problem: SignatureProblem,
    message: string,
    options?: { cause?: unknown; certificateProblem?: CertificateProblem },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.certificateProblem = options?.certificateProblem;
  }
}
