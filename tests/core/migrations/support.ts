import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { migrate, openStore, type Db, type Migration, type Store } from '../../../src-main/core/store';
import { removeTempDirs, tempDataDir } from '../support/fixtures';

/**
 * The migration tests' databases: real encrypted stores in temporary
 * directories, opened without migrations and brought to the version a test
 * names; all closed and removed after each test of the file importing this.
 */
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  removeTempDirs();
});

/** An encrypted store at version 0. */
export function emptyDatabase(): Store {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true });
  const store = openStore(join(dir, 'db.sqlite'), randomBytes(32), { migrations: [] });
  stores.push(store);
  return store;
}

/** An encrypted store brought up by `migrations`. */
export function databaseAt(migrations: readonly Migration[]): Db {
  const { db } = emptyDatabase();
  migrate(db, migrations);
  return db;
}
