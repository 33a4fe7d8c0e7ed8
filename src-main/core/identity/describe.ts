import forge from 'node-forge';
import type { Identity } from '@shared/api/contract';
import { certificateFingerprint } from '@shared/node/forge-node';
import { attributeText, OID } from '@shared/node/identity';
import type { IdentityRecord } from './identity-repo';

/** The identity as the UI may see it: public facts only (no key, no token). */
export function toApiIdentity(record: IdentityRecord): Identity {
  return {
    person: {
      fullName: record.person.fullName,
      username: record.person.username,
      roles: record.person.roles,
      unit: { name: record.person.unit.name, number: record.person.unit.number },
    },
    deviceId: record.deviceId,
    serviceUrl: record.serviceUrl,
    certificate: describeCertificate(record.certificatePem),
    enrolledAt: record.enrolledAt,
  };
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.commonName]: 'CN',
  [OID.userId]: 'UID',
};

/** What Settings shows of the device certificate: subject, issuer, serial, validity, fingerprint. */
export function describeCertificate(pem: string): Identity['certificate'] {
  const cert = forge.pki.certificateFromPem(pem);
  return {
    subject: distinguishedName(cert.subject.attributes),
    issuer: distinguishedName(cert.issuer.attributes),
    serial: cert.serialNumber.toLowerCase(),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    fingerprint: certificateFingerprint(pem),
  };
}

/** In the certificate's own order, with Cyrillic decoded: "C=UA, O=…, OU=А1234, CN=…, UID=…". */
function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes.map((a) => `${SHORT_NAMES[String(a.type)] ?? String(a.type)}=${attributeText(a)}`).join(', ');
}
