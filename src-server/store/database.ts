import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from './migrate';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * The service's own plain SQLite file (the client's store is the encrypted
 * one; the service runs on the agency's servers and needs no cipher). The
 * admin command line opens the same file while the service runs, which WAL
 * and a busy timeout make safe.
 */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // Signatures and intents will live here: a committed write must survive power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Sync pages read thousands of catalogue rows at a time: keep the working set in memory (32 MiB).
    db.pragma('cache_size = -32768');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
