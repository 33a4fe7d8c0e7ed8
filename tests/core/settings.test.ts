import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCores, fails, ok, PASSPHRASE, readJson, removeTempDirs, setUpCore, snapshot, startCore } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

describe('settings', () => {
  it('start as Ukrainian with a 15-minute auto-lock', async () => {
    const { core } = await setUpCore();
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'uk', autoLockMinutes: 15 });
  });

  it('change, announce the change, and survive a restart; the language is readable before unlock', async () => {
    const { core, dataDir, events } = await setUpCore();
    expect(await ok(core, 'settingsUpdate', { language: 'en' })).toEqual({ language: 'en', autoLockMinutes: 15 });
    expect(await ok(core, 'settingsUpdate', { autoLockMinutes: 30 })).toEqual({ language: 'en', autoLockMinutes: 30 });
    expect(events.filter((e) => e.type === 'settings')).toEqual([
      { type: 'settings', settings: { language: 'en', autoLockMinutes: 15 } },
      { type: 'settings', settings: { language: 'en', autoLockMinutes: 30 } },
    ]);
    // Only the language lives outside the encrypted database.
    expect(readJson(join(dataDir, 'preferences.json'))).toEqual({ language: 'en' });
    await ok(core, 'vaultLock');
    expect((await ok(core, 'appStatus')).language).toBe('en');
    await core.close();

    const again = startCore(dataDir);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', language: 'en' });
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(again.core, 'settingsGet')).toEqual({ language: 'en', autoLockMinutes: 30 });
  });

  it('an update that changes nothing writes no preferences and announces nothing', async () => {
    const { core, dataDir, events } = await setUpCore();
    const before = snapshot(dataDir);
    const count = events.length;
    expect(await ok(core, 'settingsUpdate', {})).toEqual({ language: 'uk', autoLockMinutes: 15 });
    expect(await ok(core, 'settingsUpdate', { language: 'uk', autoLockMinutes: 15 })).toEqual({ language: 'uk', autoLockMinutes: 15 });
    expect(events.length).toBe(count);
    expect(snapshot(dataDir)['preferences.json']).toBe(before['preferences.json']);
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
    expect(await ok(core, 'settingsUpdate', { language: 'en' })).toEqual({ language: 'en', autoLockMinutes: 15 });
    expect(log.warnings.join('\n')).toMatch(/preferences\.json/);
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'en', autoLockMinutes: 15 });
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toContain('scrypt');
  });
});
