import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJsonBytes,
  SignatureError,
  signDetached,
  verifyDetached,
  verifySignature,
  type SignatureProblem,
  type SignerRole,
} from '@shared/node/signing';
import { edrpou } from '../documents/fixtures';
import { AT, createFixture, NOW, T0, type Fixture, type Organisation, type Person } from './fixtures';

/**
 * verifySignature: one pipeline for a person's and an organisation's
 * signature, where the role asked for decides who may have signed, and
 * verifyDetached keeps refusing anyone but a person.
 */

const DAY = 24 * 3600_000;

function problemOf(run: () => unknown): SignatureProblem | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureError);
    return (error as SignatureError).problem;
  }
}

describe('verifySignature: persons and organisations', () => {
  let fx: Fixture;
  let supplier: Organisation;
  let agency: Organisation;
  let receiver: Person;
  let trust: { caCertificatePems: string[]; now: Date };
  const content = canonicalJsonBytes({ schema: 'qm.invoice/1', number: 'ВН-2025-000001', totalKopiykas: 7_700_000 });

  beforeAll(async () => {
    fx = await createFixture();
    supplier = fx.organisation({ kind: 'supplier', name: 'ТОВ «Небесний щит»', edrpou: edrpou('4312345') });
    agency = fx.organisation({ kind: 'agency', name: 'ДП «Агенція оборонних закупівель»', edrpou: edrpou('4452187') });
    receiver = fx.person({ username: 'receiver', roles: ['receiver', 'orderer'] });
    trust = { caCertificatePems: [fx.ca.certificatePem], now: NOW };
  });
  afterAll(() => fx.close());

  it("returns the supplier as the certificate names it, and the signing time", () => {
    const der = signDetached(content, supplier.signer, AT);
    const verified = verifySignature(content, der, { ...trust, requiredRole: 'supplier' });
    expect(verified.signer).toEqual(supplier.identity);
    expect(verified.signer.kind).toBe('supplier');
    expect(verified.signingTime.toISOString()).toBe(AT.toISOString());
    expect(verified.certificateSerial).toBe(supplier.certificate.serial);
  });

  it('returns a person with kind person and their roles', () => {
    const der = signDetached(content, receiver.signer, AT);
    const verified = verifySignature(content, der, { ...trust, requiredRole: 'receiver' });
    expect(verified.signer).toMatchObject({ kind: 'person', personId: receiver.claims.personId, roles: ['receiver', 'orderer'], fullName: receiver.fullName });
  });

  it.each<[string, () => Organisation | Person, SignerRole]>([
    ['a supplier asked for as the agency', () => supplier, 'agency'],
    ['the agency asked for as a supplier', () => agency, 'supplier'],
    ['a supplier asked for as a receiver', () => supplier, 'receiver'],
    ['the agency asked for as a commander', () => agency, 'commander'],
    ['a receiver asked for as a supplier', () => receiver, 'supplier'],
    ['a receiver asked for as a commander', () => receiver, 'commander'],
  ])('refuses %s with role_missing', (_name, who, role) => {
    const der = signDetached(content, who().signer, AT);
    expect(problemOf(() => verifySignature(content, der, { ...trust, requiredRole: role }))).toBe('role_missing');
  });

  it("keeps verifyDetached for persons only: an organisation's signature is not a person's", () => {
    const der = signDetached(content, supplier.signer, AT);
    expect(problemOf(() => verifyDetached(content, der, trust))).toBe('untrusted_certificate');
    const person = verifyDetached(content, signDetached(content, receiver.signer, AT), { ...trust, requiredRole: 'orderer' });
    expect(person.signer).not.toHaveProperty('kind');
    expect(person.signer.username).toBe('receiver');
  });

  it('refuses content changed after signing', () => {
    const der = signDetached(content, supplier.signer, AT);
    const changed = canonicalJsonBytes({ schema: 'qm.invoice/1', number: 'ВН-2025-000001', totalKopiykas: 9_700_000 });
    expect(problemOf(() => verifySignature(changed, der, trust))).toBe('digest_mismatch');
  });

  it('refuses an organisation certificate of another CA', () => {
    const foreign = fx.organisation({ kind: 'supplier', name: 'ТОВ «Небесний щит»', edrpou: supplier.identity.edrpou, organisationId: supplier.identity.organisationId, ca: fx.otherCa });
    const der = signDetached(content, foreign.signer, AT);
    expect(problemOf(() => verifySignature(content, der, { ...trust, requiredRole: 'supplier' }))).toBe('untrusted_certificate');
  });

  it('refuses a signature made after the certificate expired, and keeps one made while it was valid', () => {
    // Issued 400 days before T0: expired 35 days before the signing time AT.
    const old = fx.organisation({ kind: 'supplier', name: 'ТОВ «Старий ключ»', edrpou: edrpou('4312346'), nowMs: T0 - 400 * DAY });
    expect(problemOf(() => verifySignature(content, signDetached(content, old.signer, AT), trust))).toBe('not_valid_at_signing_time');
    // Signed at AT while valid, checked two years on, long after the certificate expired.
    const later = { ...trust, now: new Date(T0 + 730 * DAY), requiredRole: 'supplier' as const };
    expect(verifySignature(content, signDetached(content, supplier.signer, AT), later).signer.kind).toBe('supplier');
  });

  it('refuses a revoked certificate, for organisations and persons alike, and only that one', () => {
    const revokedSerials = new Set([supplier.certificate.serial, receiver.certificate.serial]);
    expect(problemOf(() => verifySignature(content, signDetached(content, supplier.signer, AT), { ...trust, revokedSerials }))).toBe('revoked');
    expect(problemOf(() => verifyDetached(content, signDetached(content, receiver.signer, AT), { ...trust, revokedSerials }))).toBe('revoked');
    expect(problemOf(() => verifySignature(content, signDetached(content, agency.signer, AT), { ...trust, revokedSerials }))).toBe('none');
  });
});
