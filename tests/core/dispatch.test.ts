import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiContract, apiMethods, type ApiMethod } from '@shared/api/contract';
import type { ErrorCode } from '@shared/api/errors';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, setUpCore, snapshot, startCore } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

describe('the handler table', () => {
  it('has a handler for every contract method, and each answers with a valid response', async () => {
    const { core } = await setUpCore();
    // Locking last, so the methods after it in the contract still see an unlocked vault.
    const order = [...apiMethods.filter((m) => m !== 'vaultLock'), 'vaultLock' as const];
    expect(order).toHaveLength(apiMethods.length);
    // Without a login or an identity these answer with their own refusal; methods needing fields fail validation.
    const refusals: Partial<Record<ApiMethod, ErrorCode>> = { enrolmentComplete: 'enrol.no_session', identityGet: 'identity.not_enrolled' };
    for (const method of order) {
      const envelope = await core.dispatch(method, {});
      // Every other answer must match the contract.
      if (!envelope.ok) {
        expect(envelope.error.code, `${method}: ${envelope.error.message}`).toBe(refusals[method] ?? 'request.invalid');
        continue;
      }
      expect(apiContract[method].response.safeParse(envelope.data).success, method).toBe(true);
    }
  });
});

describe('requests the contract does not allow', () => {
  it.each([['nope'], [''], [42], [null], [undefined], ['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], [{ method: 'appStatus' }]])(
    'method %j is unknown',
    async (method) => {
      const { core, dataDir } = startCore();
      await fails(core, method as string, {}, 'request.unknown_method');
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it.each([
    ['a string', 'correct horse battery staple'],
    ['an array', [PASSPHRASE]],
    ['a number', 42],
    ['a field of the wrong type', { passphrase: 123 }],
    ['an empty passphrase', { passphrase: '' }],
    ['an over-long passphrase', { passphrase: 'я'.repeat(1025) }],
    ['an extra field', { passphrase: PASSPHRASE, admin: true }],
    ['a prototype-polluting field', JSON.parse(`{"passphrase": "${PASSPHRASE}", "__proto__": {"x": 1}}`) as unknown],
  ])('enrolmentComplete with %s is invalid and creates nothing', async (_label, payload) => {
    const { core, dataDir } = startCore();
    await fails(core, 'enrolmentComplete', payload, 'request.invalid');
    expect(existsSync(dataDir)).toBe(false);
    expect((await ok(core, 'appStatus')).vault).toBe('setup');
  });

  it('enrolmentComplete without a login is refused before the passphrase is looked at, and creates nothing', async () => {
    const { core, dataDir, events } = startCore();
    await fails(core, 'enrolmentComplete', { passphrase: PASSPHRASE }, 'enrol.no_session');
    await fails(core, 'enrolmentComplete', {}, 'enrol.no_session');
    expect(existsSync(dataDir)).toBe(false);
    expect(events).toEqual([]);
  });

  it.each([
    ['no fields', {}],
    ['a TOTP code of five digits', { totp: '12345' }],
    ['a TOTP code with letters', { totp: '12a456' }],
    ['an empty username', { username: '' }],
    ['an over-long password', { password: 'x'.repeat(257) }],
    ['an extra field', { admin: true }],
    ['a service address of the wrong type', { serviceUrl: 42 }],
  ])('enrolmentLogin with %s is invalid and sends nothing', async (_label, change) => {
    const { core, dataDir } = startCore();
    const valid = { serviceUrl: 'http://127.0.0.1:9', username: 'olena', password: 'secret', enrolmentCode: 'K7QM-3XRT-9WPA', totp: '123456' };
    const payload = Object.keys(change).length === 0 ? {} : { ...valid, ...change };
    await fails(core, 'enrolmentLogin', payload, 'request.invalid');
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each([
    ['an auto-lock time not offered', { autoLockMinutes: 7 }],
    ['an auto-lock time as text', { autoLockMinutes: '15' }],
    ['an unknown language', { language: 'de' }],
    ['an unknown setting', { theme: 'dark' }],
    ['a valid and an unknown setting', { language: 'en', theme: 'dark' }],
    ['null', null as unknown as object],
  ])('settingsUpdate with %s changes nothing', async (_label, payload) => {
    const { core, dataDir, events } = await setUpCore();
    const eventsBefore = events.length;
    const before = await ok(core, 'settingsGet');
    const files = snapshot(dataDir);
    const envelope = await core.dispatch('settingsUpdate', payload);
    // null is read as "no fields", a valid empty update; everything else is refused.
    if (payload === null) expect(envelope).toEqual({ ok: true, data: before });
    else expect(envelope.ok ? 'ok' : envelope.error.code).toBe('request.invalid');
    expect(await ok(core, 'settingsGet')).toEqual(before);
    expect(events.length).toBe(eventsBefore);
    expect(snapshot(dataDir)['preferences.json']).toBe(files['preferences.json']);
  });

  it('vaultChangePassphrase with an extra field is refused and the vault file is unchanged', async () => {
    const { core, dataDir } = await setUpCore();
    const before = readFileSync(join(dataDir, 'vault.json'));
    await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: 'another strong passphrase 99', force: true }, 'request.invalid');
    expect(readFileSync(join(dataDir, 'vault.json')).equals(before)).toBe(true);
  });

  it('methods without fields refuse fields', async () => {
    const { core } = await setUpCore();
    await fails(core, 'appStatus', { verbose: true }, 'request.invalid');
    await fails(core, 'vaultLock', { now: true }, 'request.invalid');
    expect((await ok(core, 'appStatus')).vault).toBe('unlocked');
  });
});
