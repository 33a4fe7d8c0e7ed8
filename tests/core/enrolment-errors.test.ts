import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@shared/api/errors';
import { closeCores, fails, ok, OTHER_PASSPHRASE, PASSPHRASE, removeTempDirs } from './support/fixtures';
import { enrolledCore, startEnrolmentCore } from './support/enrolment';
import { closedPortUrl, loginRequest, startBlackHole, startHtmlServer, TestService, type Officer } from '../support/service';

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
});

/** A refused step must leave the laptop exactly as a first run: no data folder at all. */
async function refusedBeforeAnythingIsWritten(method: 'serviceProbe' | 'enrolmentLogin', request: unknown, code: ErrorCode) {
  const t = startEnrolmentCore();
  const error = await fails(t.core, method, request, code);
  expect(existsSync(t.dataDir)).toBe(false);
  expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'setup', enrolled: null });
  expect(t.events).toEqual([]);
  return { t, error };
}

describe('login refused by the service, nothing written locally', () => {
  let officer: Officer;
  beforeAll(async () => {
    officer = await service.provision();
  });

  it('wrong password', async () => {
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { password: 'not-the-password' }), 'enrol.invalid_credentials');
  });

  it('unknown username (answered exactly like a wrong password)', async () => {
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { username: 'nobody-here' }), 'enrol.invalid_credentials');
  });

  it('wrong TOTP code', async () => {
    const right = await service.totp(officer);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { totp: wrong }), 'enrol.totp_invalid');
  });

  it('an expired TOTP code (from two steps ago)', async () => {
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { totp: await service.totp(officer, -3) }), 'enrol.totp_invalid');
  });

  it('an enrolment code of another person, and one that cannot be a code at all', async () => {
    const other = await service.provision();
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { enrolmentCode: other.enrolmentCode }), 'enrol.code_invalid');
    // Checked before anything is sent.
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, officer, { enrolmentCode: 'abc' }), 'enrol.code_invalid');
  });

  it('a reused TOTP code: the second login with the same code is refused', async () => {
    const reused = await service.provision();
    const request = await loginRequest(service, reused);
    const first = startEnrolmentCore();
    await ok(first.core, 'enrolmentLogin', request);
    await refusedBeforeAnythingIsWritten('enrolmentLogin', request, 'enrol.totp_replayed');
  });

  it('a used enrolment code', async () => {
    const enrolled = await service.provision();
    await enrolledCore(service, enrolled);
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, enrolled, { totp: await service.totp(enrolled, 1) }), 'enrol.code_used');
  });

  it('an expired enrolment code', async () => {
    const late = await service.provision({ codeHours: 1 });
    service.skewMs = 2 * 3600_000;
    try {
      await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, late), 'enrol.code_expired');
    } finally {
      service.skewMs = 0;
    }
  });

  it('a revoked person', async () => {
    const gone = await service.provision();
    await service.revokePerson(gone);
    await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, gone), 'identity.revoked');
  });

  it('too many failures: throttled, with the wait the service asked for', async () => {
    const guessed = await service.provision();
    const t = startEnrolmentCore();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fails(t.core, 'enrolmentLogin', await loginRequest(service, guessed, { password: `guess ${attempt}` }), 'enrol.invalid_credentials');
    }
    const { error } = await refusedBeforeAnythingIsWritten('enrolmentLogin', await loginRequest(service, guessed), 'service.throttled');
    expect(error.params?.retryAfterMs).toBeGreaterThanOrEqual(25_000);
    expect(error.params?.retryAfterMs).toBeLessThanOrEqual(30_000);
  });
});

