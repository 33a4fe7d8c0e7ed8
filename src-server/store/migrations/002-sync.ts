import { randomBytes } from 'node:crypto';
import type { Migration } from '../migrate';
import { deleteTrigger, seqTriggers } from './triggers';

/**
 * Sync (issue 4): the service's identity for cursors, retention of deletes,
 * watch lists, and the record of every intent applied.
 *
 * Tombstones are rebuilt to learn the new scopes, the owner of a row in a
 * per-unit or per-person scope (so a delete reaches only those who saw the
 * row), and when the retention sweep first noticed them. SQLite cannot
 * change a CHECK in place, and a table cannot be renamed while triggers name
 * it, so the delete triggers are dropped and made again around the rebuild.
 */

const SCOPES = "'budgets', 'watches', 'orders', 'documents', 'catalog', 'reference'";


export const m002Sync: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
DROP TRIGGER suppliers_seq_delete;
DROP TRIGGER products_seq_delete;
DROP TRIGGER budgets_seq_delete;
DROP TRIGGER hromadas_seq_delete;

CREATE TABLE tombstones_next (
  change_seq INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN (${SCOPES})),
  -- The table the row was deleted from.
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  -- Unit id (per-unit scopes) or person id (per-person scopes); NULL where everyone sees the scope.
  owner      TEXT,
  -- Service clock when the retention sweep first saw this tombstone; purged a retention period later.
  noticed_at INTEGER
) STRICT;
INSERT INTO tombstones_next (change_seq, scope, entity, entity_id, owner)
  SELECT change_seq, scope, entity, entity_id,
         CASE WHEN scope = 'budgets' THEN substr(entity_id, 1, instr(entity_id, ':') - 1) END
  FROM tombstones;
DROP TABLE tombstones;
ALTER TABLE tombstones_next RENAME TO tombstones;
CREATE INDEX tombstones_scope ON tombstones(scope, change_seq);
CREATE INDEX tombstones_owner ON tombstones(scope, owner, change_seq) WHERE owner IS NOT NULL;
${deleteTrigger('suppliers', 'catalog', 'OLD.id', 'NULL')}
${deleteTrigger('products', 'catalog', 'OLD.id', 'NULL')}
${deleteTrigger('budgets', 'budgets', "OLD.unit_id || ':' || OLD.year", 'OLD.unit_id')}
${deleteTrigger('hromadas', 'reference', 'OLD.code', 'NULL')}

-- A withdrawn product stays (orders and invoices name it) with active = 0; sync serves it as a delete.
ALTER TABLE products ADD COLUMN withdrawn_at INTEGER;

-- Per scope: every delete with change_seq at or below this may be gone (purged); a cursor below it resets.
CREATE TABLE sync_horizons (
  scope TEXT PRIMARY KEY CHECK (scope IN (${SCOPES})),
  seq   INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;

-- Watch lists: per person, one row per watched product.
CREATE TABLE watches (
  person_id      TEXT NOT NULL REFERENCES persons(id),
  product_id     TEXT NOT NULL REFERENCES products(id),
  notify_restock INTEGER NOT NULL CHECK (notify_restock IN (0, 1)),
  notify_price   INTEGER NOT NULL CHECK (notify_price IN (0, 1)),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  change_seq     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, product_id),
  CHECK (notify_restock = 1 OR notify_price = 1)
) STRICT;
CREATE INDEX watches_person_seq ON watches(person_id, change_seq);
CREATE INDEX watches_product ON watches(product_id);
${seqTriggers('watches', 'watches', 'OLD.product_id', 'OLD.person_id')}

-- Every intent the service has answered, written in the transaction of its effect:
-- a resent id gets this result back instead of a second effect.
CREATE TABLE sync_intents (
  id                TEXT PRIMARY KEY,
  person_id         TEXT NOT NULL REFERENCES persons(id),
  device_id         TEXT NOT NULL REFERENCES devices(id),
  type              TEXT NOT NULL,
  entity_id         TEXT NOT NULL,
  -- SHA-256 (hex) of the canonical JSON (RFC 8785) of type, entityId, payload and signature.
  body_sha256       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  -- The result (applied) or the reason (rejected), as answered.
  outcome           TEXT NOT NULL CHECK (json_valid(outcome)),
  client_created_at TEXT NOT NULL,
  received_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_intents_person ON sync_intents(person_id, received_at);
`);
    // The id every cursor of this service carries. Kept in the database, so a restored copy keeps the
    // identity that matches its sequence numbers, and another service's cursors are told apart.
    db.prepare("INSERT INTO service_meta (key, value) VALUES ('service_id', ?)").run(randomBytes(16).toString('base64url'));
  },
};
