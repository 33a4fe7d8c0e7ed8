import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { certificateFingerprint, spkiSha256 } from './forge-node';
import {
  attributeText,
  decodeDeviceIdentity,
  decodeOrganisationIdentity,
  DEVICE_IDENTITY_OID,
  IdentityFormatError,
  OID,
  ORGANISATION_IDENTITY_OID,
  organisationIdentifier,
  type DeviceIdentity,
  type OrganisationIdentity,
  type SignerIdentity,
} from './identity';
import { BoundedCache } from './signing/bounded-cache';

/**
 * Checking a signer's certificate (a person's device, or an organisation)
 * against the CA certificates one trusts: the service when it sees a
 * signature, the client core offline. Parsing is forge's (it exposes every
 * extension); signature checks are node:crypto's (native OpenSSL,
 * independent of the code that built the certificate).
 */

export type CertificateProblem =
  | 'malformed'
  | 'untrusted'
  | 'expired'
  | 'not_yet_valid'
  | 'ca_invalid'
  | 'key_usage'
  | 'no_identity'
  /** Trusted, but its serial is on the caller's list of revoked certificates. */
  | 'revoked';

export class CertificateError extends Error {
  override name = 'CertificateError';
  constructor(
    readonly problem: CertificateProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface CertificateTrust {
  caCertificates: readonly string[];
  /** When the certificate must be valid: a signature's signing time, not now. */
  at: Date;
  /**
   * Serials (lower-case hex, as `serial` below) the caller knows to be
   * revoked. The CA publishes no CRL; the service and the laptops pass what
   * they learn of revoked devices and organisations.
   */
  revokedSerials?: ReadonlySet<string>;
}

interface VerifiedFacts {
  /** Lower-case hex, without leading zeros beyond forge's own rendering. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  publicKeySha256: string;
  /** SHA-256 of the issuing CA certificate. */
  issuerFingerprint: string;
}

export interface VerifiedCertificate extends VerifiedFacts {
  identity: SignerIdentity;
}
export interface VerifiedDeviceCertificate extends VerifiedFacts {
  identity: DeviceIdentity;
}
export interface VerifiedOrganisationCertificate extends VerifiedFacts {
  identity: OrganisationIdentity;
}

/**
 * A certificate parsed once. Forge's parse of an RSA-3072 certificate and
 * the digests below cost about as much as the RSA check they serve, and a
 * verifier meets the same CA and the same few signers again and again (an
 * acceptance certificate of 50 invoices names three or four certificates
 * a hundred times), so parsed forms live in a bounded cache keyed by PEM.
 */
class Parsed {
  private fingerprintMemo: string | undefined;
  private spkiMemo: string | undefined;
  private identityMemo: SignerIdentity | undefined;
  /** Whether each CA (by PEM) issued this certificate: the signature over it does not change. */
  readonly issuedBy = new Map<string, boolean>();

  constructor(
    readonly pem: string,
    readonly forge: forge.pki.Certificate,
    readonly x509: X509Certificate,
  ) {}

  get fingerprint(): string {
    this.fingerprintMemo ??= certificateFingerprint(this.pem);
    return this.fingerprintMemo;
  }

  get publicKeySha256(): string {
    this.spkiMemo ??= spkiSha256(this.forge.publicKey as forge.pki.rsa.PublicKey);
    return this.spkiMemo;
  }

  /** A fresh copy each time: callers own what they are given. */
  get identity(): SignerIdentity {
    this.identityMemo ??= readIdentity(this.forge);
    const identity = this.identityMemo;
    return identity.kind === 'person' ? { ...identity, roles: [...identity.roles] } : { ...identity };
  }

  isIssuedBy(caPem: string, ca: Parsed): boolean {
    let issued = this.issuedBy.get(caPem);
    if (issued === undefined) {
      issued = this.x509.checkIssued(ca.x509) && this.x509.verify(ca.x509.publicKey);
      // CA lists are short and fixed by configuration; the bound is only against misuse.
      if (this.issuedBy.size >= MAX_ISSUERS_REMEMBERED) this.issuedBy.clear();
      this.issuedBy.set(caPem, issued);
    }
    return issued;
  }
}

const MAX_ISSUERS_REMEMBERED = 16;
/** Enough for every certificate of a busy service's day; ~10 KB each. */
const parsedCertificates = new BoundedCache<string, Parsed>(512);

function parse(pem: string, what: string): Parsed {
  try {
    return parsedCertificates.get(pem, () => new Parsed(pem, forge.pki.certificateFromPem(pem), new X509Certificate(pem)));
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
 * Verify `pem` was issued by one of the trusted CAs, is valid at `trust.at`,
 * is not revoked, may sign documents, and names a person or an organisation;
 * return what it names. Throws CertificateError with the first problem found.
 * The chain check is remembered per (CA, certificate); validity and
 * revocation are judged on every call, since they depend on the moment.
 */
export function verifyCertificate(pem: string, trust: CertificateTrust): VerifiedCertificate {
  const certificate = parse(pem, 'the certificate');

  let issuerPem: string | undefined;
  let issuer: Parsed | undefined;
  for (const candidate of trust.caCertificates) {
    const ca = parse(candidate, 'a CA certificate');
    if (certificate.isIssuedBy(candidate, ca)) {
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
  checkValidity(certificate.forge, trust.at, 'the certificate');

  if (isCa(certificate.forge)) throw new CertificateError('key_usage', 'a CA certificate is not a signer certificate');
  if (keyUsage(certificate.forge)?.digitalSignature !== true) {
    throw new CertificateError('key_usage', 'the certificate does not allow digital signatures');
  }

  const identity = certificate.identity;
  const serial = certificate.forge.serialNumber.toLowerCase();
  if (trust.revokedSerials?.has(serial)) throw new CertificateError('revoked', `the certificate ${serial} has been revoked`);

  return {
    identity,
    serial,
    notBefore: certificate.forge.validity.notBefore,
    notAfter: certificate.forge.validity.notAfter,
    publicKeySha256: certificate.publicKeySha256,
    issuerFingerprint: issuer.fingerprint,
  };
}

/** As verifyCertificate, for a person's device certificate only (enrolment, orders). */
export function verifyDeviceCertificate(pem: string, trust: CertificateTrust): VerifiedDeviceCertificate {
  const verified = verifyCertificate(pem, trust);
  const { identity } = verified;
  if (identity.kind !== 'person') throw new CertificateError('no_identity', 'the certificate names an organisation, not a person');
  return { ...verified, identity: withoutKind(identity) };
}

/** As verifyCertificate, for an organisation's certificate only (a supplier, the agency). */
export function verifyOrganisationCertificate(pem: string, trust: CertificateTrust): VerifiedOrganisationCertificate {
  const verified = verifyCertificate(pem, trust);
  const { identity } = verified;
  if (identity.kind === 'person') throw new CertificateError('no_identity', 'the certificate names a person, not an organisation');
  return { ...verified, identity };
}

function withoutKind(identity: { kind: 'person' } & DeviceIdentity): DeviceIdentity {
  const { kind: _kind, ...rest } = identity;
  return rest;
}

/**
 * What a certificate says about its holder, without judging trust: a person
 * or an organisation, whichever extension it carries (exactly one).
 */
export function readCertificateIdentity(certificate: string | forge.pki.Certificate): SignerIdentity {
  return typeof certificate === 'string' ? parse(certificate, 'the certificate').identity : readIdentity(certificate);
}

export function readDeviceIdentity(certificate: string | forge.pki.Certificate): DeviceIdentity {
  const identity = readCertificateIdentity(certificate);
  if (identity.kind !== 'person') throw new CertificateError('no_identity', 'the certificate names an organisation, not a person');
  return withoutKind(identity);
}

export function readOrganisationIdentity(certificate: string | forge.pki.Certificate): OrganisationIdentity {
  const identity = readCertificateIdentity(certificate);
  if (identity.kind === 'person') throw new CertificateError('no_identity', 'the certificate names a person, not an organisation');
  return identity;
}

function extensionValue(cert: forge.pki.Certificate, oid: string): string | undefined {
  const extension = cert.extensions.find((e: { id?: string }) => e.id === oid) as { value?: unknown } | undefined;
  if (!extension) return undefined;
  if (typeof extension.value !== 'string') throw new CertificateError('no_identity', `the extension ${oid} cannot be read`);
  return extension.value;
}

/**
 * The identity extension, checked against the subject: the subject's names
 * must agree with the extension, so the two cannot tell different stories.
 */
function readIdentity(cert: forge.pki.Certificate): SignerIdentity {
  const device = extensionValue(cert, DEVICE_IDENTITY_OID);
  const organisation = extensionValue(cert, ORGANISATION_IDENTITY_OID);
  if (device !== undefined && organisation !== undefined) {
    throw new CertificateError('no_identity', 'the certificate claims to be both a person and an organisation');
  }
  if (device === undefined && organisation === undefined) {
    throw new CertificateError('no_identity', 'the certificate has no Quartermaster identity extension');
  }
  try {
    const field = (type: string): string | undefined => {
      const attribute = cert.subject.attributes.find((a) => a.type === type);
      return attribute ? attributeText(attribute) : undefined;
    };
    if (device !== undefined) {
      const claims = decodeDeviceIdentity(device);
      const fullName = field(OID.commonName);
      const unitName = field(OID.organizationName);
      if (!fullName || !unitName) throw new IdentityFormatError('the subject lacks CN or O');
      if (field(OID.userId) !== claims.username || field(OID.organizationalUnitName) !== claims.unitNumber) {
        throw new IdentityFormatError('the subject and the identity extension disagree');
      }
      return { kind: 'person', ...claims, fullName, unitName };
    }
    const identity = decodeOrganisationIdentity(organisation ?? '');
    if (field(OID.commonName) !== identity.name || field(OID.organizationName) !== identity.name) {
      throw new IdentityFormatError('the subject and the organisation identity extension disagree on the name');
    }
    if (field(OID.organizationIdentifier) !== organisationIdentifier(identity.edrpou)) {
      throw new IdentityFormatError('the subject and the organisation identity extension disagree on the ЄДРПОУ');
    }
    if (field(OID.userId) !== undefined) throw new IdentityFormatError('an organisation certificate names no user');
    return identity;
  } catch (error) {
    if (error instanceof IdentityFormatError) throw new CertificateError('no_identity', error.message);
    throw error;
  }
}
