import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppStatusSchema } from '@shared/api/contract';
import {
  closeCores,
  createVaultFiles,
  fails,
  ok,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  readJson,
  removeTempDirs,
  setUpCore,
  startCore,
  tempDataDir,
  WRONG_PASSPHRASE,
} from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

/** Paths this process has open, from /proc (Linux): how a user would check the database is really closed. */
function openFiles(): string[] | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe('first run', () => {
  it('reports setup, with no enrolment known and no default service, and writes nothing', async () => {
    const { core, dataDir } = startCore();
    const status = await ok(core, 'appStatus');
    expect(AppStatusSchema.parse(status)).toEqual({
      vault: 'setup',
      enrolled: null,
      defaultServiceUrl: null,
      retryAfterMs: 0,
      language: 'uk',
      version: '0.1.0-test',
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('suggests the service address the launcher passed', async () => {
    const { core } = startCore(undefined, undefined, { defaultServiceUrl: ' http://127.0.0.1:8787 ' });
    expect((await ok(core, 'appStatus')).defaultServiceUrl).toBe('http://127.0.0.1:8787');
  });

  it('has no way to create a vault but enrolment', async () => {
    const { core, dataDir } = startCore();
    await fails(core, 'vaultSetup', { passphrase: PASSPHRASE }, 'request.unknown_method');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('answers not_set_up for what needs the vault before there is one', async () => {
    const { core, dataDir } = startCore();
    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.not_set_up');
    await fails(core, 'settingsGet', {}, 'vault.not_set_up');
    await fails(core, 'settingsUpdate', { language: 'en' }, 'vault.not_set_up');
    await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE }, 'vault.not_set_up');
    await fails(core, 'identityGet', {}, 'vault.not_set_up');
    await fails(core, 'logout', { confirm: true }, 'vault.not_set_up');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an unlocked vault without an identity reports enrolled: false, and null again once locked', async () => {
    const { core } = await setUpCore();
    expect(await ok(core, 'appStatus')).toMatchObject({ vault: 'unlocked', enrolled: false });
    await fails(core, 'identityGet', {}, 'identity.not_enrolled');
    await ok(core, 'vaultLock');
    expect(await ok(core, 'appStatus')).toMatchObject({ vault: 'locked', enrolled: null });
  });
});

describe('lock and unlock', () => {
  it('locks on request, drops database access and closes the file, and unlocks with the passphrase', async () => {
    const { core, dataDir, events } = await setUpCore();
    await ok(core, 'settingsUpdate', { autoLockMinutes: 30 });
    const database = join(dataDir, 'quartermaster.db');
    const filesWhileOpen = openFiles();
    if (filesWhileOpen) expect(filesWhileOpen).toContain(database);

    await ok(core, 'vaultLock');

    expect(events.at(-1)).toEqual({ type: 'locked', reason: 'user' });
    expect((await ok(core, 'appStatus')).vault).toBe('locked');
    await fails(core, 'settingsGet', {}, 'vault.locked');
    await fails(core, 'settingsUpdate', { autoLockMinutes: 5 }, 'vault.locked');
    const filesWhileLocked = openFiles();
    if (filesWhileLocked) expect(filesWhileLocked.filter((f) => f.startsWith(database))).toEqual([]);
    // WAL and shared-memory files are gone: the database was closed cleanly.
    expect(readdirSync(dataDir).filter((name) => name.startsWith('quartermaster.db'))).toEqual(['quartermaster.db']);

    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(events.at(-1)).toEqual({ type: 'unlocked' });
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'uk', autoLockMinutes: 30, signingGraceMinutes: 0 });
  });

  it('locking twice is harmless and emits one event', async () => {
    const { core, events } = await setUpCore();
    await ok(core, 'vaultLock');
    await ok(core, 'vaultLock');
    expect(events.filter((e) => e.type === 'locked')).toHaveLength(1);
  });

  it('refuses a wrong passphrase and stays locked', async () => {
    const { core } = await setUpCore();
    await ok(core, 'vaultLock');
    const error = await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    expect(error.params).toEqual({ retryAfterMs: 1000 });
    expect((await ok(core, 'appStatus')).vault).toBe('locked');
    await fails(core, 'settingsGet', {}, 'vault.locked');
  });

  it('keeps the data across a restart', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'settingsUpdate', { language: 'en', autoLockMinutes: 60 });
    await core.close();

    const again = startCore(dataDir);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', language: 'en' });
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(again.core, 'settingsGet')).toEqual({ language: 'en', autoLockMinutes: 60, signingGraceMinutes: 0 });
  });

  it('accepts the passphrase in another Unicode normalisation form', async () => {
    // й and ї typed on one system may arrive decomposed (и + ◌̆) from another.
    const composed = 'Київський їжак співає гімн 1943'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const dataDir = tempDataDir();
    await createVaultFiles(dataDir, composed);
    const { core } = startCore(dataDir);
    await ok(core, 'vaultUnlock', { passphrase: decomposed });
  });

  it('refuses every call once closed', async () => {
    const { core } = await setUpCore();
    await core.close();
    await fails(core, 'appStatus', {}, 'internal');
    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'internal');
  });
});

describe('changing the passphrase', () => {
  it('rewraps the key without touching the database file', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'settingsUpdate', { autoLockMinutes: 5 });
    await ok(core, 'vaultLock');
    const database = join(dataDir, 'quartermaster.db');
    const databaseBefore = readFileSync(database);
    const vaultBefore = readJson(join(dataDir, 'vault.json')) as { kdf: { salt: string } };

    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await ok(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE });
    await ok(core, 'vaultLock');

    expect(readFileSync(database).equals(databaseBefore)).toBe(true);
    const vaultAfter = readJson(join(dataDir, 'vault.json')) as { kdf: { salt: string } };
    expect(vaultAfter.kdf.salt).not.toBe(vaultBefore.kdf.salt);

    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.wrong_passphrase');
    await core.close();
    // A new instance reads only what is on disk.
    const again = startCore(dataDir);
    again.clock.advance(1_000);
    await ok(again.core, 'vaultUnlock', { passphrase: OTHER_PASSPHRASE });
    expect(await ok(again.core, 'settingsGet')).toEqual({ language: 'uk', autoLockMinutes: 5, signingGraceMinutes: 0 });
  });

  it('refuses a weak, identical or unverified change and keeps the old passphrase', async () => {
    const { core, dataDir } = await setUpCore();
    const vaultBefore = readFileSync(join(dataDir, 'vault.json'));
    await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: 'password1234' }, 'vault.weak_passphrase');
    await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: PASSPHRASE }, 'vault.same_passphrase');
    expect(readFileSync(join(dataDir, 'vault.json')).equals(vaultBefore)).toBe(true);

    await fails(core, 'vaultChangePassphrase', { current: WRONG_PASSPHRASE, next: OTHER_PASSPHRASE }, 'vault.wrong_passphrase');
    // A wrong current passphrase counts like a wrong unlock: this is no way around the throttle.
    const throttled = await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE }, 'vault.throttled');
    expect(throttled.params).toEqual({ retryAfterMs: 1000 });

    await ok(core, 'vaultLock');
    await fails(core, 'vaultChangePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE }, 'vault.locked');
    await core.close();
    const again = startCore(dataDir);
    again.clock.advance(1_000);
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  });
});
