import { createPrivateKey, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppStatusSchema, CoreEventSchema, IdentitySchema } from '@shared/api/contract';
import { readDeviceIdentity, verifyDeviceCertificate } from '@shared/node/certificate';
import { EventHub } from '../../src-main/core/events';
import { loadSigner } from '../../src-main/core/identity/device-key';
import { readCredentials, readIdentity, readPrivateKeyPem } from '../../src-main/core/identity/identity-repo';
import { dataPaths } from '../../src-main/core/paths';
import { Session } from '../../src-main/core/session/session';
import { closeCores, fails, ok, PASSPHRASE, readJson, removeTempDirs, startCore } from './support/fixtures';
import { enrolledCore, readVaultDb, STANDING_INTERVAL_MS, startEnrolmentCore, subjectLines, wipedEvents } from './support/enrolment';
import { loginRequest, startBlackHole, TestService } from '../support/service';

let service: TestService;
beforeAll(async () => {
  service = await TestService.start();
});
afterAll(async () => {
  await service.close();
});
afterEach(async () => {
  await closeCores();
  removeTempDirs();
  await service.resume();
  service.skewMs = 0;
});

/** Every data file's bytes, to search for secrets that must never be in plaintext. */
function allBytes(dataDir: string): Buffer {
  return Buffer.concat(readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name))));
}

