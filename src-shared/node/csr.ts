import forge from 'node-forge';
import type { CsrSubject } from '../service/common';
import { forgePrivateKeyToKeyObject, signCertificationRequest, spkiSha256 } from './forge-node';
import { attributeText, IdentityFormatError, OID, sameName, utf8Attribute } from './identity';

/**
 * PKCS#10 certification requests for device enrolment: building one (the
 * client) and checking one (the service). The rules live here so both sides
 * agree on them:
 *
 * - one PEM "CERTIFICATE REQUEST" block, DER inside;
 * - an RSA key of 3072 or 4096 bits with public exponent 65537;
 * - signed with SHA-256/384/512 RSA, and the signature must verify;
 * - the subject is exactly CN=<full name> and UID=<username> of the person
 *   who logged in (the CA builds the rest of the certificate's subject
 *   itself, so nothing else is needed from the client, and anything else is
 *   refused rather than silently ignored).
 */

export const ACCEPTED_RSA_BITS = [3072, 4096] as const;
export const MIN_RSA_BITS = 3072;
const RSA_EXPONENT = 65537;
const ACCEPTED_SIGNATURE_OIDS = new Set<string>([
  forge.pki.oids.sha256WithRSAEncryption as string,
  forge.pki.oids.sha384WithRSAEncryption as string,
  forge.pki.oids.sha512WithRSAEncryption as string,
]);

export type CsrProblem = 'malformed' | 'unsupported' | 'weak_key' | 'bad_signature' | 'subject_mismatch';

export class CsrError extends Error {
  override name = 'CsrError';
  constructor(
    readonly problem: CsrProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface InspectedCsr {
  publicKey: forge.pki.rsa.PublicKey;
  modulusBits: number;
  /** SHA-256 of the SubjectPublicKeyInfo, hex: lets the service refuse a key enrolled twice. */
  publicKeySha256: string;
  /** The subject's attributes as (OID, text) pairs, in order. */
  subject: Array<{ type: string; value: string }>;
}

/** Parse and check everything about a CSR that does not depend on who is enrolling. */
export function inspectCsr(pem: string): InspectedCsr {
  const der = pemBody(pem);
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(der, true);
  } catch {
    throw new CsrError('malformed', 'the CSR is not valid DER');
  }

  const keyAlgorithm = spkiAlgorithm(asn);
  if (keyAlgorithm !== forge.pki.oids.rsaEncryption) {
    throw new CsrError('unsupported', `only RSA keys are accepted (got algorithm ${keyAlgorithm})`);
  }

  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromAsn1(asn, true);
  } catch (error) {
    throw new CsrError('malformed', `the CSR cannot be read: ${(error as Error).message}`);
  }

  if (!ACCEPTED_SIGNATURE_OIDS.has(csr.signatureOid ?? '')) {
    throw new CsrError('unsupported', 'the CSR must be signed with SHA-256, SHA-384 or SHA-512 and RSA');
  }

  const publicKey = csr.publicKey as forge.pki.rsa.PublicKey | null;
  if (!publicKey || !publicKey.n || !publicKey.e) throw new CsrError('malformed', 'the CSR carries no RSA public key');
  const modulusBits = publicKey.n.bitLength();
  if (modulusBits < MIN_RSA_BITS) throw new CsrError('weak_key', `the key has ${modulusBits} bits; at least ${MIN_RSA_BITS} are required`);
  if (!(ACCEPTED_RSA_BITS as readonly number[]).includes(modulusBits)) {
    throw new CsrError('unsupported', `RSA keys of ${ACCEPTED_RSA_BITS.join(' or ')} bits are accepted (got ${modulusBits})`);
  }
  if (publicKey.e.intValue() !== RSA_EXPONENT) throw new CsrError('weak_key', 'the RSA public exponent must be 65537');

