import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { certificateFingerprint, spkiSha256 } from './forge-node';
import { attributeText, decodeDeviceIdentity, DEVICE_IDENTITY_OID, IdentityFormatError, OID, type DeviceIdentity } from './identity';

/**
 * Checking a device certificate against the CA certificates one trusts:
 * the service when it sees a signature, the client core offline. Parsing is
 * forge's (it exposes every extension); signature checks are node:crypto's
 * (native OpenSSL, independent of the code that built the certificate).
 */

export type CertificateProblem =
  | 'malformed'
  | 'untrusted'
  | 'expired'
  | 'not_yet_valid'
  | 'ca_invalid'
  | 'key_usage'
  | 'no_identity';

export class CertificateError extends Error {
  override name = 'CertificateError';
  constructor(
    readonly problem: CertificateProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedDeviceCertificate {
  identity: DeviceIdentity;
  /** Lower-case hex, without leading zeros beyond forge's own rendering. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  publicKeySha256: string;
  /** SHA-256 of the issuing CA certificate. */
  issuerFingerprint: string;
}

interface Parsed {
  forge: forge.pki.Certificate;
  x509: X509Certificate;
}

function parse(pem: string, what: string): Parsed {
  try {
    return { forge: forge.pki.certificateFromPem(pem), x509: new X509Certificate(pem) };
  } catch (error) {
    throw new CertificateError('malformed', `${what} cannot be read: ${(error as Error).message}`);
  }
}

type KeyUsage = { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean };

function keyUsage(cert: forge.pki.Certificate): KeyUsage | undefined {
  return cert.getExtension('keyUsage') as KeyUsage | undefined;
}

function isCa(cert: forge.pki.Certificate): boolean {
  const constraints = cert.getExtension('basicConstraints') as { cA?: boolean } | undefined;
  return constraints?.cA === true;
}

function checkValidity(cert: forge.pki.Certificate, at: Date, what: string): void {
  if (at < cert.validity.notBefore) throw new CertificateError('not_yet_valid', `${what} is not valid before ${cert.validity.notBefore.toISOString()}`);
  if (at > cert.validity.notAfter) throw new CertificateError('expired', `${what} expired at ${cert.validity.notAfter.toISOString()}`);
}

/**
 * Verify `pem` was issued by one of `caCertificates`, is valid at `at`, may
 * sign documents, and names a person and device; return what it names.
 * Throws CertificateError with the first problem found.
 */
export function verifyDeviceCertificate(pem: string, trust: { caCertificates: readonly string[]; at: Date }): VerifiedDeviceCertificate {
  const device = parse(pem, 'the device certificate');

  let issuerPem: string | undefined;
  let issuer: Parsed | undefined;
  for (const candidate of trust.caCertificates) {
    const ca = parse(candidate, 'a CA certificate');
    if (device.x509.checkIssued(ca.x509) && device.x509.verify(ca.x509.publicKey)) {
      issuer = ca;
      issuerPem = candidate;
      break;
    }
  }
  if (!issuer || !issuerPem) throw new CertificateError('untrusted', 'the certificate was not issued by a trusted CA');

  if (!isCa(issuer.forge) || keyUsage(issuer.forge)?.keyCertSign !== true) {
    throw new CertificateError('ca_invalid', 'the issuer is not a CA allowed to sign certificates');
  }
  checkValidity(issuer.forge, trust.at, 'the CA certificate');
  checkValidity(device.forge, trust.at, 'the device certificate');

  if (isCa(device.forge)) throw new CertificateError('key_usage', 'a CA certificate is not a device certificate');
  if (keyUsage(device.forge)?.digitalSignature !== true) {
    throw new CertificateError('key_usage', 'the certificate does not allow digital signatures');
  }

  return {
    identity: readDeviceIdentity(device.forge),
    serial: device.forge.serialNumber.toLowerCase(),
    notBefore: device.forge.validity.notBefore,
    notAfter: device.forge.validity.notAfter,
    publicKeySha256: spkiSha256(device.forge.publicKey as forge.pki.rsa.PublicKey),
    issuerFingerprint: certificateFingerprint(issuerPem),
  };
}

/**
 * What a certificate says about its holder, without judging trust: the
 * identity extension, with the display names from the subject. The subject's
 * UID and OU must agree with the extension, so the two cannot tell different
 * stories.
 */
export function readDeviceIdentity(certificate: string | forge.pki.Certificate): DeviceIdentity {
  const cert = typeof certificate === 'string' ? parse(certificate, 'the certificate').forge : certificate;
  const extension = cert.extensions.find((e: { id?: string }) => e.id === DEVICE_IDENTITY_OID) as { value?: unknown } | undefined;
  if (!extension || typeof extension.value !== 'string') {
    throw new CertificateError('no_identity', 'the certificate has no Quartermaster identity extension');
  }
  try {
    const claims = decodeDeviceIdentity(extension.value);
    const field = (type: string): string | undefined => {
      const attribute = cert.subject.attributes.find((a) => a.type === type);
      return attribute ? attributeText(attribute) : undefined;
    };
    const fullName = field(OID.commonName);
    const unitName = field(OID.organizationName);
    if (!fullName || !unitName) throw new IdentityFormatError('the subject lacks CN or O');
    if (field(OID.userId) !== claims.username || field(OID.organizationalUnitName) !== claims.unitNumber) {
      throw new IdentityFormatError('the subject and the identity extension disagree');
    }
    return { ...claims, fullName, unitName };
  } catch (error) {
    if (error instanceof IdentityFormatError) throw new CertificateError('no_identity', error.message);
    throw error;
  }
}
