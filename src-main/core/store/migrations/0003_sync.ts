import type { Db } from '../db';

/**
 * Issue 4: the sync engine's own state.
 *
 * - `outbox`: intents the officer made that the service has not yet answered
 *   (`pending`), or refused (`rejected`, waiting in "needs attention" until
 *   the officer discards or edits it). `seq` is the local order: intents of
 *   one entity are sent in `seq` order. An intent leaves the table in the
 *   same transaction that records its applied result locally. The catalogue's
 *   queries read it (by entity_id) to lay pending watches over the service's.
 * - `sync_cursor`: per scope, the cursor the service last handed out, stored
 *   in the same transaction as the page it came with, and the id of the
 *   service that issued it.
 * - `sync_meta`: small facts about sync (last success, last error) by key,
 *   as JSON values.
 */
export const version = 3;
export const name = 'sync';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE outbox (
      seq             INTEGER PRIMARY KEY AUTOINCREMENT,
      id              TEXT NOT NULL UNIQUE,
      type            TEXT NOT NULL,
      entity_id       TEXT NOT NULL,
      payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
      created_at      TEXT NOT NULL,
      state           TEXT NOT NULL CHECK (state IN ('pending', 'rejected')),
      attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at INTEGER,
      rejection       TEXT CHECK (rejection IS NULL OR json_valid(rejection)),
      rejected_at     TEXT,
      CHECK ((state = 'rejected') = (rejection IS NOT NULL AND rejected_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX outbox_entity ON outbox (entity_id, seq);

    CREATE TABLE sync_cursor (
      scope      TEXT NOT NULL PRIMARY KEY,
      cursor     TEXT NOT NULL,
      service_id TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE sync_meta (
      key   TEXT NOT NULL PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT, WITHOUT ROWID;
  `);
}
