import type { Db } from './database';

export interface Migration {
  /** 1, 2, 3…: recorded in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: (db: Db) => void;
}

export class StoreTooNewError extends Error {
  override name = 'StoreTooNewError';
}

/**
 * Bring the database up to the latest migration. All pending migrations run
 * in one transaction with the version bump, so a failure leaves the file as
 * it was. A database from a newer service is refused, never touched.
 */
export function migrate(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n in order; found ${m.version} at position ${i + 1}`);
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StoreTooNewError(`The service database is at version ${current}, newer than this service (${latest}); refusing to open it`);
  }
  if (current === latest) return { from: current, to: current };
  db.transaction(() => {
    for (const migration of migrations.slice(current)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return { from: current, to: latest };
}
