import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  readCertificateIdentity,
  readDeviceIdentity,
  readOrganisationIdentity,
  verifyCertificate,
  verifyDeviceCertificate,
  verifyOrganisationCertificate,
  type CertificateProblem,
} from '@shared/node/certificate';
import {
  DEVICE_IDENTITY_OID,
  encodeDeviceIdentity,
  encodeOrganisationIdentity,
  OID,
  ORGANISATION_IDENTITY_OID,
  utf8Attribute,
  type OrganisationIdentity,
} from '@shared/node/identity';
import { randomSerial, type CertificateAuthority } from '../../../src-server/ca/authority';
import { issueOrganisationCertificate } from '../../../src-server/ca/issue-organisation';
import { edrpou } from '../documents/fixtures';
import { AT, createFixture, T0, type Fixture, type Organisation, type Person } from './fixtures';

/**
 * Organisation certificates (a supplier, the agency) from the service's own
 * CA: what they say, that standard tools read them, and that they are never
 * taken for a person's device certificate, nor the other way round.
 */

const DAY = 24 * 3600_000;

function expectProblem(run: () => unknown, problem: CertificateProblem): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CertificateError);
  expect((caught as CertificateError).problem).toBe(problem);
}

describe('organisation certificates', () => {
  let fx: Fixture;
  let supplier: Organisation;
  let receiver: Person;
  let trust: { caCertificates: string[]; at: Date };

  beforeAll(async () => {
    fx = await createFixture();
    supplier = fx.organisation({ kind: 'supplier', name: 'ТОВ «Небесний щит»', edrpou: edrpou('4312345') });
    receiver = fx.person({ username: 'receiver', roles: ['receiver'] });
    trust = { caCertificates: [fx.otherCa.certificatePem, fx.ca.certificatePem], at: AT };
  });
  afterAll(() => fx.close());

  /** Built by hand and signed by the CA, for certificates the CA would never issue. */
  function handmade(ca: CertificateAuthority, subject: forge.pki.CertificateField[], extensions: object[]): string {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.certificateFromPem(supplier.certificate.pem).publicKey;
    cert.serialNumber = randomSerial();
    cert.validity.notBefore = new Date(T0);
    cert.validity.notAfter = new Date(T0 + 30 * DAY);
    cert.setSubject(subject);
    cert.setIssuer(ca.certificate.subject.attributes);
    cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true }, ...extensions]);
    ca.sign(cert);
    return forge.pki.certificateToPem(cert);
  }

  const subjectOf = (identity: OrganisationIdentity, edrpouInSubject = identity.edrpou): forge.pki.CertificateField[] => [
    utf8Attribute(OID.organizationName, identity.name),
    utf8Attribute(OID.commonName, identity.name),
    utf8Attribute(OID.organizationIdentifier, `NTRUA-${edrpouInSubject}`),
  ];

  it('names the organisation in its subject and its extension, and verifies against the CA', () => {
    const verified = verifyOrganisationCertificate(supplier.certificate.pem, trust);
    expect(verified.identity).toEqual(supplier.identity);
    expect(verified.identity.kind).toBe('supplier');
    expect(verified.serial).toBe(supplier.certificate.serial);
    expect(verified.issuerFingerprint).toBe(fx.ca.fingerprint);
    expect(readOrganisationIdentity(supplier.certificate.pem)).toEqual(supplier.identity);
    expect(verifyCertificate(supplier.certificate.pem, trust).identity).toEqual(supplier.identity);
  });

  it('is a document-signing certificate that openssl reads, with the ЄДРПОУ in the subject', () => {
    const file = join(fx.dir, 'supplier.pem');
    writeFileSync(file, supplier.certificate.pem);
    const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'], { encoding: 'utf8' });
    expect(text).toContain(`Subject: C=UA, O=ТОВ «Небесний щит», CN=ТОВ «Небесний щит», organizationIdentifier=NTRUA-${supplier.identity.edrpou}`);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/u);
    expect(text).toContain('1.3.6.1.5.5.7.3.36');
    expect(text).toContain('CA:FALSE');
    expect(text).toContain('1.3.6.1.4.1.32473.1.2');
  });

  it('refuses to issue for claims that are not an organisation (a bad ЄДРПОУ, an unknown kind)', () => {
    const publicKey = forge.pki.certificateFromPem(supplier.certificate.pem).publicKey as forge.pki.rsa.PublicKey;
    expect(() => issueOrganisationCertificate(fx.ca, { publicKey, claims: { ...supplier.identity, edrpou: '12345670' }, nowMs: T0 })).toThrow(/ЄДРПОУ/u);
    const claims = { ...supplier.identity, kind: 'commander' } as unknown as OrganisationIdentity;
    expect(() => issueOrganisationCertificate(fx.ca, { publicKey, claims, nowMs: T0 })).toThrow();
  });

  it('is never taken for a person, and a person is never taken for an organisation', () => {
    expectProblem(() => verifyDeviceCertificate(supplier.certificate.pem, trust), 'no_identity');
    expectProblem(() => readDeviceIdentity(supplier.certificate.pem), 'no_identity');
    expectProblem(() => verifyOrganisationCertificate(receiver.certificate.pem, trust), 'no_identity');
    expectProblem(() => readOrganisationIdentity(receiver.certificate.pem), 'no_identity');
    expect(readCertificateIdentity(receiver.certificate.pem)).toMatchObject({ kind: 'person', personId: receiver.claims.personId, roles: ['receiver'] });
  });

  it('refuses a certificate that claims to be both a person and an organisation', () => {
    const pem = handmade(fx.ca, subjectOf(supplier.identity), [
      { id: ORGANISATION_IDENTITY_OID, value: encodeOrganisationIdentity(supplier.identity) },
      { id: DEVICE_IDENTITY_OID, value: encodeDeviceIdentity(receiver.claims) },
    ]);
    expectProblem(() => verifyCertificate(pem, trust), 'no_identity');
  });

  it('refuses a subject that tells another story than the extension (name or ЄДРПОУ)', () => {
    const extension = { id: ORGANISATION_IDENTITY_OID, value: encodeOrganisationIdentity(supplier.identity) };
    const renamed = handmade(fx.ca, subjectOf({ ...supplier.identity, name: 'ТОВ «Інша назва»' }), [extension]);
    expectProblem(() => verifyOrganisationCertificate(renamed, trust), 'no_identity');
    const otherCode = handmade(fx.ca, subjectOf(supplier.identity, edrpou('1111111')), [extension]);
    expectProblem(() => verifyOrganisationCertificate(otherCode, trust), 'no_identity');
    const faithful = handmade(fx.ca, subjectOf(supplier.identity), [extension]);
    expect(verifyOrganisationCertificate(faithful, trust).identity).toEqual(supplier.identity);
  });

  it('refuses one from another CA, and a revoked one, by its serial', () => {
    const foreign = fx.organisation({ kind: 'agency', name: 'Агенція', edrpou: edrpou('4452187'), ca: fx.otherCa });
    expectProblem(() => verifyOrganisationCertificate(foreign.certificate.pem, { caCertificates: [fx.ca.certificatePem], at: AT }), 'untrusted');
    expectProblem(() => verifyOrganisationCertificate(supplier.certificate.pem, { ...trust, revokedSerials: new Set([supplier.certificate.serial]) }), 'revoked');
    expect(() => verifyOrganisationCertificate(supplier.certificate.pem, { ...trust, revokedSerials: new Set([foreign.certificate.serial]) })).not.toThrow();
  });

  it('judges validity at every call, though the chain check is remembered', () => {
    expect(verifyOrganisationCertificate(supplier.certificate.pem, trust).identity.kind).toBe('supplier');
    expectProblem(() => verifyOrganisationCertificate(supplier.certificate.pem, { ...trust, at: new Date(T0 + 400 * DAY) }), 'expired');
    expectProblem(() => verifyOrganisationCertificate(supplier.certificate.pem, { ...trust, at: new Date(T0 - DAY) }), 'not_yet_valid');
    // A CA list that no longer holds the issuer: the remembered chain must not vouch for it.
    expectProblem(() => verifyOrganisationCertificate(supplier.certificate.pem, { caCertificates: [fx.otherCa.certificatePem], at: AT }), 'untrusted');
    expect(verifyOrganisationCertificate(supplier.certificate.pem, trust).identity).toEqual(supplier.identity);
  });

  it('hands each caller its own copy of the identity', () => {
    const first = verifyCertificate(receiver.certificate.pem, trust).identity;
    if (first.kind !== 'person') throw new Error('expected a person');
    first.roles.push('commander');
    expect(verifyCertificate(receiver.certificate.pem, trust).identity).toMatchObject({ roles: ['receiver'] });
  });
});