describe('addresses that are not a usable service', () => {
  it.each([
    ['not an address', 'service at the brigade'],
    ['another scheme', 'ftp://127.0.0.1:8787'],
    ['plain http to another machine', 'http://qm.example.mil'],
    ['plain http to a private address', 'http://10.0.0.5:8787'],
    ['credentials in the address', 'https://admin:secret@qm.example.mil'],
    ['a query', 'https://qm.example.mil/?debug=1'],
    ['a fragment', 'https://qm.example.mil/#x'],
    ['no host', 'https://'],
  ])('%s is refused as a bad address, before any request', async (_label, serviceUrl) => {
    await refusedBeforeAnythingIsWritten('serviceProbe', { serviceUrl }, 'service.bad_address');
    await refusedBeforeAnythingIsWritten(
      'enrolmentLogin',
      { serviceUrl, username: 'olena', password: 'x', enrolmentCode: 'K7QM-3XRT-9WPA', totp: '123456' },
      'service.bad_address',
    );
  });

  it('accepts http on loopback and https anywhere (normalised without a trailing slash)', async () => {
    const t = startEnrolmentCore();
    const probe = await ok(t.core, 'serviceProbe', { serviceUrl: ` ${service.url.replace('127.0.0.1', 'localhost')}/ ` });
    expect(probe.serviceUrl).toBe(service.url.replace('127.0.0.1', 'localhost'));
  });

  it('a web server answering HTML: a bad response, nothing written', async () => {
    const html = await startHtmlServer();
    try {
      await refusedBeforeAnythingIsWritten('serviceProbe', { serviceUrl: html.url }, 'service.bad_response');
      await refusedBeforeAnythingIsWritten('enrolmentLogin', { serviceUrl: html.url, username: 'olena', password: 'x', enrolmentCode: 'K7QM-3XRT-9WPA', totp: '123456' }, 'service.bad_response');
    } finally {
      await html.close();
    }
  });

  it('a proxy answering 502 with an HTML page: unreachable, nothing written', async () => {
    const html = await startHtmlServer(502);
    try {
      await refusedBeforeAnythingIsWritten('serviceProbe', { serviceUrl: html.url }, 'service.unreachable');
    } finally {
      await html.close();
    }
  });

  it('nothing listening: unreachable', async () => {
    await refusedBeforeAnythingIsWritten('serviceProbe', { serviceUrl: await closedPortUrl() }, 'service.unreachable');
  });

  it('a link that hangs: unreachable after the time limit', async () => {
    const hole = await startBlackHole();
    try {
      const t = startEnrolmentCore(undefined, { serviceTimeoutMs: 500 });
      const started = performance.now();
      await fails(t.core, 'serviceProbe', { serviceUrl: hole.url }, 'service.unreachable');
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(existsSync(t.dataDir)).toBe(false);
    } finally {
      await hole.close();
    }
  });
});

describe('completing enrolment', () => {
  it('judges the new vault passphrase like any other, writes nothing for a weak one, and keeps the login', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    for (const weak of ['password1234', 'qwertyuiop12', 'Київ 2025!']) {
      await fails(t.core, 'enrolmentComplete', { passphrase: weak }, 'vault.weak_passphrase');
    }
    await fails(t.core, 'enrolmentComplete', {}, 'request.invalid');
    await fails(t.core, 'enrolmentComplete', { passphrase: '' }, 'request.invalid');
    expect(existsSync(t.dataDir)).toBe(false);
    expect(t.events).toEqual([]);

    await ok(t.core, 'enrolmentComplete', { passphrase: OTHER_PASSPHRASE });
    await ok(t.core, 'vaultLock');
    await fails(t.core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.wrong_passphrase');
  });

  it('accepts the passphrase later in another Unicode normalisation form', async () => {
    const officer = await service.provision();
    const composed = 'Київський їжак співає гімн 1943'.normalize('NFC');
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    await ok(t.core, 'enrolmentComplete', { passphrase: composed });
    await ok(t.core, 'vaultLock');
    await ok(t.core, 'vaultUnlock', { passphrase: composed.normalize('NFD') });
  });

  it('a login older than the enrolment token: session expired, log in again', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    t.clock.advance(10 * 60_000);
    await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'enrol.session_expired');
    expect(existsSync(t.dataDir)).toBe(false);
    await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'enrol.no_session');
  });

  it('an enrolment token the service no longer accepts (its clock moved on): session expired, vault kept', async () => {
    const officer = await service.provision();
    const t = startEnrolmentCore();
    await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
    service.skewMs = 11 * 60_000;
    try {
      await fails(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'enrol.session_expired');
    } finally {
      service.skewMs = 0;
    }
    expect(await ok(t.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: false });
    // The login is gone: the service judged it.
    await fails(t.core, 'enrolmentComplete', {}, 'enrol.no_session');
  });

  it('the code spent by another laptop between login and completion: code used, vault kept, nothing enrolled', async () => {
    const officer = await service.provision();
    const slow = startEnrolmentCore();
    await ok(slow.core, 'enrolmentLogin', await loginRequest(service, officer));
    const fast = startEnrolmentCore();
    await ok(fast.core, 'enrolmentLogin', await loginRequest(service, officer, { totp: await service.totp(officer, 1) }));
    await ok(fast.core, 'enrolmentComplete', { passphrase: PASSPHRASE });

    await fails(slow.core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'enrol.code_used');
    expect(await ok(slow.core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: false });
    expect(readdirSync(slow.dataDir).sort()).toEqual(['quartermaster.db', 'quartermaster.db-shm', 'quartermaster.db-wal', 'vault.json']);
    expect(existsSync(join(slow.dataDir, 'vault.json'))).toBe(true);
  });
});