describe('enrolment with the real service', () => {
  it('probes, logs in with password and TOTP, creates the vault, and stores a certificate naming person, roles, unit and device', async () => {
    const officer = await service.provision({ roles: ['orderer', 'commander'], fullName: 'Шевченко Тарас Григорович' });
    const t = startEnrolmentCore();
    const answers: unknown[] = [];
    const call = async <T>(promise: Promise<T>): Promise<T> => {
      const value = await promise;
      answers.push(value);
      return value;
    };

    const probe = await call(ok(t.core, 'serviceProbe', { serviceUrl: `${service.url}/` }));
    expect(probe).toMatchObject({ serviceUrl: service.url, service: 'quartermaster-reference-service', caFingerprint: service.caFingerprint });

    const login = await call(ok(t.core, 'enrolmentLogin', await loginRequest(service, officer)));
    expect(login.person).toEqual({ fullName: 'Шевченко Тарас Григорович', username: officer.username, roles: ['orderer', 'commander'], unit: { name: officer.unitName, number: 'А1234' } });
    // Logging in writes nothing: the vault comes with the passphrase.
    expect(existsSync(t.dataDir)).toBe(false);
    expect(await call(ok(t.core, 'appStatus'))).toMatchObject({ vault: 'setup', enrolled: null });

    const identity = await call(ok(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }));
    expect(IdentitySchema.parse(identity)).toEqual(identity);
    expect(identity.person).toEqual(login.person);
    expect(identity.serviceUrl).toBe(service.url);
    expect(identity.certificate.subject).toBe(`C=UA, O=${officer.unitName}, OU=А1234, CN=Шевченко Тарас Григорович, UID=${officer.username}`);
    expect(identity.certificate.issuer).toContain('CN=Quartermaster Reference Root CA');
    expect(identity.certificate.serial).toMatch(/^[0-9a-f]+$/u);
    expect(Date.parse(identity.certificate.notAfter)).toBeGreaterThan(Date.now() + 300 * 24 * 3600_000);

    expect(t.events).toEqual([
      { type: 'enrolment', step: 'vault' },
      { type: 'unlocked' },
      { type: 'enrolment', step: 'keygen' },
      { type: 'enrolment', step: 'csr' },
      { type: 'enrolment', step: 'certificate' },
      { type: 'enrolment', step: 'done' },
    ]);
    for (const event of t.events) expect(CoreEventSchema.safeParse(event).success).toBe(true);

    const status = await call(ok(t.core, 'appStatus'));
    expect(AppStatusSchema.parse(status)).toMatchObject({ vault: 'unlocked', enrolled: true });
    expect(await call(ok(t.core, 'identityGet'))).toEqual(identity);

    // What the vault holds, read independently of the core.
    const stored = await readVaultDb(t.dataDir, (db) => ({ identity: readIdentity(db), key: readPrivateKeyPem(db), credentials: readCredentials(db) }));
    expect(stored.identity?.deviceId).toBe(identity.deviceId);
    expect(stored.key).toMatch(/^-----BEGIN PRIVATE KEY-----/u);
    const certificate = stored.identity?.certificatePem ?? '';
    // The certificate chains to the service's CA (as published at /v1/ca), checked by OpenSSL.
    const ca = (await (await fetch(`${service.url}/v1/ca`)).json()) as { caCertificate: string };
    expect(stored.identity?.caCertificatePem).toBe(ca.caCertificate);
    const verified = verifyDeviceCertificate(certificate, { caCertificates: [ca.caCertificate], at: new Date() });
    expect(verified.identity).toMatchObject({ username: officer.username, unitNumber: 'А1234', roles: ['orderer', 'commander'], deviceId: identity.deviceId });
    expect(readDeviceIdentity(certificate).fullName).toBe('Шевченко Тарас Григорович');
    expect(subjectLines(certificate)).toContain(`UID=${officer.username}`);
    // The certified key is the stored private key's.
    const fromKey = createPublicKey(createPrivateKey(stored.key ?? '')).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' })).equals(fromKey)).toBe(true);
    expect(createPrivateKey(stored.key ?? '').asymmetricKeyDetails?.modulusLength).toBe(3072);

    // The service knows the device.
    const device = await service.device(identity.deviceId);
    expect(device).toMatchObject({ certificateSerial: identity.certificate.serial, revokedAt: null });

    // No secret in any answer or event.
    const keyBody = (stored.key ?? '').split('\n')[1] ?? 'unreachable';
    const refreshToken = stored.credentials?.refreshToken ?? 'unreachable';
    for (const text of [JSON.stringify(answers), JSON.stringify(t.events)]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(refreshToken);
      expect(text).not.toContain(officer.password);
    }
    // Nor in plaintext on disk: the database (and its WAL) is encrypted as a whole.
    const bytes = allBytes(t.dataDir);
    for (const secret of ['PRIVATE KEY', keyBody.slice(0, 40), refreshToken, officer.username, 'BEGIN CERTIFICATE']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    const vault = readJson(join(t.dataDir, 'vault.json')) as { kdf: { name: string; N: number } };
    expect(vault.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17 });
    if (process.platform !== 'win32') {
      expect(statSync(join(t.dataDir, 'vault.json')).mode & 0o077).toBe(0);
      expect(statSync(t.dataDir).mode & 0o077).toBe(0);
    }
  });

  it('keeps the identity across a restart, and unlocks with the service stopped: offline is normal', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await ok(t.core, 'vaultLock');
    await t.core.close();
    await service.stop();

    const again = startEnrolmentCore(t.dataDir);
    const started = performance.now();
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    const unlockMs = performance.now() - started;
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: true });
    expect(await ok(again.core, 'identityGet')).toEqual(identity);
    // The background check finds nobody and changes nothing, now or at the next interval.
    again.clock.advance(STANDING_INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wipedEvents(again.events)).toEqual([]);
    expect(existsSync(join(t.dataDir, 'vault.json'))).toBe(true);
    expect(again.log.warnings).toEqual([]);
    expect(unlockMs).toBeLessThan(10_000);
  });

  it('never delays unlock for the standing check, even when the link hangs', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    await ok(t.core, 'vaultLock');
    const port = Number(new URL(service.url).port);
    await service.stop();
    const hole = await startBlackHole(port);
    try {
      const started = performance.now();
      await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
      await ok(t.core, 'settingsGet');
      await ok(t.core, 'identityGet');
      // The KDF dominates; a hanging request would add the 10 s service timeout.
      expect(performance.now() - started).toBeLessThan(8_000);
      await ok(t.core, 'vaultLock');
    } finally {
      await closeCores();
      await hole.close();
    }
  });

  it('refreshes the access token after a lock and keeps the rotated refresh token in the vault', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    const first = await readVaultDb(t.dataDir, (db) => readCredentials(db)?.refreshToken);
    // Locking drops the access token; the check after unlock must refresh (and rotate) to ask the service.
    await ok(t.core, 'vaultLock');
    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await vi.waitFor(async () => expect(await readVaultDb(t.dataDir, (db) => readCredentials(db)?.refreshToken)).not.toBe(first), { timeout: 10_000 });
    const second = await readVaultDb(t.dataDir, (db) => readCredentials(db)?.refreshToken);
    expect(second).toMatch(/^qmr_/u);
    expect((await service.device(identity.deviceId))?.lastSeenAt).not.toBeNull();

    // The service's clock moves past the access token's 15 minutes: it answers token_expired, the core
    // refreshes once and asks again, without ever being told to wipe.
    service.skewMs = 20 * 60_000;
    t.clock.advance(STANDING_INTERVAL_MS);
    await vi.waitFor(async () => expect(await readVaultDb(t.dataDir, (db) => readCredentials(db)?.refreshToken)).not.toBe(second), { timeout: 10_000 });
    expect(wipedEvents(t.events)).toEqual([]);
    expect(t.log.warnings).toEqual([]);
  });
});

