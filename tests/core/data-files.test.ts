import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src-main/core/fs/atomic-file';
import { readPreferences } from '../../src-main/core/settings/preferences';
import { closeCores, fails, ok, OTHER_PASSPHRASE, PASSPHRASE, removeTempDirs, setUpCore, snapshot, startCore, tempDataDir } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

/** Never sent: the locked vault is refused before any request. Port 9 (discard) would not answer anyway. */
const ENROLMENT_LOGIN = { serviceUrl: 'http://127.0.0.1:9', username: 'olena', password: 'x', enrolmentCode: 'K7QM-3XRT-9WPA', totp: '123456' };

type VaultJson = { format: number; kdf: Record<string, unknown>; wrappedKey: Record<string, unknown>; throttle: Record<string, unknown> };

let template: string | undefined;
afterAll(() => {
  if (template) rmSync(join(template, '..'), { recursive: true, force: true });
});

/** A copy of one set-up, locked vault on disk with no core using it (one key derivation for all the cases). */
async function lockedDataDir(): Promise<string> {
  if (!template) {
    const { core, dataDir } = await setUpCore(join(mkdtempSync(join(tmpdir(), 'qm-template-')), 'data'));
    await ok(core, 'vaultLock');
    await core.close();
    template = dataDir;
  }
  const dataDir = tempDataDir();
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

const edit = (change: (vault: VaultJson) => void) => (text: string) => {
  const vault = JSON.parse(text) as VaultJson;
  change(vault);
  return JSON.stringify(vault);
};

describe('a damaged vault.json', () => {
  it.each<[string, (text: string) => string]>([
    ['empty', () => ''],
    ['not JSON', () => '{ this is not json'],
    ['cut short', (text) => text.slice(0, text.length / 2)],
    ['JSON of another shape', () => JSON.stringify({ hello: 'world' })],
    ['without the wrapped key', edit((v) => delete (v as Partial<VaultJson>).wrappedKey)],
    ['with a salt of the wrong size', edit((v) => (v.kdf.salt = Buffer.alloc(8).toString('base64')))],
    ['with a non-base64 tag', edit((v) => (v.wrappedKey.tag = '!!!not base64!!!'))],
    ['asking for a 1 TiB scrypt', edit((v) => (v.kdf.N = 2 ** 30))],
    ['asking for a trivially cheap scrypt', edit((v) => (v.kdf.N = 2))],
    ['with an unknown KDF', edit((v) => (v.kdf.name = 'md5'))],
    ['with a negative failure count', edit((v) => (v.throttle.failures = -1))],
  ])('%s: reported as vault.corrupt, and no file is changed', async (_label, damage) => {
    const dataDir = await lockedDataDir();
    const file = join(dataDir, 'vault.json');
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const before = snapshot(dataDir);

    const { core } = startCore(dataDir);
    // The data is there, just not openable: the officer sees the unlock screen, not first-run.
    expect(await ok(core, 'appStatus')).toMatchObject({ vault: 'locked', retryAfterMs: 0 });
    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.corrupt');
    // The enrolment wizard (the only way to create a vault) refuses to start over somebody's data.
    await fails(core, 'enrolmentLogin', ENROLMENT_LOGIN, 'vault.locked');
    await fails(core, 'enrolmentComplete', { passphrase: OTHER_PASSPHRASE }, 'enrol.no_session');
    await fails(core, 'settingsGet', {}, 'vault.locked');
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('from a newer version: refused as too new, not as damage', async () => {
    const dataDir = await lockedDataDir();
    const file = join(dataDir, 'vault.json');
    writeFileSync(file, edit((v) => (v.format = 2))(readFileSync(file, 'utf8')));
    const before = snapshot(dataDir);
    const { core } = startCore(dataDir);
    const error = await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'store.too_new');
    expect(error.params).toEqual({ found: 2, supported: 1 });
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('missing while the database exists: vault.corrupt, and setup does not overwrite the database', async () => {
    const dataDir = await lockedDataDir();
    renameSync(join(dataDir, 'vault.json'), join(dataDir, '..', 'vault.json.moved'));
    const before = snapshot(dataDir);

    const { core } = startCore(dataDir);
    expect((await ok(core, 'appStatus')).vault).toBe('locked');
    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.corrupt');
    // The enrolment wizard (the only way to create a vault) refuses to start over somebody's data.
    await fails(core, 'enrolmentLogin', ENROLMENT_LOGIN, 'vault.locked');
    await fails(core, 'enrolmentComplete', { passphrase: OTHER_PASSPHRASE }, 'enrol.no_session');
    expect(snapshot(dataDir)).toEqual(before);
    await core.close();

    // Put back, it opens again with everything in it.
    renameSync(join(dataDir, '..', 'vault.json.moved'), join(dataDir, 'vault.json'));
    const again = startCore(dataDir);
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  });

  it('a missing database next to a good vault is created afresh (a crash during first run)', async () => {
    const dataDir = await lockedDataDir();
    rmSync(join(dataDir, 'quartermaster.db'));
    const { core } = startCore(dataDir);
    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(core, 'settingsGet')).toEqual({ language: 'uk', autoLockMinutes: 15, signingGraceMinutes: 0 });
  });
});

describe('preferences.json', () => {
  it('damaged: the first screens fall back to Ukrainian and the file is left alone', async () => {
    const dataDir = await lockedDataDir();
    const file = join(dataDir, 'preferences.json');
    writeFileSync(file, '{"language": "klingon"');
    const before = snapshot(dataDir);
    const { core } = startCore(dataDir);
    expect((await ok(core, 'appStatus')).language).toBe('uk');
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('absent: Ukrainian', async () => {
    expect(await readPreferences(join(tempDataDir(), 'preferences.json'))).toEqual({ language: 'uk' });
  });
});

describe('atomic writes', () => {
  it('replace the whole file and leave no temporary files behind', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'x.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('fail without touching the target or leaving debris when the write cannot happen', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'x.json');
    writeFileSync(file, 'original');
    // A directory squatting the target name makes the final rename fail after the temp file was written.
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'x.json']);
    await expect(writeFileAtomic(join(dir, 'missing', 'y.json'), 'z')).rejects.toThrow();
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
