import { verify as verifyRsa, X509Certificate, type KeyObject } from 'node:crypto';
import { CertificateError, verifyCertificate, type CertificateProblem, type VerifiedCertificate } from '../certificate';
import { readSignedAttributes } from './attributes';
import { BoundedCache } from './bounded-cache';
import { readDetachedSignedData, type AlgorithmIdentifier, type DetachedSignedData, type EmbeddedCertificate } from './cms-read';
import { malformed } from './der';
import { sha256 } from './digest';
import { SignatureError, type SignatureProblem } from './errors';
import { CMS_OID } from './oids';

/**
 * The pipeline every detached signature goes through, whoever the signer:
 * structure, algorithms, the RSA signature over the signed attributes, the
 * content digest, the signing time, and the signer's certificate judged at
 * that time. What the signer must be (a person with a role, a supplier…)
 * is for the callers in verify.ts to decide.
 */

export interface CmsTrust {
  /** The CA certificates (PEM) a signer's certificate must be issued by. */
  caCertificatePems: readonly string[];
  /** The verifier's clock, to refuse signing times from the future; the system clock by default. */
  now?: Date;
  /** Serials (lower-case hex) of certificates known to be revoked; the CA publishes no CRL. */
  revokedSerials?: ReadonlySet<string>;
}

export interface VerifiedCms {
  signingTime: Date;
  certificatePem: string;
  certificate: VerifiedCertificate;
}

/**
 * How far ahead of the verifier's clock a signing time may be. Laptops in
 * the field run for days without a time source and may have the time zone
 * wrong (UTC off by hours); the design tolerates skew, so only a time more
 * than a day ahead, which no honest clock error explains, is refused.
 */
export const SIGNING_TIME_TOLERANCE_MS = 24 * 3600_000;

/** Throws SignatureError with the first problem found, and never any other error, whatever the bytes. */
export function verifyCms(content: Uint8Array, signatureDer: Uint8Array, trust: CmsTrust): VerifiedCms {
  try {
    return verifyOrThrow(content, signatureDer, trust);
  } catch (error) {
    if (error instanceof SignatureError) throw error;
    throw malformed(`the signature cannot be read: ${(error as Error).message}`, error);
  }
}

function verifyOrThrow(content: Uint8Array, signatureDer: Uint8Array, trust: CmsTrust): VerifiedCms {
  const cms = readDetachedSignedData(signatureDer);
  const { signer } = cms;
  requireAlgorithm(signer.digestAlgorithm, [CMS_OID.sha256], 'digest');
  requireAlgorithm(signer.signatureAlgorithm, [CMS_OID.rsaEncryption, CMS_OID.sha256WithRsaEncryption], 'signature');
  if (!signer.signedAttributes || !signer.signedAttributesDer) {
    throw new SignatureError('missing_attribute', 'the signature has no signed attributes (content type, digest and signing time are required)');
  }

  const certificate = signerCertificate(cms);
  // The signature covers the attributes; checking it first means every attribute read below is the signer's own.
  if (!rsaSignatureHolds(signer.signedAttributesDer, certificate.publicKey, signer.signature)) {
    throw new SignatureError('bad_signature', "the signature does not verify with the signer certificate's key");
  }

  const attributes = readSignedAttributes(signer.signedAttributes);
  if (attributes.contentType === undefined) throw new SignatureError('missing_attribute', 'the content-type attribute is missing');
  if (attributes.contentType !== CMS_OID.data) throw new SignatureError('content_type_mismatch', 'the content-type attribute is not id-data');
  if (attributes.messageDigest === undefined) throw new SignatureError('missing_attribute', 'the message-digest attribute is missing');
  if (!attributes.messageDigest.equals(sha256(content))) {
    throw new SignatureError('digest_mismatch', 'the content is not what was signed (its SHA-256 differs from the signed digest)');
  }

  const { signingTime } = attributes;
  if (signingTime === undefined) throw new SignatureError('missing_signing_time', 'the signing-time attribute is missing');
  const now = trust.now ?? new Date();
  if (signingTime.getTime() > now.getTime() + SIGNING_TIME_TOLERANCE_MS) {
    throw new SignatureError('signing_time_in_future', `the signing time ${signingTime.toISOString()} is more than a day ahead of ${now.toISOString()}`);
  }

  return { signingTime, certificatePem: certificate.pem, certificate: trustedAt(certificate.pem, trust, signingTime) };
}

function requireAlgorithm(algorithm: AlgorithmIdentifier, accepted: readonly string[], what: string): void {
  if (!accepted.includes(algorithm.oid) || !algorithm.noParameters) {
    throw new SignatureError('unsupported_algorithm', `the ${what} algorithm ${algorithm.oid} is not accepted (SHA-256 with RSA is)`);
  }
}

interface SignerCertificate {
  pem: string;
  publicKey: KeyObject;
}

/**
 * Parsed signer certificates by their DER. Every signature carries its
 * signer's certificate, and the same few certificates sign document after
 * document: parsing one and exporting its key cost more than the RSA check.
 */
const signerCertificates = new BoundedCache<string, SignerCertificate>(512);

/** The certificate the SignerInfo names by issuer and serial number; any other certificate carried is not the signer's. */
function signerCertificate(cms: DetachedSignedData): SignerCertificate {
  const named = cms.certificates.find((c: EmbeddedCertificate) => c.issuer.equals(cms.signer.issuer) && c.serial.equals(cms.signer.serial));
  if (!named) throw new SignatureError('no_signer_certificate', 'the signature does not carry the certificate its signer names');
  return signerCertificates.get(named.der.toString('latin1'), () => {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(named.der);
    } catch (error) {
      throw malformed("the signer's certificate cannot be read", error);
    }
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
      throw new SignatureError('unsupported_algorithm', "the signer's key is not an RSA key");
    }
    return { pem: certificate.toString(), publicKey: certificate.publicKey };
  });
}

function rsaSignatureHolds(signedAttributesDer: Buffer, publicKey: KeyObject, signature: Buffer): boolean {
  try {
    return verifyRsa('sha256', signedAttributesDer, publicKey, signature);
  } catch {
    // OpenSSL reports some malformed signatures (wrong length) as errors rather than mismatches.
    return false;
  }
}

const certificateProblems: Record<CertificateProblem, SignatureProblem> = {
  malformed: 'malformed',
  untrusted: 'untrusted_certificate',
  ca_invalid: 'untrusted_certificate',
  key_usage: 'untrusted_certificate',
  no_identity: 'untrusted_certificate',
  expired: 'not_valid_at_signing_time',
  not_yet_valid: 'not_valid_at_signing_time',
  revoked: 'revoked',
};

/**
 * Chain, validity and identity at the signing time, not now: a document
 * signed while the certificate was valid stays signed after it expires.
 */
function trustedAt(certificatePem: string, trust: CmsTrust, signingTime: Date): VerifiedCertificate {
  try {
    return verifyCertificate(certificatePem, { caCertificates: trust.caCertificatePems, at: signingTime, revokedSerials: trust.revokedSerials });
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    const problem = certificateProblems[error.problem];
    const context = problem === 'not_valid_at_signing_time' ? ` at the signing time ${signingTime.toISOString()}` : '';
    throw new SignatureError(problem, `${error.message}${context}`, { cause: error, certificateProblem: error.problem });
  }
}
