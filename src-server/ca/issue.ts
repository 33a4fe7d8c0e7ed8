import forge from 'node-forge';
import { encodeDeviceIdentity, DEVICE_IDENTITY_OID, OID, utf8Attribute, type DeviceIdentityClaims } from '@shared/node/identity';
import { randomSerial, type CertificateAuthority } from './authority';

/**
 * Device certificates: one per enrolled laptop, naming the person, their
 * roles, their unit and the device (the layout is documented in
 * src-shared/node/identity.ts). The key signs documents, hence
 * digitalSignature + nonRepudiation and the RFC 9336 documentSigning purpose.
 */
export const DEVICE_CERT_VALIDITY_DAYS = 365;
/** Back-dating tolerates laptops whose clocks run a little behind the service. */
const BACKDATE_MS = 5 * 60_000;

export interface DeviceCertificateRequest {
  publicKey: forge.pki.rsa.PublicKey;
  claims: DeviceIdentityClaims;
  fullName: string;
  unitName: string;
  nowMs: number;
}

export interface IssuedCertificate {
  pem: string;
  serial: string;
  notBefore: number;
  notAfter: number;
}

export function issueDeviceCertificate(ca: CertificateAuthority, request: DeviceCertificateRequest): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = request.publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = request.nowMs - BACKDATE_MS;
  // Never beyond the root: a certificate outliving its issuer would fail verification early.
  const notAfter = Math.min(request.nowMs + DEVICE_CERT_VALIDITY_DAYS * 24 * 3600_000, ca.certificate.validity.notAfter.getTime());
  cert.validity.notBefore = new Date(notBefore);
  cert.validity.notAfter = new Date(notAfter);
  cert.setSubject([
    { type: OID.countryName, value: 'UA' },
    utf8Attribute(OID.organizationName, request.unitName),
    utf8Attribute(OID.organizationalUnitName, request.claims.unitNumber),
    utf8Attribute(OID.commonName, request.fullName),
    utf8Attribute(OID.userId, request.claims.username),
  ]);
  cert.setIssuer(ca.certificate.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true, [OID.ekuDocumentSigning]: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
    { id: DEVICE_IDENTITY_OID, critical: false, value: encodeDeviceIdentity(request.claims) },
  ]);
  ca.sign(cert);
  return { pem: forge.pki.certificateToPem(cert), serial: cert.serialNumber.toLowerCase(), notBefore, notAfter };
}
