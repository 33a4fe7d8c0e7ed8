import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { canonicalJsonBytes, signDetached, verifyDetached, type CmsSigner } from '@shared/node/signing';
import { CMS_OID } from '@shared/node/signing/oids';
import type { Signer } from '../../../src-main/core/identity/device-key';
import { AT, attributeType, createFixture, items, NOW, orderLike, parts, type Fixture, type Person } from './fixtures';

describe('detached CMS signatures: sign and verify', () => {
  let fixture: Fixture;
  let olena: Person;

  beforeAll(async () => {
    fixture = await createFixture();
    olena = fixture.person({ username: 'olena', roles: ['orderer', 'receiver'] });
  });
  afterAll(() => fixture.close());

  it('verifies its own signature and names the signer', () => {
    const content = canonicalJsonBytes(orderLike());
    const signature = signDetached(content, olena.signer, AT);
    const verified = verifyDetached(content, signature, { caCertificatePems: [fixture.otherCa.certificatePem, fixture.ca.certificatePem], requiredRole: 'orderer', now: NOW });
    expect(verified.signingTime).toEqual(AT);
    expect(verified.signer).toEqual({ ...olena.claims, fullName: olena.fullName, unitName: olena.unitName });
    expect(verified.certificateSerial).toBe(olena.certificate.serial);
    expect(verified.notBefore.getTime()).toBe(olena.certificate.notBefore);
    expect(verified.notAfter.getTime()).toBe(olena.certificate.notAfter);
    expect(new X509Certificate(verified.certificatePem).raw).toEqual(new X509Certificate(olena.certificate.pem).raw);
  });

  it("takes the client core's Signer as it is", () => {
    expectTypeOf<Signer>().toExtend<CmsSigner>();
  });

  it('records the signing time to the second', () => {
    const content = canonicalJsonBytes({ a: 1 });
    const verified = verifyDetached(content, signDetached(content, olena.signer, new Date(AT.getTime() + 999)), { caCertificatePems: [fixture.ca.certificatePem], now: NOW });
    expect(verified.signingTime).toEqual(AT);
  });

  it('writes the structure RFC 5652 describes: detached, SHA-256, three attributes in DER order, the exact certificate', () => {
    const content = canonicalJsonBytes(orderLike());
    const signature = signDetached(content, olena.signer, AT);
    const p = parts(forge.asn1.fromDer(signature.toString('binary')));
    expect(forge.asn1.derToOid(items(p.root)[0]?.value as string)).toBe(CMS_OID.signedData);
    expect(items(p.encapContentInfo)).toHaveLength(1);
    expect(items(p.certificates)).toHaveLength(1);
    const embedded = Buffer.from(forge.asn1.toDer(items(p.certificates)[0] as forge.asn1.Asn1).getBytes(), 'binary');
    expect(embedded.equals(new X509Certificate(olena.certificate.pem).raw)).toBe(true);
    const digestAlgorithm = items(items(p.signerInfo)[2])[0]?.value as string;
    expect(forge.asn1.derToOid(digestAlgorithm)).toBe(CMS_OID.sha256);
    const attributes = items(p.signedAttributes);
    expect(attributes.map(attributeType)).toEqual([CMS_OID.contentType, CMS_OID.signingTime, CMS_OID.messageDigest]);
    const encodings = attributes.map((a) => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary'));
    expect([...encodings].sort(Buffer.compare)).toEqual(encodings);
  });

  it('refuses to sign with a key that does not match the certificate', () => {
    const taras = fixture.person({ username: 'taras', roles: ['orderer'] });
    expect(() => signDetached(Buffer.from('{}'), { certificatePem: olena.certificate.pem, signSha256: taras.signer.signSha256 }, AT)).toThrow(/does not match/);
  });

  it('signs and verifies with an RSA-3072 key, as enrolment makes', () => {
    const officer = fixture.person({ username: 'petro', roles: ['commander'], bits: 3072 });
    const content = canonicalJsonBytes(orderLike(3));
    const verified = verifyDetached(content, signDetached(content, officer.signer, AT), { caCertificatePems: [fixture.ca.certificatePem], requiredRole: 'commander', now: NOW });
    expect(verified.signer.username).toBe('petro');
  });

  describe('openssl compatibility', () => {
    const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    const available = openssl.status === 0;
    if (!available) console.log('# openssl is not on PATH: skipping the openssl compatibility checks');

    function run(args: string[]) {
      return spawnSync('openssl', args, { encoding: 'utf8' });
    }

    it.skipIf(!available)('openssl cms -verify accepts our signature, and refuses it over changed content', () => {
      const dir = mkdtempSync(join(fixture.dir, 'openssl-'));
      const content = canonicalJsonBytes(orderLike());
      writeFileSync(join(dir, 'order.json'), content);
      writeFileSync(join(dir, 'order.p7s'), signDetached(content, olena.signer, AT));
      writeFileSync(join(dir, 'ca.pem'), fixture.ca.certificatePem);
      const verify = (file: string) =>
        run(['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'order.p7s'), '-content', join(dir, file), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'any', '-attime', String(Math.floor(AT.getTime() / 1000)), '-out', join(dir, 'out')]);
      const accepted = verify('order.json');
      expect(accepted.stderr).toContain('Verification successful');
      expect(accepted.status).toBe(0);

      const changed = Buffer.from(content);
      changed[10] = (changed[10] ?? 0) ^ 1;
      writeFileSync(join(dir, 'changed.json'), changed);
      expect(verify('changed.json').status).not.toBe(0);
    });

    it.skipIf(!available)('we accept what openssl cms -sign writes', () => {
      const dir = mkdtempSync(join(fixture.dir, 'openssl-'));
      // Certificate valid now, since openssl stamps the current time.
      const current = fixture.person({ username: 'iryna', roles: ['receiver'], nowMs: Date.now() });
      const content = canonicalJsonBytes(orderLike(2));
      writeFileSync(join(dir, 'invoice.json'), content);
      writeFileSync(join(dir, 'cert.pem'), current.certificate.pem);
      writeFileSync(join(dir, 'key.pem'), current.key.export({ type: 'pkcs8', format: 'pem' }));
      const signed = run(['cms', '-sign', '-binary', '-md', 'sha256', '-in', join(dir, 'invoice.json'), '-signer', join(dir, 'cert.pem'), '-inkey', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'invoice.p7s')]);
      expect(signed.status, signed.stderr).toBe(0);
      const signature = readFileSync(join(dir, 'invoice.p7s'));
      const verified = verifyDetached(content, signature, { caCertificatePems: [fixture.ca.certificatePem], requiredRole: 'receiver' });
      expect(verified.signer.username).toBe('iryna');
      expect(Math.abs(verified.signingTime.getTime() - Date.now())).toBeLessThan(60_000);
    });
  });
});
