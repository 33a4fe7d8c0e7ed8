import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCores, fails, ok, PASSPHRASE, readJson, removeTempDirs, setUpCore, snapshot, startCore } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

describe('settings', () => {
  it('start as Ukrainian with a 15-minute auto-lock, asking for the passphrase at every signature', async () => {
    const { core } = await setUpCore();
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 0 });
  });

  it('change, announce the change, and survive a restart; the language is readable before unlock', async () => {
    const { core, dataDir, events } = await setUpCore();
    expect(await ok(core, 'settingsUpdate', { language: 'en' })).toEqual({ language: 'en', autoLockMinutes: 15, signingGraceMinutes: 0 });
    expect(await ok(core, 'settingsUpdate', { autoLockMinutes: 30, signingGraceMinutes: 0 })).toEqual({ language: 'en', autoLockMinutes: 30, signingGraceMinutes: 0 });
    expect(events.filter((e) => e.type === 'settings')).toEqual([
      { type: 'settings', settings: { language: 'en', autoLockMinutes: 15, signingGraceMinutes: 0 } },
      { type: 'settings', settings: { language: 'en', autoLockMinutes: 30, signingGraceMinutes: 0 } },
    ]);
    // Only the language lives outside the encrypted database.
    expect(readJson(join(dataDir, 'preferences.json'))).toEqual({ language: 'en' });
    await ok(core, 'vaultLock');
    expect((await ok(core, 'appStatus')).language).toBe('en');
    await core.close();

    const again = startCore(dataDir);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', language: 'en' });
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(again.core, 'settingsGet')).toEqual({ language: 'en', autoLockMinutes: 30, signingGraceMinutes: 0 });
  });

  it('an update that changes nothing writes no preferences and announces nothing', async () => {
    const { core, dataDir, events } = await setUpCore();
    const before = snapshot(dataDir);
    const count = events.length;
    expect(await ok(core, 'settingsUpdate', {})).toEqual({ language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 0 });
    expect(await ok(core, 'settingsUpdate', { language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 0 })).toEqual({ language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 0 });
    expect(events.length).toBe(count);
    expect(snapshot(dataDir)['preferences.json']).toBe(before['preferences.json']);
  });

  it('keep a signing grace period of one of the offered lengths', async () => {
    const { core, events } = await setUpCore();
    expect(await ok(core, 'settingsUpdate', { signingGraceMinutes: 5 })).toEqual({ language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 5 });
    expect(events.filter((e) => e.type === 'settings').at(-1)).toEqual({ type: 'settings', settings: { language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 5 } });
    await fails(core, 'settingsUpdate', { signingGraceMinutes: 3 }, 'request.invalid');
    await fails(core, 'settingsUpdate', { signingGraceMinutes: 60 }, 'request.invalid');
    expect((await ok(core, 'settingsGet')).signingGraceMinutes).toBe(5);
  });

  it('the encrypted copy of the language wins over an edited preferences.json at unlock', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'settingsUpdate', { language: 'en' });
    await ok(core, 'vaultLock');
    writeFileSync(join(dataDir, 'preferences.json'), JSON.stringify({ language: 'uk' }));
    await core.close();

    const again = startCore(dataDir);
    expect((await ok(again.core, 'appStatus')).language).toBe('uk');
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect((await ok(again.core, 'appStatus')).language).toBe('en');
    expect(readJson(join(dataDir, 'preferences.json'))).toEqual({ language: 'en' });
  });

  it('cannot be read or changed while locked, and a refused change writes nothing', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'vaultLock');
    const before = snapshot(dataDir);
    await fails(core, 'settingsGet', {}, 'vault.locked');
    await fails(core, 'settingsUpdate', { language: 'en' }, 'vault.locked');
    expect(snapshot(dataDir)).toEqual(before);
    expect((await ok(core, 'appStatus')).language).toBe('uk');
  });

  it('keep working when preferences.json cannot be written, since the database holds them', async () => {
    const { core, dataDir, log } = await setUpCore();
    // A directory where the file should be: every write of preferences.json fails.
    mkdirSync(join(dataDir, 'preferences.json', 'blocked'), { recursive: true });
    expect(await ok(core, 'settingsUpdate', { language: 'en' })).toEqual({ language: 'en', autoLockMinutes: 15, signingGraceMinutes: 0 });
    expect(log.warnings.join('\n')).toMatch(/preferences\.json/);
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'en', autoLockMinutes: 15, signingGraceMinutes: 0 });
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toContain('scrypt');
  });
});
