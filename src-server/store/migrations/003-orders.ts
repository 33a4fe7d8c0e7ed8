import type { Migration } from '../migrate';
import { seqTriggers, touchParent } from './triggers';

/**
 * Orders (issue 5): what units sign and the service keeps, with the
 * agency's and suppliers' answers.
 *
 * `orders` is the synced row (scope `orders`, owner the unit). Its lines'
 * progress and its timeline live in tables of their own but are published
 * as part of the order, so every write to them touches the order row, whose
 * own update trigger then gives it the next change_seq: a pull always
 * delivers the whole order. Every signed version is kept in
 * `order_versions`, the record of what each signature covered.
 *
 * Status, kind and actor lists are spelled out rather than generated from
 * the shared contract: a migration is a frozen snapshot, and a later
 * contract change must come with a migration of its own.
 */

const STATUSES = `'preorder_requested', 'proposal_received', 'submitted', 'returned', 'rejected', 'committed', 'in_delivery',
  'partially_delivered', 'delivered', 'closed', 'cancelled'`;

export const m003Orders: Migration = {
  version: 3,
  name: 'orders',
  up(db) {
    db.exec(`
CREATE TABLE orders (
  -- The client's UUID v7, the same through every version.
  id            TEXT PRIMARY KEY,
  -- The service's number, ЗМ-<year>-<000042>, given when the order first arrives.
  number        TEXT NOT NULL UNIQUE,
  unit_id       TEXT NOT NULL REFERENCES units(id),
  supplier_id   TEXT NOT NULL REFERENCES suppliers(id),
  kind          TEXT NOT NULL CHECK (kind IN ('in_stock', 'preorder')),
  status        TEXT NOT NULL CHECK (status IN (${STATUSES})),
  version       INTEGER NOT NULL CHECK (version >= 1),
  -- The latest accepted version: its canonical JSON (RFC 8785, the bytes the signature covers) and the signature (base64 DER).
  content       TEXT NOT NULL CHECK (json_valid(content)),
  signature     TEXT NOT NULL,
  -- YYYY-MM-DD: the supplier's promised delivery (pre-orders), the ship-by date (committed in-stock orders).
  promised_date TEXT,
  ship_by       TEXT,
  submitted_at  INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  change_seq    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX orders_unit_seq ON orders(unit_id, change_seq);
CREATE INDEX orders_status ON orders(status, submitted_at);

-- The lines of the current version, in the signed order, with their progress.
CREATE TABLE order_lines (
  order_id           TEXT NOT NULL REFERENCES orders(id),
  position           INTEGER NOT NULL CHECK (position >= 0),
  product_id         TEXT NOT NULL REFERENCES products(id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  delivered_quantity INTEGER NOT NULL DEFAULT 0 CHECK (delivered_quantity >= 0),
  expected_date      TEXT,
  PRIMARY KEY (order_id, position)
) STRICT;
CREATE INDEX order_lines_product ON order_lines(product_id);

-- The timeline, oldest first.
CREATE TABLE order_events (
  order_id TEXT NOT NULL REFERENCES orders(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  status   TEXT NOT NULL CHECK (status IN (${STATUSES})),
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL CHECK (actor IN ('unit', 'agency', 'supplier', 'service')),
  note     TEXT,
  PRIMARY KEY (order_id, position)
) STRICT;

-- Every signed version the service accepted: what each signature covered, kept after a newer one replaces it.
CREATE TABLE order_versions (
  order_id    TEXT NOT NULL REFERENCES orders(id),
  version     INTEGER NOT NULL CHECK (version >= 1),
  content     TEXT NOT NULL CHECK (json_valid(content)),
  signature   TEXT NOT NULL,
  signed_by   TEXT NOT NULL REFERENCES persons(id),
  device_id   TEXT NOT NULL,
  signed_at   INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, version)
) STRICT;

-- The last order number given in each year.
CREATE TABLE order_numbers (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL CHECK (last >= 0)
) STRICT;
${seqTriggers('orders', 'orders', 'OLD.id', 'OLD.unit_id')}
${touchParent('order_lines', 'orders', 'order_id')}
${touchParent('order_events', 'orders', 'order_id')}
`);
  },
};
