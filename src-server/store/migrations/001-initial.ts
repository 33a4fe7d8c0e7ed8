import type { Migration } from '../migrate';

/**
 * Sync-ready tables get a `change_seq` from one service-wide counter on every
 * insert and update, and a tombstone with its own `change_seq` on delete.
 * Triggers assign it, so no write path can forget to. (Recursive triggers are
 * off by default in SQLite, and the update trigger only fires when a write
 * left change_seq alone, so the triggers' own updates do not loop.)
 */
function changeSeqTriggers(table: string, scope: string, key: string): string {
  const bump = `UPDATE change_counter SET value = value + 1 WHERE id = 1;`;
  const current = `(SELECT value FROM change_counter WHERE id = 1)`;
  return `
CREATE INDEX ${table}_change_seq ON ${table}(change_seq);
CREATE TRIGGER ${table}_seq_insert AFTER INSERT ON ${table} BEGIN
  ${bump}
  UPDATE ${table} SET change_seq = ${current} WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER ${table}_seq_update AFTER UPDATE ON ${table} WHEN NEW.change_seq IS OLD.change_seq BEGIN
  ${bump}
  UPDATE ${table} SET change_seq = ${current} WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER ${table}_seq_delete AFTER DELETE ON ${table} BEGIN
  ${bump}
  INSERT INTO tombstones (change_seq, scope, entity, entity_id) VALUES (${current}, '${scope}', '${table}', ${key});
END;`;
}

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
CREATE TABLE service_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One counter for the whole service: the sync cursor of every scope.
CREATE TABLE change_counter (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
) STRICT;
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE tombstones (
  change_seq INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('catalog', 'reference', 'budgets')),
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL
) STRICT;
CREATE INDEX tombstones_scope ON tombstones(scope, change_seq);

-- Provisioning: the agency registers units, the unit names its people.
CREATE TABLE units (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  number     TEXT NOT NULL UNIQUE,
  tier       INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 5),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE persons (
  id             TEXT PRIMARY KEY,
  unit_id        TEXT NOT NULL REFERENCES units(id),
  username       TEXT NOT NULL UNIQUE,
  full_name      TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  totp_secret    TEXT NOT NULL,
  -- RFC 6238 time step of the last accepted code: a code at or before it is a replay.
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER,
  revoked_reason TEXT
) STRICT;
CREATE INDEX persons_unit ON persons(unit_id);

CREATE TABLE person_roles (
  person_id TEXT NOT NULL REFERENCES persons(id),
  role      TEXT NOT NULL CHECK (role IN ('orderer', 'receiver', 'commander')),
  PRIMARY KEY (person_id, role)
) STRICT;

-- Only a hash of each one-time code is kept; the code itself is shown once.
CREATE TABLE enrolment_codes (
  id         TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL REFERENCES persons(id),
  code_hash  TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  device_id  TEXT
) STRICT;
CREATE INDEX enrolment_codes_person ON enrolment_codes(person_id);

CREATE TABLE devices (
  id                    TEXT PRIMARY KEY,
  person_id             TEXT NOT NULL REFERENCES persons(id),
  certificate_serial    TEXT NOT NULL UNIQUE,
  certificate_pem       TEXT NOT NULL,
  public_key_sha256     TEXT NOT NULL UNIQUE,
  not_before            INTEGER NOT NULL,
  not_after             INTEGER NOT NULL,
  enrolled_at           INTEGER NOT NULL,
  last_seen_at          INTEGER,
  -- SHA-256 of the current refresh token, and of the one it replaced (kept
  -- so a client whose refresh answer was lost on a bad link can retry).
  refresh_hash          TEXT NOT NULL,
  previous_refresh_hash TEXT,
  refresh_expires_at    INTEGER NOT NULL,
  revoked_at            INTEGER,
  revoked_reason        TEXT
) STRICT;
CREATE INDEX devices_person ON devices(person_id);

-- Failed-attempt counters per username and per client address.
CREATE TABLE auth_throttle (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  blocked_until   INTEGER NOT NULL
) STRICT;

-- Catalogue scope.
CREATE TABLE suppliers (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  brand      TEXT NOT NULL,
  edrpou     TEXT NOT NULL UNIQUE CHECK (length(edrpou) = 8),
  city       TEXT NOT NULL,
  change_seq INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE products (
  id             TEXT PRIMARY KEY,
  supplier_id    TEXT NOT NULL REFERENCES suppliers(id),
  sku            TEXT NOT NULL,
  name           TEXT NOT NULL,
  category       TEXT NOT NULL,
  description    TEXT NOT NULL,
  specs          TEXT NOT NULL CHECK (json_valid(specs)),
  price_kopiykas INTEGER NOT NULL CHECK (price_kopiykas > 0),
  e_points_price INTEGER CHECK (e_points_price > 0),
  stock          INTEGER NOT NULL CHECK (stock >= 0),
  lead_time_days INTEGER CHECK (lead_time_days > 0),
  codified       INTEGER NOT NULL CHECK (codified IN (0, 1)),
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  change_seq     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (supplier_id, sku),
  CHECK (stock > 0 OR lead_time_days IS NOT NULL)
) STRICT;
CREATE INDEX products_category ON products(category);

-- Budgets scope: per unit and year; committed and spent move with orders.
CREATE TABLE budgets (
  unit_id              TEXT NOT NULL REFERENCES units(id),
  year                 INTEGER NOT NULL,
  guaranteed_kopiykas  INTEGER NOT NULL CHECK (guaranteed_kopiykas >= 0),
  performance_kopiykas INTEGER NOT NULL CHECK (performance_kopiykas >= 0),
  committed_kopiykas   INTEGER NOT NULL DEFAULT 0 CHECK (committed_kopiykas >= 0),
  spent_kopiykas       INTEGER NOT NULL DEFAULT 0 CHECK (spent_kopiykas >= 0),
  e_points             INTEGER NOT NULL CHECK (e_points >= 0),
  change_seq           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, year)
) STRICT;

-- Reference scope: hromadas from the KATOTTG codifier (or the demo list).
CREATE TABLE hromadas (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  raion_code  TEXT NOT NULL,
  raion_name  TEXT NOT NULL,
  oblast_code TEXT NOT NULL,
  oblast_name TEXT NOT NULL,
  source      TEXT NOT NULL,
  change_seq  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX hromadas_oblast ON hromadas(oblast_code);
${changeSeqTriggers('suppliers', 'catalog', 'OLD.id')}
${changeSeqTriggers('products', 'catalog', 'OLD.id')}
${changeSeqTriggers('budgets', 'budgets', "OLD.unit_id || ':' || OLD.year")}
${changeSeqTriggers('hromadas', 'reference', 'OLD.code')}
`);
  },
};
