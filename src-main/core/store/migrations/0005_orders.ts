import type { Db } from '../db';

/**
 * Issue 5: the cart, the officer's draft and signed orders, the unit's
 * orders as the service publishes them, and signatures in the outbox.
 *
 * - `cart_lines`: one line per product, in the order they were added
 *   (`position`). Besides the quantity and funding, each line keeps what the
 *   catalogue said of the product when the line was last written (name, sku,
 *   supplier, prices): a withdrawn product leaves the catalogue (it arrives
 *   as a delete), and the line must still show what it was.
 * - `order_drafts`: local, editable orders (one per supplier and kind at
 *   checkout), each a version of its order id: 1 for a new order, n + 1 when
 *   revising a returned order or accepting a proposal. `lines` is a JSON
 *   array in the officer's order with the unit price each line was priced
 *   at; `prepared` is the exact content the signing preview showed (JSON),
 *   cleared by every edit, so what is signed is what was shown.
 * - `order_signed`: the laptop's own signed versions until the service has
 *   them: the content, its signature (base64 DER CMS) and the outbox intent
 *   carrying them. A row gives way (is deleted) once the service's row of
 *   the order reaches its version.
 * - `orders`: the unit's orders as the `orders` scope publishes them (see
 *   order-applier.ts); the signed content, timeline and line progress as
 *   JSON, the columns the list filters on beside them.
 * - `outbox.signature`: an intent's detached signature (base64), sent with
 *   it; `order.submit` requires one.
 */
export const version = 5;
export const name = 'orders';

export function up(db: Db): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN signature TEXT CHECK (signature IS NULL OR length(signature) > 0);

    CREATE TABLE cart_lines (
      product_id     TEXT NOT NULL PRIMARY KEY,
      position       INTEGER NOT NULL UNIQUE,
      quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
      funding        TEXT NOT NULL CHECK (funding IN ('money', 'e_points')),
      name           TEXT NOT NULL,
      sku            TEXT NOT NULL,
      category       TEXT NOT NULL,
      supplier_id    TEXT NOT NULL,
      supplier_name  TEXT NOT NULL,
      supplier_brand TEXT NOT NULL,
      price_kopiykas INTEGER NOT NULL CHECK (price_kopiykas > 0),
      e_points_price INTEGER CHECK (e_points_price > 0),
      added_at       TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE order_drafts (
      id             TEXT NOT NULL PRIMARY KEY,
      version        INTEGER NOT NULL CHECK (version BETWEEN 1 AND 1000),
      kind           TEXT NOT NULL CHECK (kind IN ('in_stock', 'preorder')),
      supplier_id    TEXT NOT NULL,
      supplier_name  TEXT NOT NULL,
      supplier_brand TEXT NOT NULL,
      hromada_code   TEXT NOT NULL,
      needed_by      TEXT,
      promised_date  TEXT,
      lines          TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array' AND json_array_length(lines) > 0),
      prepared       TEXT CHECK (prepared IS NULL OR (json_valid(prepared) AND json_type(prepared) = 'object')),
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      CHECK (kind = 'preorder' OR needed_by IS NULL)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE order_signed (
      id         TEXT NOT NULL PRIMARY KEY,
      version    INTEGER NOT NULL CHECK (version BETWEEN 1 AND 1000),
      content    TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      signature  TEXT NOT NULL CHECK (length(signature) > 0),
      intent_id  TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      signed_at  TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE orders (
      id            TEXT NOT NULL PRIMARY KEY,
      number        TEXT NOT NULL,
      unit_id       TEXT NOT NULL,
      supplier_id   TEXT NOT NULL,
      kind          TEXT NOT NULL CHECK (kind IN ('in_stock', 'preorder')),
      status        TEXT NOT NULL CHECK (status IN ('preorder_requested', 'proposal_received', 'submitted', 'returned', 'rejected',
                                                    'committed', 'in_delivery', 'partially_delivered', 'delivered', 'closed', 'cancelled')),
      version       INTEGER NOT NULL CHECK (version >= 1),
      content       TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      signature     TEXT NOT NULL,
      promised_date TEXT,
      ship_by       TEXT,
      lines         TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array'),
      timeline      TEXT NOT NULL CHECK (json_valid(timeline) AND json_type(timeline) = 'array'),
      -- The service's time of the order's first event: when the order came to be, as far as the unit's records go.
      created_at    TEXT NOT NULL,
      submitted_at  TEXT NOT NULL,
      updated_at    TEXT NOT NULL,
      change_seq    INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
