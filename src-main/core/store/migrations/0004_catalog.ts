import type { Db } from '../db';

/**
 * Issue 4: the local catalogue, as the sync engine's appliers write it
 * (src-main/core/catalog/appliers.ts) and the showcase reads it.
 *
 * - `suppliers`, `hromadas`, `budgets`, `watches`: one row per synced row,
 *   keyed by the change's id, with the `change_seq` it was last written at.
 * - `products` holds what a card shows and what the showcase filters and
 *   sorts on, kept narrow so a search that joins many matches reads few
 *   pages; `product_details` holds the rest of the row (description and the
 *   specifications as JSON), read only by the product page. Together they
 *   are the full row. No foreign key to suppliers: a product may arrive
 *   before its supplier (the catalogue scope is paged in change order).
 * - `products.rid` is a local row number, given when the product first
 *   arrives and kept (it is the FTS rowid); `id` is the service's product id.
 *   `name_key` is the name folded so that its binary order is Ukrainian
 *   alphabetical order with numbers by value (catalog/text.ts).
 * - `product_search`: FTS5 over name, sku, maker (the supplier's brand)
 *   and the specifications flattened to text, all folded by catalog/text.ts
 *   (the same folding runs on every query), plus `facets`: tokens for the
 *   filters (catalog/facets.ts: in stock, codified, the category) that no query word can
 *   produce ('_' is a token character, and queries are built from letters,
 *   digits and '.'), so filters are part of the MATCH and cost no row
 *   lookups. Category words («РЕБ», «розвідувальний», «EW») are matched at
 *   query time against the category facets (catalog/specs.ts), not stored
 *   per product. `product_names` indexes the name and the facets alone: the
 *   "name matches" tier of relevance (catalog/search.ts).
 *   Both: rowid = products.rid, and FTS5 returns matches in rowid order, so
 *   a window "in catalogue order" is read off the index without sorting,
 *   however many products match. Contentless with contentless_delete (the
 *   text lives only in the index; the appliers delete and insert rows
 *   explicitly); only active products are indexed. detail=none: no positions
 *   or columns are kept, which halves the cost of writing the index and
 *   quarters its size (no query needs them: a hyphenated word is matched as
 *   its parts). Prefix indexes of 1 to 8 characters make every prefix as
 *   typed a single list (without one SQLite merges the lists of all the
 *   terms it starts, which costs milliseconds; a longer query word is cut to
 *   8, catalog/text.ts); '.' is a token character so "5.8" is one token
 *   (catalog/text.ts keeps dots only between digits). automerge 16: a first
 *   sync commits a segment per page, and merging them every 4 (the default)
 *   costs more than the queries gain.
 */
export const version = 4;
export const name = 'catalog';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE suppliers (
      id         TEXT NOT NULL PRIMARY KEY,
      name       TEXT NOT NULL,
      brand      TEXT NOT NULL,
      edrpou     TEXT NOT NULL,
      city       TEXT NOT NULL,
      change_seq INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE products (
      rid            INTEGER PRIMARY KEY,
      id             TEXT NOT NULL UNIQUE,
      supplier_id    TEXT NOT NULL,
      sku            TEXT NOT NULL,
      name           TEXT NOT NULL,
      name_key       TEXT NOT NULL,
      category       TEXT NOT NULL CHECK (category IN ('fpv_strike', 'recon_quadcopter', 'fixed_wing_recon', 'heavy_bomber',
                                                       'interceptor', 'ew', 'ground_robot', 'component')),
      price_kopiykas INTEGER NOT NULL CHECK (price_kopiykas > 0),
      e_points_price INTEGER CHECK (e_points_price > 0),
      stock          INTEGER NOT NULL CHECK (stock >= 0),
      lead_time_days INTEGER CHECK (lead_time_days > 0),
      codified       INTEGER NOT NULL CHECK (codified IN (0, 1)),
      active         INTEGER NOT NULL CHECK (active IN (0, 1)),
      change_seq     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE product_details (
      id          TEXT NOT NULL PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
      description TEXT NOT NULL,
      specs       TEXT NOT NULL CHECK (json_valid(specs) AND json_type(specs) = 'object')
    ) STRICT, WITHOUT ROWID;

    -- The showcase's sorts over active products, each ending in name order then rid so windows are stable. The name
    -- order (the default list) also carries what the filters test, so a filtered list and its count read the index
    -- alone. Every index here is paid for on every product a sync writes: no more than the showcase needs.
    CREATE INDEX products_by_name       ON products (name_key, rid, category, stock, codified, price_kopiykas) WHERE active = 1;
    CREATE INDEX products_by_price      ON products (price_kopiykas, name_key, rid) WHERE active = 1;
    CREATE INDEX products_by_price_desc ON products (price_kopiykas DESC, name_key, rid) WHERE active = 1;
    CREATE INDEX products_by_stock      ON products (stock DESC, name_key, rid) WHERE active = 1;

    CREATE VIRTUAL TABLE product_search USING fts5 (
      name, sku, maker, specs, facets,
      content = '', contentless_delete = 1, detail = none, prefix = '1 2 3 4 5 6 7 8',
      tokenize = "unicode61 remove_diacritics 2 tokenchars '._'"
    );
    INSERT INTO product_search (product_search, rank) VALUES ('automerge', 16);

    CREATE VIRTUAL TABLE product_names USING fts5 (
      name, facets,
      content = '', contentless_delete = 1, detail = none, prefix = '1 2 3 4 5 6 7 8',
      tokenize = "unicode61 remove_diacritics 2 tokenchars '._'"
    );
    INSERT INTO product_names (product_names, rank) VALUES ('automerge', 16);

    CREATE TABLE hromadas (
      code        TEXT NOT NULL PRIMARY KEY,
      name        TEXT NOT NULL,
      raion_code  TEXT NOT NULL,
      raion_name  TEXT NOT NULL,
      oblast_code TEXT NOT NULL,
      oblast_name TEXT NOT NULL,
      change_seq  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX hromadas_by_name ON hromadas (name);

    CREATE TABLE budgets (
      id                   TEXT NOT NULL PRIMARY KEY,
      unit_id              TEXT NOT NULL,
      year                 INTEGER NOT NULL,
      guaranteed_kopiykas  INTEGER NOT NULL CHECK (guaranteed_kopiykas >= 0),
      performance_kopiykas INTEGER NOT NULL CHECK (performance_kopiykas >= 0),
      committed_kopiykas   INTEGER NOT NULL CHECK (committed_kopiykas >= 0),
      spent_kopiykas       INTEGER NOT NULL CHECK (spent_kopiykas >= 0),
      e_points             INTEGER NOT NULL CHECK (e_points >= 0),
      change_seq           INTEGER NOT NULL,
      -- Local time the row was applied: the Budget row carries no service time of its own.
      received_at          TEXT NOT NULL,
      UNIQUE (unit_id, year)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE watches (
      product_id TEXT NOT NULL PRIMARY KEY,
      restock    INTEGER NOT NULL CHECK (restock IN (0, 1)),
      price      INTEGER NOT NULL CHECK (price IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      change_seq INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
