import type { SyncScope } from '@shared/sync/scopes';
import type { Db } from '../store';

/**
 * The pull's position (migration 0003): per scope, the cursor the service
 * last handed out, written in the same transaction as the page it came
 * with; and a few facts about sync in `sync_meta`.
 */

export interface StoredCursor {
  cursor: string;
  serviceId: string;
}

export function readCursors(db: Db): Map<SyncScope, StoredCursor> {
  const rows = db.prepare('SELECT scope, cursor, service_id FROM sync_cursor').all() as Array<{ scope: SyncScope; cursor: string; service_id: string }>;
  return new Map(rows.map((row) => [row.scope, { cursor: row.cursor, serviceId: row.service_id }]));
}

export function writeCursor(db: Db, scope: SyncScope, cursor: StoredCursor, at: string): void {
  db.prepare(
    `INSERT INTO sync_cursor (scope, cursor, service_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor, service_id = excluded.service_id, updated_at = excluded.updated_at`,
  ).run(scope, cursor.cursor, cursor.serviceId, at);
}

// ---- sync_meta ----

export function getMeta<T>(db: Db, key: string): T | undefined {
  const value = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

export function setMeta(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function deleteMeta(db: Db, key: string): void {
  db.prepare('DELETE FROM sync_meta WHERE key = ?').run(key);
}

export const META_LAST_SUCCESS = 'last_success_at';
/**
 * Scopes whose local rows must be dropped when their next page is applied:
 * the service refused their cursors (another or a restored service), so they
 * restart from the beginning, but the rows stay visible until then.
 */
export const META_CLEAR_PENDING = 'clear_pending';

export function clearPendingScopes(db: Db): Set<SyncScope> {
  return new Set(getMeta<SyncScope[]>(db, META_CLEAR_PENDING) ?? []);
}

/**
 * Forget the cursors of `scopes` (never the outbox): their next pull starts
 * from the beginning and its first page replaces what is held.
 */
export function resetScopes(db: Db, scopes: readonly SyncScope[]): void {
  const pending = clearPendingScopes(db);
  const remove = db.prepare('DELETE FROM sync_cursor WHERE scope = ?');
  for (const scope of scopes) {
    remove.run(scope);
    pending.add(scope);
  }
  setMeta(db, META_CLEAR_PENDING, [...pending].sort());
}

export function clearDone(db: Db, scope: SyncScope): void {
  const pending = clearPendingScopes(db);
  if (!pending.delete(scope)) return;
  if (pending.size === 0) deleteMeta(db, META_CLEAR_PENDING);
  else setMeta(db, META_CLEAR_PENDING, [...pending].sort());
}