  let verified: boolean;
  try {
    verified = csr.verify();
  } catch {
    // forge throws on a signature of the wrong length or padding: that is a bad signature too.
    verified = false;
  }
  if (!verified) throw new CsrError('bad_signature', 'the CSR signature does not verify against its own key');

  let subject: InspectedCsr['subject'];
  try {
    subject = csr.subject.attributes.map((attribute) => ({ type: String(attribute.type), value: attributeText(attribute) }));
  } catch (error) {
    if (error instanceof IdentityFormatError) throw new CsrError('malformed', `the CSR subject cannot be read: ${error.message}`);
    throw error;
  }
  return { publicKey, modulusBits, publicKeySha256: spkiSha256(publicKey), subject };
}

/** The CSR must name exactly the person who logged in: CN and UID, nothing else. */
export function assertCsrSubject(csr: InspectedCsr, expected: CsrSubject): void {
  const cn = csr.subject.filter((a) => a.type === OID.commonName);
  const uid = csr.subject.filter((a) => a.type === OID.userId);
  const others = csr.subject.filter((a) => a.type !== OID.commonName && a.type !== OID.userId);
  if (cn.length !== 1 || uid.length !== 1 || others.length > 0) {
    throw new CsrError('subject_mismatch', 'the CSR subject must be exactly CN=<full name>, UID=<username>');
  }
  if (!sameName(uid[0]?.value ?? '', expected.uid)) {
    throw new CsrError('subject_mismatch', 'the CSR names another person (UID differs from the logged-in username)');
  }
  if (!sameName(cn[0]?.value ?? '', expected.commonName)) {
    throw new CsrError('subject_mismatch', 'the CSR names another person (CN differs from the registered full name)');
  }
}

/**
 * Build the CSR an enrolling client sends. The key pair is the client's own
 * (generated with forge on its native path); signing goes through
 * node:crypto for speed.
 */
export function createCsr(options: { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; subject: CsrSubject }): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = options.publicKey;
  csr.setSubject([utf8Attribute(OID.commonName, options.subject.commonName), utf8Attribute(OID.userId, options.subject.uid)]);
  signCertificationRequest(csr, forgePrivateKeyToKeyObject(options.privateKey));
  return forge.pki.certificationRequestToPem(csr);
}

/** Exactly one PEM block of type CERTIFICATE REQUEST (or the legacy NEW CERTIFICATE REQUEST). */
function pemBody(pem: string): string {
  let messages: forge.pem.ObjectPEM[];
  try {
    messages = forge.pem.decode(pem);
  } catch {
    throw new CsrError('malformed', 'the CSR is not PEM');
  }
  if (messages.length !== 1) throw new CsrError('malformed', `expected one PEM block, found ${messages.length}`);
  const [message] = messages;
  if (!message || (message.type !== 'CERTIFICATE REQUEST' && message.type !== 'NEW CERTIFICATE REQUEST')) {
    throw new CsrError('malformed', 'the PEM block is not a CERTIFICATE REQUEST');
  }
  if (message.procType?.type === 'ENCRYPTED') throw new CsrError('malformed', 'the CSR must not be encrypted');
  if (!message.body) throw new CsrError('malformed', 'the CSR is empty');
  return message.body;
}

/**
 * The key algorithm OID, read before forge parses the whole request: forge
 * throws a generic error on non-RSA keys, and "unsupported" is a kinder
 * answer than "malformed" for a well-formed EC request.
 */
function spkiAlgorithm(asn: forge.asn1.Asn1): string | undefined {
  try {
    const cri = (asn.value as forge.asn1.Asn1[])[0];
    const spki = (cri?.value as forge.asn1.Asn1[])[2];
    const algorithm = (spki?.value as forge.asn1.Asn1[])[0];
    const oid = (algorithm?.value as forge.asn1.Asn1[])[0];
    return typeof oid?.value === 'string' ? forge.asn1.derToOid(oid.value) : undefined;
  } catch {
    throw new CsrError('malformed', 'the CSR has no SubjectPublicKeyInfo');
  }
}
