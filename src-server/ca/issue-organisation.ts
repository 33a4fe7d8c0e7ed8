import forge from 'node-forge';
import {
  encodeOrganisationIdentity,
  OID,
  ORGANISATION_IDENTITY_OID,
  organisationIdentifier,
  OrganisationIdentitySchema,
  utf8Attribute,
  type OrganisationIdentity,
} from '@shared/node/identity';
import { randomSerial, type CertificateAuthority } from './authority';
import type { IssuedCertificate } from './issue';

/**
 * Organisation certificates: the key a supplier signs its invoices and
 * acceptance certificates with, and the agency's for the third signature.
 * Issued by the same CA as device certificates, told apart from them by
 * their identity extension (the layout is documented in
 * src-shared/node/identity.ts): a verifier asking for a supplier never
 * accepts a person, and one asking for a receiver never an organisation.
 */
export const ORGANISATION_CERT_VALIDITY_DAYS = 365;
/** Back-dating tolerates verifiers whose clocks run a little behind the service. */
const BACKDATE_MS = 5 * 60_000;

export interface OrganisationCertificateRequest {
  publicKey: forge.pki.rsa.PublicKey;
  claims: OrganisationIdentity;
  nowMs: number;
}

export function issueOrganisationCertificate(ca: CertificateAuthority, request: OrganisationCertificateRequest): IssuedCertificate {
  const claims = OrganisationIdentitySchema.parse(request.claims);
  const cert = forge.pki.createCertificate();
  cert.publicKey = request.publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = request.nowMs - BACKDATE_MS;
  // Never beyond the root: a certificate outliving its issuer would fail verification early.
  const notAfter = Math.min(request.nowMs + ORGANISATION_CERT_VALIDITY_DAYS * 24 * 3600_000, ca.certificate.validity.notAfter.getTime());
  cert.validity.notBefore = new Date(notBefore);
  cert.validity.notAfter = new Date(notAfter);
  cert.setSubject([
    // countryName is PrintableString by definition (RFC 5280).
    { type: OID.countryName, value: 'UA' },
    utf8Attribute(OID.organizationName, claims.name),
    utf8Attribute(OID.commonName, claims.name),
    utf8Attribute(OID.organizationIdentifier, organisationIdentifier(claims.edrpou)),
  ]);
  cert.setIssuer(ca.certificate.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', [OID.ekuDocumentSigning]: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
    { id: ORGANISATION_IDENTITY_OID, critical: false, value: encodeOrganisationIdentity(claims) },
  ]);
  ca.sign(cert);
  return { pem: forge.pki.certificateToPem(cert), serial: cert.serialNumber.toLowerCase(), notBefore, notAfter };
}