describe('the device key inside the core', () => {
  it('signs through the Signer seam with the certified key, and is reachable by no API method', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await t.core.close();
    // Core code opens the same vault the way the core does and asks for a signer.
    const session = new Session({ paths: dataPaths(t.dataDir), clock: t.clock, log: t.log, events: new EventHub(t.log) });
    await session.unlock(PASSPHRASE);
    try {
      const signer = await loadSigner(session);
      const data = Buffer.from('{"order":"0197a000-0000-7000-8000-000000000001"}');
      const signature = signer.signSha256(data);
      expect(verify('sha256', data, new X509Certificate(signer.certificatePem).publicKey, signature)).toBe(true);
      expect(new X509Certificate(signer.certificatePem).serialNumber.toLowerCase()).toContain(identity.certificate.serial.replace(/^0+/u, ''));
      expect(signer.caCertificatePems).toHaveLength(1);
      expect(Object.keys(signer)).not.toContain('privateKeyPem');
    } finally {
      await session.close();
    }
  });
});

describe('revocation and wipe', () => {
  function expectWiped(dataDir: string): void {
    const left = existsSync(dataDir) ? readdirSync(dataDir) : [];
    expect(left).toEqual([]);
  }

  it('a revoked device is wiped by the next standing check: files gone, first run again', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await ok(t.core, 'settingsUpdate', { language: 'en' });
    expect(existsSync(join(t.dataDir, 'preferences.json'))).toBe(true);
    // Let the check that followed enrolment finish, so the next one is the interval's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wipedEvents(t.events)).toEqual([]);

    await service.revokeDevice(identity.deviceId);
    t.clock.advance(STANDING_INTERVAL_MS);

    await vi.waitFor(() => expect(wipedEvents(t.events)).toEqual([{ type: 'wiped', reason: 'revoked' }]), { timeout: 10_000 });
    expectWiped(t.dataDir);
    expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'setup', enrolled: null, language: 'uk' });
    await fails(t.core, 'identityGet', {}, 'vault.not_set_up');
    await fails(t.core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.not_set_up');
    // No lock event: the app goes straight back to first run.
    expect(t.events.filter((e) => e.type === 'locked')).toEqual([]);
    expect(t.clock.pendingTimers).toBe(0);
  });

  it('a device revoked while the service was out of reach is wiped by the check after the next unlock', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await ok(t.core, 'vaultLock');
    await service.revokeDevice(identity.deviceId);
    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await vi.waitFor(() => expect(wipedEvents(t.events)).toEqual([{ type: 'wiped', reason: 'revoked' }]), { timeout: 10_000 });
    expectWiped(t.dataDir);
    expect((await ok(t.core, 'appStatus')).vault).toBe('setup');
  });

  it('revoking the person wipes every one of their laptops', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    await service.revokePerson(officer);
    t.clock.advance(STANDING_INTERVAL_MS);
    await vi.waitFor(() => expect(wipedEvents(t.events)).toEqual([{ type: 'wiped', reason: 'revoked' }]), { timeout: 10_000 });
    expectWiped(t.dataDir);
  });

  it('the wiped laptop can be enrolled again from scratch', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await service.revokeDevice(identity.deviceId);
    t.clock.advance(STANDING_INTERVAL_MS);
    await vi.waitFor(() => expect(wipedEvents(t.events)).toHaveLength(1), { timeout: 10_000 });

    const code = await service.newCode(officer);
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, { ...officer, enrolmentCode: code }, { totp: await service.totp(officer, 1) }));
    const again = await ok(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE });
    expect(again.deviceId).not.toBe(identity.deviceId);
    expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: true });
  });

  it('logout tells the service, then wipes', async () => {
    const officer = await service.provision();
    const { t, identity } = await enrolledCore(service, officer);
    await fails(t.core, 'logout', {}, 'request.invalid');
    await fails(t.core, 'logout', { confirm: false }, 'request.invalid');
    expect(existsSync(join(t.dataDir, 'vault.json'))).toBe(true);

    await ok(t.core, 'logout', { confirm: true });
    expect(wipedEvents(t.events)).toEqual([{ type: 'wiped', reason: 'logout' }]);
    expectWiped(t.dataDir);
    expect((await ok(t.core, 'appStatus')).vault).toBe('setup');
    const device = await service.device(identity.deviceId);
    expect(device?.revokedAt, JSON.stringify(t.log)).not.toBeNull();
    expect(device?.revokedReason).toBe('logged out by its holder');
  });

  it('logout without a link still wipes the laptop', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    await service.stop();
    await ok(t.core, 'logout', { confirm: true });
    expect(wipedEvents(t.events)).toEqual([{ type: 'wiped', reason: 'logout' }]);
    expectWiped(t.dataDir);
  });

  it('logout needs the vault unlocked', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    await ok(t.core, 'vaultLock');
    await fails(t.core, 'logout', { confirm: true }, 'vault.locked');
    expect(existsSync(join(t.dataDir, 'vault.json'))).toBe(true);
  });
});

