import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateError, readDeviceIdentity, verifyDeviceCertificate, type CertificateProblem } from '@shared/node/certificate';
import { assertCsrSubject, CsrError, inspectCsr } from '@shared/node/csr';
import { decodeDeviceIdentity, DEVICE_IDENTITY_OID, encodeDeviceIdentity, IdentityFormatError, OID, utf8Attribute, type DeviceIdentityClaims } from '@shared/node/identity';
import { loadOrCreateAuthority, randomSerial, type CertificateAuthority } from '../../src-server/ca/authority';
import { issueDeviceCertificate } from '../../src-server/ca/issue';
import { csrFor, rsaKeyPair, T0, tempDir, type KeyPair } from './helpers';

const claims: DeviceIdentityClaims = {
  personId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3d',
  username: 'olena',
  unitId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3e',
  unitNumber: 'В1234',
  roles: ['receiver', 'commander'],
  deviceId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3f',
};

function expectProblem(run: () => unknown, problem: CertificateProblem) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).problem).toBe(problem);
    return;
  }
  throw new Error(`expected a ${problem} CertificateError`);
}

describe('device certificates: issue, read, verify', () => {
  let ca: CertificateAuthority;
  let otherCa: CertificateAuthority;
  let keys: KeyPair;
  let issued: ReturnType<typeof issueDeviceCertificate>;
  const at = new Date(T0 + 3600_000);

  beforeAll(async () => {
    const dir = tempDir('qm-ca-');
    ca = await loadOrCreateAuthority({ caKey: join(dir, 'a', 'key.pem'), caCertificate: join(dir, 'a', 'cert.pem') }, T0);
    otherCa = await loadOrCreateAuthority({ caKey: join(dir, 'b', 'key.pem'), caCertificate: join(dir, 'b', 'cert.pem') }, T0);
    keys = rsaKeyPair();
    issued = issueDeviceCertificate(ca, { publicKey: keys.publicKey, claims, fullName: 'Коваленко Олена Іванівна', unitName: '12-та бригада', nowMs: T0 });
  });

  /** A certificate built by hand and signed by `signer`, for the cases the CA would never issue. */
  function handmade(signer: CertificateAuthority, edit: (cert: forge.pki.Certificate) => void): string {
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = randomSerial();
    cert.validity.notBefore = new Date(T0);
    cert.validity.notAfter = new Date(T0 + 30 * 24 * 3600_000);
    cert.setSubject([utf8Attribute(OID.organizationName, '12-та бригада'), utf8Attribute(OID.organizationalUnitName, 'В1234'), utf8Attribute(OID.commonName, 'Коваленко Олена Іванівна'), utf8Attribute(OID.userId, 'olena')]);
    cert.setIssuer(signer.certificate.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { id: DEVICE_IDENTITY_OID, value: encodeDeviceIdentity(claims) },
    ]);
    edit(cert);
    signer.sign(cert);
    return forge.pki.certificateToPem(cert);
  }

  it('issues a certificate that verifies and names everything', () => {
    const verified = verifyDeviceCertificate(issued.pem, { caCertificates: [otherCa.certificatePem, ca.certificatePem], at });
    expect(verified.identity).toEqual({ ...claims, fullName: 'Коваленко Олена Іванівна', unitName: '12-та бригада' });
    expect(verified.serial).toBe(issued.serial);
    expect(verified.issuerFingerprint).toBe(ca.fingerprint);
    expect(readDeviceIdentity(issued.pem)).toEqual(verified.identity);
  });

  it('rejects a certificate from a CA it does not trust', () => {
    expectProblem(() => verifyDeviceCertificate(issued.pem, { caCertificates: [otherCa.certificatePem], at }), 'untrusted');
  });

  it('rejects a certificate outside its validity', () => {
    expectProblem(() => verifyDeviceCertificate(issued.pem, { caCertificates: [ca.certificatePem], at: new Date(T0 + 400 * 24 * 3600_000) }), 'expired');
    expectProblem(() => verifyDeviceCertificate(issued.pem, { caCertificates: [ca.certificatePem], at: new Date(T0 - 3600_000) }), 'not_yet_valid');
  });

  it('rejects a certificate altered after signing', () => {
    const cert = forge.pki.certificateFromPem(issued.pem);
    cert.setSubject([utf8Attribute(OID.commonName, 'Хтось Інший'), utf8Attribute(OID.userId, 'olena')]);
    delete (cert as { tbsCertificate?: unknown }).tbsCertificate;
    expectProblem(() => verifyDeviceCertificate(forge.pki.certificateToPem(cert), { caCertificates: [ca.certificatePem], at }), 'untrusted');
  });

  it('rejects garbage', () => {
    expectProblem(() => verifyDeviceCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', { caCertificates: [ca.certificatePem], at }), 'malformed');
  });

  it('rejects a certificate that may not sign, or is itself a CA', () => {
    const noSigning = handmade(ca, (cert) => cert.setExtensions([{ name: 'keyUsage', keyEncipherment: true }, { id: DEVICE_IDENTITY_OID, value: encodeDeviceIdentity(claims) }]));
    expectProblem(() => verifyDeviceCertificate(noSigning, { caCertificates: [ca.certificatePem], at }), 'key_usage');
    const caLike = handmade(ca, (cert) => cert.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', digitalSignature: true, keyCertSign: true }]));
    expectProblem(() => verifyDeviceCertificate(caLike, { caCertificates: [ca.certificatePem], at }), 'key_usage');
  });

  it('rejects a certificate without identity, or whose subject contradicts its identity', () => {
    const bare = handmade(ca, (cert) => cert.setExtensions([{ name: 'keyUsage', digitalSignature: true }]));
    expectProblem(() => verifyDeviceCertificate(bare, { caCertificates: [ca.certificatePem], at }), 'no_identity');
    const contradicting = handmade(ca, (cert) =>
      cert.setSubject([utf8Attribute(OID.organizationName, '12-та бригада'), utf8Attribute(OID.organizationalUnitName, 'В1234'), utf8Attribute(OID.commonName, 'Коваленко Олена Іванівна'), utf8Attribute(OID.userId, 'taras')]),
    );
    expectProblem(() => verifyDeviceCertificate(contradicting, { caCertificates: [ca.certificatePem], at }), 'no_identity');
  });

  it('rejects an issuer that is not a CA allowed to sign certificates', () => {
    // A plain self-signed certificate (no basicConstraints, no keyUsage) "issuing" a device certificate.
    const plain = forge.pki.createCertificate();
    plain.publicKey = keys.publicKey;
    plain.serialNumber = randomSerial();
    plain.validity.notBefore = new Date(T0);
    plain.validity.notAfter = new Date(T0 + 365 * 24 * 3600_000);
    plain.setSubject([utf8Attribute(OID.commonName, 'Not a CA')]);
    plain.setIssuer([utf8Attribute(OID.commonName, 'Not a CA')]);
    plain.sign(keys.privateKey, forge.md.sha256.create());
    const plainPem = forge.pki.certificateToPem(plain);
    const impostor: CertificateAuthority = { ...ca, certificatePem: plainPem, certificate: plain, sign: (cert) => cert.sign(keys.privateKey, forge.md.sha256.create()) };
    expectProblem(() => verifyDeviceCertificate(handmade(impostor, () => {}), { caCertificates: [plainPem], at }), 'ca_invalid');
    // A device certificate as issuer: OpenSSL already refuses it as the issuer (its key usage lacks keyCertSign).
    const device = { ...impostor, certificatePem: issued.pem, certificate: forge.pki.certificateFromPem(issued.pem) };
    expectProblem(() => verifyDeviceCertificate(handmade(device, () => {}), { caCertificates: [issued.pem], at }), 'untrusted');
  });
});

describe('the identity extension', () => {
  it('round-trips, including Cyrillic unit numbers', () => {
    const der = forge.asn1.toDer(encodeDeviceIdentity(claims)).getBytes();
    expect(decodeDeviceIdentity(der)).toEqual(claims);
  });

  it('refuses bytes that are not the structure, or claims that are not valid', () => {
    expect(() => decodeDeviceIdentity('garbage')).toThrow(IdentityFormatError);
    const short = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, []);
    expect(() => decodeDeviceIdentity(forge.asn1.toDer(short).getBytes())).toThrow(/7-element/u);
    expect(() => encodeDeviceIdentity({ ...claims, roles: ['general' as never] })).toThrow();
  });
});

describe('CSR inspection', () => {
  const subject = { commonName: 'Коваленко Олена Іванівна', uid: 'olena' };

  it('reads the key and the subject of a good request', () => {
    const keys = rsaKeyPair();
    const csr = inspectCsr(csrFor(keys, subject));
    expect(csr.modulusBits).toBe(3072);
    expect(csr.publicKeySha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(() => assertCsrSubject(csr, subject)).not.toThrow();
    expect(() => assertCsrSubject(csr, { ...subject, commonName: 'Коваленко Олена' })).toThrow(CsrError);
  });

  it('matches names in Unicode NFC, whatever the keyboard produced', () => {
    const decomposed = 'Коваленко Олена Іванівна'.normalize('NFD');
    const csr = inspectCsr(csrFor(rsaKeyPair(), { ...subject, commonName: decomposed }));
    expect(() => assertCsrSubject(csr, subject)).not.toThrow();
  });

  it('refuses a request that is not one PEM request', () => {
    for (const pem of ['', 'nothing', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----']) {
      expect(() => inspectCsr(pem)).toThrow(CsrError);
    }
  });
});
