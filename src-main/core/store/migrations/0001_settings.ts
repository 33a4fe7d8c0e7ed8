import type { Db } from '../db';

/** Issue 2: the officer's settings (auto-lock minutes, language) as JSON values by key. */
export const version = 1;
export const name = 'settings';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT NOT NULL PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