describe('an interrupted enrolment', () => {
  it('service gone after login: the vault stays, unlocked but not enrolled, and completion resumes when it is back', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    await service.stop();

    await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'service.unreachable');
    expect(existsSync(join(t.dataDir, 'vault.json'))).toBe(true);
    expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: false });
    await fails(t.core, 'identityGet', {}, 'identity.not_enrolled');
    expect(t.events.map((e) => (e.type === 'enrolment' ? e.step : e.type))).toEqual(['vault', 'unlocked', 'keygen', 'csr', 'certificate']);

    await service.resume();
    // The same login is still good (the code was never spent); no passphrase is needed now.
    const identity = await ok(t.core, 'enrolmentComplete', {});
    expect(identity.person.username).toBe(officer.username);
    expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: true });
  });

  it('after a restart in between, the officer unlocks, logs in again and completes without a passphrase', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    await service.stop();
    await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'service.unreachable');
    await t.core.close();
    await service.resume();

    const again = startEnrolmentCore(t.dataDir);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', enrolled: null });
    await fails(again.core, 'enrolmentLogin', await loginRequest(service, officer, { totp: await service.totp(officer, 1) }), 'vault.locked');
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: false });
    await ok(again.core, 'enrolmentLogin', await loginRequest(service, officer, { totp: await service.totp(officer, 1) }));
    await ok(again.core, 'enrolmentComplete', {});
    expect(await ok(again.core, 'appStatus')).toMatchObject({ enrolled: true });
  });

  it('a login held in memory is dropped on lock', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    await service.stop();
    await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'service.unreachable');
    await ok(t.core, 'vaultLock');
    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await service.resume();
    await fails(t.core, 'enrolmentComplete', {}, 'enrol.no_session');
  });

  it('an enrolled laptop refuses another login or completion', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    const other = await service.provision();
    await fails(t.core, 'enrolmentLogin', await loginRequest(service, other), 'enrol.already_enrolled');
    await fails(t.core, 'enrolmentComplete', {}, 'enrol.no_session');
  });
});

describe('a core started with an existing vault', () => {
  it('is locked, says nothing about enrolment, and needs no service to say so', async () => {
    const officer = await service.provision();
    const { t } = await enrolledCore(service, officer);
    await t.core.close();
    await service.stop();
    const again = startCore(t.dataDir);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', enrolled: null });
  });
});
