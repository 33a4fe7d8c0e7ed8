import { statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@shared/api/errors';
import type { Db } from './db';
import { latestVersion, migrate, tooNewError, userVersion, type Migration } from './migrate';
import { migrations as appMigrations } from './migrations';
import { toStoreError } from './sqlite-errors';

export const STORE_KEY_LENGTH = 32;

/** An open, unlocked, migrated database. */
export interface Store {
  /** The handle repositories query; valid until `close()`. */
  readonly db: Db;
  readonly file: string;
  /** Closes the database (checkpointing the WAL); safe to call twice. */
  close(): void;
}

export interface OpenStoreOptions {
  /** Defaults to the app's migrations; tests pass their own lists. */
  migrations?: readonly Migration[];
}

/**
 * Opens (or creates) the encrypted database with a raw 256-bit key.
 *
 * Before anything that could write (the WAL switch, migrations) the
 * connection reads page 1 and the schema version: a file this key cannot
 * read (`store.corrupt`) or one from a newer app (`store.too_new`) is
 * refused with its bytes untouched. The key buffer is not kept; the caller
 * zeroes it when it likes.
 */
export function openStore(file: string, key: Uint8Array, options: OpenStoreOptions = {}): Store {
  if (key.length !== STORE_KEY_LENGTH) throw new Error(`A store key is ${STORE_KEY_LENGTH} bytes, not ${key.length}`);
  const migrations = options.migrations ?? appMigrations;
  const isNew = !fileExists(file);

  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: !isNew });
    applyKey(db, key);
    // Temporary tables and sort spills are not encrypted on disk; keep them in memory.
    db.pragma('temp_store = MEMORY');
    if (!isNew) refuseUnreadable(db, latestVersion(migrations));
    configure(db);
    migrate(db, migrations);
  } catch (error) {
    db?.close();
    throw toStoreError(error);
  }
  return storeOf(db, file);
}

/**
 * A second connection to a store the main connection holds open and has
 * migrated: a helper thread's (sync/pull-worker.ts). It writes only what
 * can be fetched again (pulled pages), so it commits without an fsync
 * (synchronous=NORMAL; see sync/page-chunks.ts withRelaxedSync); a file of
 * another schema version than this app's is refused.
 */
export function openSecondConnection(file: string, key: Uint8Array, migrations: readonly Migration[] = appMigrations): Store {
  if (key.length !== STORE_KEY_LENGTH) throw new Error(`A store key is ${STORE_KEY_LENGTH} bytes, not ${key.length}`);
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    applyKey(db, key);
    db.pragma('temp_store = MEMORY');
    refuseUnreadable(db, latestVersion(migrations));
    const version = userVersion(db);
    if (version !== latestVersion(migrations)) throw new AppError('store.io', `The database is at version ${version}, not ${latestVersion(migrations)}`);
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'wal') throw new AppError('store.io', `The database is not in WAL mode (${String(mode)})`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db?.close();
    throw toStoreError(error);
  }
  return storeOf(db, file);
}

function storeOf(handle: Db, file: string): Store {
  return {
    db: handle,
    file,
    close() {
      if (handle.open) handle.close();
    },
  };
}

function refuseUnreadable(db: Db, supported: number): void {
  // The first read decrypts page 1: this is where a wrong key or a foreign file shows (SQLITE_NOTADB).
  db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  const found = userVersion(db);
  if (found > supported) throw tooNewError(found, supported);
}

/**
 * SQLCipher-compatible encryption keyed with the raw key. Given as a blob
 * literal (x'…'), SQLite uses the bytes as the key and runs no KDF of its
 * own: the passphrase was already stretched by the vault, so a second
 * stretch would only slow every unlock.
 */
function applyKey(db: Db, key: Uint8Array): void {
  db.pragma("cipher = 'sqlcipher'");
  const literal = rawKeyLiteral(key);
  try {
    const rc = db.key(literal);
    if (rc !== 0) throw new AppError('store.io', `The database refused the key (rc ${rc})`);
  } finally {
    literal.fill(0);
  }
}

/**
 * `x'<64 hex digits>'` built straight into a buffer: a JS string holding the
 * key could not be wiped afterwards, a buffer can.
 */
function rawKeyLiteral(key: Uint8Array): Buffer {
  const hexDigits = '0123456789abcdef';
  const literal = Buffer.alloc(3 + key.length * 2);
  literal.write("x'", 0, 'latin1');
  key.forEach((byte, index) => {
    literal[2 + index * 2] = hexDigits.charCodeAt(byte >> 4);
    literal[3 + index * 2] = hexDigits.charCodeAt(byte & 0x0f);
  });
  literal.write("'", literal.length - 1, 'latin1');
  return literal;
}

function configure(db: Db): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new AppError('store.io', `The database could not switch to WAL mode (got ${String(mode)})`);
  // Signatures and outbox entries must survive a power cut once the officer was told they are saved.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function fileExists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw new AppError('store.io', `The database file cannot be examined: ${String(error)}`);
  }
}
