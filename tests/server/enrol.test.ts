import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDeviceCertificate } from '@shared/node/certificate';
import { OID, utf8Attribute } from '@shared/node/identity';
import { forgePrivateKeyToKeyObject, signCertificationRequest } from '@shared/node/forge-node';
import { csrFor, enrol, login, provision, readRows, rsaKeyPair, snapshot, startTestService, tempDir, type KeyPair, type TestPerson, type TestService } from './helpers';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A CSR with an arbitrary subject, to play a client that names someone else. */
function csrWithSubject(keys: KeyPair, attributes: forge.pki.CertificateField[]): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject(attributes);
  signCertificationRequest(csr, forgePrivateKeyToKeyObject(keys.privateKey));
  return forge.pki.certificationRequestToPem(csr);
}

describe('device enrolment', () => {
  let test: TestService;
  let olena: TestPerson;
  let keys: KeyPair;

  beforeAll(async () => {
    test = await startTestService();
    olena = await provision(test, { username: 'olena', fullName: 'Коваленко Олена Іванівна', roles: ['orderer', 'receiver'], unitNumber: 'А4321' });
    keys = rsaKeyPair();
  });
  afterAll(() => test.close());

  async function enrolmentToken(person: TestPerson): Promise<string> {
    const reply = await login(test, person);
    expect(reply.status).toBe(200);
    test.clock.advance(30_000);
    return reply.body.enrolmentToken as string;
  }

  async function refusedWithoutChange(token: string, csr: unknown, status: number, code: string) {
    const before = snapshot(test.dataDir);
    const reply = await test.call('POST', '/v1/auth/enrol', { token, body: { csr } });
    expect(reply.body.code).toBe(code);
    expect(reply.status).toBe(status);
    expect(snapshot(test.dataDir)).toEqual(before);
    return reply;
  }

  describe('refusals', () => {
    let token: string;
    beforeAll(async () => {
      token = await enrolmentToken(olena);
    });

    it("refuses a CSR naming another person (another username or another name)", async () => {
      await refusedWithoutChange(token, csrFor(keys, { commonName: 'Коваленко Олена Іванівна', uid: 'taras' }), 403, 'csr.subject_mismatch');
      await refusedWithoutChange(token, csrFor(keys, { commonName: 'Шевченко Тарас Григорович', uid: 'olena' }), 403, 'csr.subject_mismatch');
    });

    it('refuses a CSR whose subject carries anything but CN and UID', async () => {
      const csr = csrWithSubject(keys, [
        utf8Attribute(OID.commonName, 'Коваленко Олена Іванівна'),
        utf8Attribute(OID.userId, 'olena'),
        utf8Attribute(OID.organizationName, 'Генштаб'),
      ]);
      await refusedWithoutChange(token, csr, 403, 'csr.subject_mismatch');
    });

    it('refuses malformed CSRs', async () => {
      const good = csrFor(keys, { commonName: 'Коваленко Олена Іванівна', uid: 'olena' });
      const lines = good.trim().split(/\r?\n/u);
      const truncated = [...lines.slice(0, 5), lines[lines.length - 1]].join('\n');
      const certificate = (await test.call('GET', '/v1/ca')).body.caCertificate as string;
      for (const csr of ['hello', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', truncated, certificate, good + good]) {
        await refusedWithoutChange(token, csr, 400, 'csr.malformed');
      }
      await refusedWithoutChange(token, '', 400, 'request.invalid');
      await refusedWithoutChange(token, 42, 400, 'request.invalid');
    });

    it('refuses a CSR whose signature does not verify', async () => {
      const csr = forge.pki.certificationRequestFromPem(csrFor(keys, { commonName: 'Коваленко Олена Іванівна', uid: 'olena' }));
      const signature = csr.signature as string;
      csr.signature = signature.slice(0, 10) + String.fromCharCode(signature.charCodeAt(10) ^ 0xff) + signature.slice(11);
      await refusedWithoutChange(token, forge.pki.certificationRequestToPem(csr), 400, 'csr.bad_signature');
    });

    it('refuses a 2048-bit key', async () => {
      const weak = rsaKeyPair(2048);
      await refusedWithoutChange(token, csrFor(weak, { commonName: 'Коваленко Олена Іванівна', uid: 'olena' }), 400, 'csr.weak_key');
    });

    it.skipIf(!hasOpenssl())('refuses a non-RSA key as unsupported', async () => {
      const dir = tempDir('qm-ec-');
      execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'ec.pem')]);
      const csr = execFileSync('openssl', ['req', '-new', '-key', join(dir, 'ec.pem'), '-subj', '/CN=Коваленко Олена Іванівна/UID=olena', '-utf8']).toString();
      await refusedWithoutChange(token, csr, 400, 'csr.unsupported');
    });

    it('refuses without a token, with a garbled one, and with an expired one', async () => {
      const csr = csrFor(keys, { commonName: 'Коваленко Олена Іванівна', uid: 'olena' });
      const before = snapshot(test.dataDir);
      expect((await test.call('POST', '/v1/auth/enrol', { body: { csr } })).body.code).toBe('auth.required');
      const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
      const garbled = await test.call('POST', '/v1/auth/enrol', { token: tampered, body: { csr } });
      expect([garbled.status, garbled.body.code]).toEqual([401, 'auth.token_invalid']);
      test.clock.advance(11 * 60_000);
      const expired = await test.call('POST', '/v1/auth/enrol', { token, body: { csr } });
      expect([expired.status, expired.body.code]).toEqual([401, 'auth.token_expired']);
      expect(snapshot(test.dataDir)).toEqual(before);
    });
  });

  describe('a successful enrolment', () => {
    let enrolled: Awaited<ReturnType<typeof enrol>>;
    beforeAll(async () => {
      enrolled = await enrol(test, olena, keys);
    });

    it('returns a certificate that chains to the CA and names person, roles, unit and device', async () => {
      const ca = await test.call('GET', '/v1/ca');
      expect(ca.body.caCertificate).toBe(enrolled.caCertificate);
      expect(ca.body.fingerprintSha256).toBe(test.service.caFingerprint);
      const verified = verifyDeviceCertificate(enrolled.certificate, { caCertificates: [enrolled.caCertificate], at: new Date(test.clock()) });
      const person = enrolled.body.person as { id: string; unit: { id: string } };
      expect(verified.identity).toEqual({
        personId: person.id,
        username: 'olena',
        fullName: 'Коваленко Олена Іванівна',
        unitId: person.unit.id,
        unitNumber: 'А4321',
        unitName: 'Бригада А4321',
        roles: ['orderer', 'receiver'],
        deviceId: enrolled.deviceId,
      });
      // About a year, and the certificate carries the key that was sent.
      expect(verified.notAfter.getTime() - verified.notBefore.getTime()).toBeGreaterThan(364 * 24 * 3600_000);
      const cert = forge.pki.certificateFromPem(enrolled.certificate);
      expect(forge.pki.publicKeyToPem(cert.publicKey)).toBe(forge.pki.publicKeyToPem(keys.publicKey));
      expect((enrolled.body.device as { certificateSerial: string }).certificateSerial).toBe(verified.serial);
    });

    it('is readable by OpenSSL, independently of forge: subject in UTF-8, chain verifies', async () => {
      const x509 = new X509Certificate(enrolled.certificate);
      expect(x509.subject).toContain('CN=Коваленко Олена Іванівна');
      expect(x509.subject).toContain('OU=А4321');
      expect(x509.verify(new X509Certificate(enrolled.caCertificate).publicKey)).toBe(true);
      expect(x509.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.36']));
      if (hasOpenssl()) {
        const dir = tempDir('qm-chain-');
        writeFileSync(join(dir, 'ca.pem'), enrolled.caCertificate);
        writeFileSync(join(dir, 'device.pem'), enrolled.certificate);
        const out = execFileSync('openssl', ['verify', '-attime', String(Math.floor(test.clock() / 1000)), '-CAfile', join(dir, 'ca.pem'), join(dir, 'device.pem')]).toString();
        expect(out).toContain('device.pem: OK');
      }
    });

    it('records the device with a hash of its refresh token only', () => {
      const [row] = readRows<Record<string, unknown>>(test.dataDir, 'SELECT * FROM devices WHERE id = ?', enrolled.deviceId);
      expect(row).toMatchObject({ certificate_pem: enrolled.certificate, revoked_at: null });
      expect(JSON.stringify(row)).not.toContain(enrolled.refreshToken);
      const [code] = readRows<{ used_at: number; device_id: string }>(test.dataDir, 'SELECT used_at, device_id FROM enrolment_codes');
      expect(code?.device_id).toBe(enrolled.deviceId);
    });

    it('refuses the spent enrolment code at login', async () => {
      const before = snapshot(test.dataDir);
      const again = await login(test, olena);
      expect([again.status, again.body.code]).toEqual([409, 'enrolment.code_used']);
      expect(snapshot(test.dataDir)).toEqual(before);
    });

    it('refuses to enrol the same key twice, even with a new code', async () => {
      const second = await provision(test, { username: 'olena2', fullName: 'Коваленко Олена Іванівна', unitNumber: 'А4321' });
      const token = await enrolmentToken(second);
      await refusedWithoutChange(token, csrFor(keys, { commonName: 'Коваленко Олена Іванівна', uid: 'olena2' }), 409, 'csr.key_reused');
    });

    it('spends an enrolment token once: a second enrolment with it is refused', async () => {
      const third = await provision(test, { username: 'olena3', fullName: 'Коваленко Олена Іванівна', unitNumber: 'А4321' });
      const token = await enrolmentToken(third);
      const first = await test.call('POST', '/v1/auth/enrol', { token, body: { csr: csrFor(rsaKeyPair(), { commonName: 'Коваленко Олена Іванівна', uid: 'olena3' }) } });
      expect(first.status).toBe(200);
      await refusedWithoutChange(token, csrFor(rsaKeyPair(), { commonName: 'Коваленко Олена Іванівна', uid: 'olena3' }), 409, 'enrolment.code_used');
    });
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
