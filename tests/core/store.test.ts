import { execFileSync } from 'node:child_process';
import { createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/api/errors';
import { migrations, openStore, type Store } from '../../src-main/core/store';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, setUpCore, snapshot, startCore, tempDataDir } from './support/fixtures';

const DISTINCTIVE = 'Квадрокоптер-розвідник QM-7731 серійний номер ZX-42-ЯЇЄ';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await closeCores();
  removeTempDirs();
});

function freshDir(): string {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true });
  return dir;
}

function open(file: string, key: Buffer): Store {
  const store = openStore(file, key);
  stores.push(store);
  return store;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

/** Every file the database consists of on disk, main file and WAL together. */
function databaseBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((name) => name.startsWith('db.sqlite'))
      .map((name) => readFileSync(join(dir, name))),
  );
}

function hasSqliteCli(): boolean {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the encrypted database', () => {
  it('keeps no stored text readable on disk, open or closed', () => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    const store = open(file, randomBytes(32));
    store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('probe', JSON.stringify(DISTINCTIVE));
    expect(store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('probe')).toBe(JSON.stringify(DISTINCTIVE));

    const needles = [Buffer.from(DISTINCTIVE, 'utf8'), Buffer.from('QM-7731'), Buffer.from('settings'), Buffer.from('SQLite format 3')];
    const whileOpen = databaseBytes(dir);
    expect(whileOpen.length).toBeGreaterThan(0);
    for (const needle of needles) expect(whileOpen.includes(needle)).toBe(false);

    store.close();
    const closed = readFileSync(file);
    for (const needle of needles) expect(closed.includes(needle)).toBe(false);
  });

  it('cannot be opened by plain SQLite or with another key', () => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    const key = randomBytes(32);
    open(file, key).close();
    const before = snapshot(dir);

    const plain = new Database(file, { fileMustExist: true });
    expect(() => plain.prepare('SELECT * FROM sqlite_schema').all()).toThrow(/not a database/);
    plain.close();
    if (hasSqliteCli()) {
      expect(() => execFileSync('sqlite3', [file, 'SELECT * FROM settings;'], { stdio: 'pipe' })).toThrow(/not a database/);
    }
    expect(codeOf(() => openStore(file, randomBytes(32)))).toBe('store.corrupt');
    expect(snapshot(dir)).toEqual(before);
    open(file, key);
  });

  it('is keyed with the raw key: SQLite runs no KDF of its own', () => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    const key = randomBytes(32);
    const store = open(file, key);
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '\"v\"')").run();
    store.close();

    // With a passphrase, SQLCipher would stretch it with kdf_iter rounds; a raw key ignores kdf_iter.
    const db = new Database(file, { fileMustExist: true });
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('kdf_iter = 1');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('"v"');
    db.close();

    // The hex text taken as a passphrase would be stretched and give another key.
    const asPassphrase = new Database(file, { fileMustExist: true });
    asPassphrase.pragma("cipher = 'sqlcipher'");
    asPassphrase.pragma(`key = '${key.toString('hex')}'`);
    expect(() => asPassphrase.prepare('SELECT * FROM settings').all()).toThrow(/not a database/);
    asPassphrase.close();
  });

  it('runs with WAL, synchronous=FULL, temp_store=MEMORY and foreign keys on', () => {
    const store = open(join(freshDir(), 'db.sqlite'), randomBytes(32));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('closes once, and a second close is harmless', () => {
    const store = open(join(freshDir(), 'db.sqlite'), randomBytes(32));
    store.close();
    expect(store.db.open).toBe(false);
    expect(() => store.close()).not.toThrow();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => openStore(join(freshDir(), 'db.sqlite'), randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('a foreign, damaged or newer database file', () => {
  it.each([
    ['a plain SQLite database', (file: string) => {
      const db = new Database(file);
      db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello')");
      db.close();
    }],
    ['random bytes', (file: string) => writeFileSync(file, randomBytes(16_384))],
    ['a text file', (file: string) => writeFileSync(file, 'not a database at all\n'.repeat(300))],
  ])('refuses %s as store.corrupt and leaves it untouched', (_label, make) => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    make(file);
    const before = snapshot(dir);
    expect(codeOf(() => openStore(file, randomBytes(32)))).toBe('store.corrupt');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a truncated copy of our own database', () => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    const key = randomBytes(32);
    open(file, key).close();
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    const before = snapshot(dir);
    expect(codeOf(() => openStore(file, key))).toBe('store.corrupt');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a database from a newer version with the versions in the error, and never touches it', () => {
    const dir = freshDir();
    const file = join(dir, 'db.sqlite');
    const key = randomBytes(32);
    const store = open(file, key);
    const newer = migrations.length + 1;
    store.db.pragma(`user_version = ${newer}`);
    store.close();
    const before = snapshot(dir);
    let error: unknown;
    try {
      openStore(file, key);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('store.too_new');
    expect((error as AppError).params).toEqual({ found: newer, supported: migrations.length });
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('database problems seen through the app', () => {
  it('a foreign database file: unlock answers store.corrupt, stays locked, and nothing is written', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'vaultLock');
    const file = join(dataDir, 'quartermaster.db');
    const foreign = new Database(join(dataDir, '..', 'foreign.db'));
    foreign.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    foreign.close();
    copyFileSync(join(dataDir, '..', 'foreign.db'), file);
    const before = snapshot(dataDir);

    await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'store.corrupt');
    expect((await ok(core, 'appStatus')).vault).toBe('locked');
    await fails(core, 'settingsGet', {}, 'vault.locked');
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('a database from a newer version: unlock answers store.too_new and nothing is written', async () => {
    const { core, dataDir } = await setUpCore();
    await ok(core, 'vaultLock');
    await core.close();
    const before = snapshot(dataDir);

    // Pretend a newer Quartermaster migrated it: a schema version this build does not know.
    const again = startCore(dataDir);
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await ok(again.core, 'vaultLock');
    expect(snapshot(dataDir)).toEqual(before);
    const key = unwrapForTest(dataDir);
    const store = openStore(join(dataDir, 'quartermaster.db'), key);
    store.db.pragma(`user_version = ${migrations.length + 1}`);
    store.close();
    const bumped = snapshot(dataDir);

    const error = await fails(again.core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'store.too_new');
    expect(error.params).toEqual({ found: migrations.length + 1, supported: migrations.length });
    expect((await ok(again.core, 'appStatus')).vault).toBe('locked');
    expect(snapshot(dataDir)).toEqual(bumped);
  });
});

/**
 * The database key, recomputed independently of the vault code from the
 * documented vault.json format: the format is what it claims to be.
 */
function unwrapForTest(dataDir: string): Buffer {
  const vault = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as {
    kdf: { N: number; r: number; p: number; salt: string };
    wrappedKey: { iv: string; ciphertext: string; tag: string };
  };
  const { kdf, wrappedKey } = vault;
  const kek = scryptSync(PASSPHRASE.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 512 * 1024 * 1024,
  });
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrappedKey.iv, 'base64'));
  decipher.setAAD(Buffer.from(JSON.stringify([1, 'scrypt', kdf.N, kdf.r, kdf.p, kdf.salt, 'aes-256-gcm'])));
  decipher.setAuthTag(Buffer.from(wrappedKey.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(wrappedKey.ciphertext, 'base64')), decipher.final()]);
}
