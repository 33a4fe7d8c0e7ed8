import { AppError } from '@shared/api/errors';
import type { Db } from './db';

/**
 * One schema step. A migration must only use statements that are
 * transactional in SQLite (DDL and DML are; VACUUM and PRAGMA foreign_keys
 * are not): all pending steps run in one transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewError(found: number, supported: number): AppError {
  return new AppError(
    'store.too_new',
    `The database is at schema version ${found}, written by a newer Quartermaster; this version knows up to ${supported}`,
    { found, supported },
  );
}

/** A gap or a duplicate in the list would skip or repeat a step on somebody's data; refuse it outright. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration '${migration.name}' has version ${migration.version}; expected ${index + 1}`);
    }
  });
}

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the schema up to date: every pending migration, and the new
 * `user_version`, in one transaction, so a failure anywhere leaves the
 * database exactly as it was. A database newer than the list is refused,
 * never touched.
 */
export function migrate(db: Db, migrations: readonly Migration[]): MigrationResult {
  assertMigrationOrder(migrations);
  const latest = latestVersion(migrations);
  const from = userVersion(db);
  if (from > latest) throw tooNewError(from, latest);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // user_version lives in the database header, so it commits or rolls back with the schema.
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
