import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import * as m0003 from '../../../src-main/core/store/migrations/0003_sync';
import * as m0004 from '../../../src-main/core/store/migrations/0004_catalog';
import * as m0005 from '../../../src-main/core/store/migrations/0005_orders';
import * as m0006 from '../../../src-main/core/store/migrations/0006_documents';
import * as m0007 from '../../../src-main/core/store/migrations/0007_product_details_by_rid';
import { migrate, type Db, type Migration } from '../../../src-main/core/store';
import { databaseAt } from './support';

const BEFORE: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006];
const ALL: Migration[] = [...BEFORE, m0007];

const productId = (n: number) => `0197a000-0000-7002-8000-${String(n).padStart(12, '0')}`;

function insertProduct(db: Db, n: number): number {
  const info = db
    .prepare(
      `INSERT INTO products (id, supplier_id, sku, name, name_key, category, price_kopiykas, stock, codified, active, change_seq)
       VALUES (?, 's', ?, ?, ?, 'fpv_strike', 2150000, 3, 1, 1, ?)`,
    )
    .run(productId(n), `SKU-${n}`, `Вежа-${n}`, `key-${n}`, n);
  return Number(info.lastInsertRowid);
}

describe('migration 0007_product_details_by_rid', () => {
  it('upgrades a version-6 database: every product keeps its description and specifications, now under its rid', () => {
    const db = databaseAt(BEFORE);
    const rids = [1, 2, 3].map((n) => insertProduct(db, n));
    const details = db.prepare('INSERT INTO product_details (id, description, specs) VALUES (?, ?, ?)');
    details.run(productId(1), 'Ударний FPV 10"', '{"frameSizeInch":10}');
    details.run(productId(3), 'Розвідник', '{"rangeKm":5.8,"bands":["2.4","5.8"]}');
    db.prepare(`INSERT INTO outbox (id, type, entity_id, payload, created_at, state) VALUES ('i', 'watch.set', 'p', '{}', 'now', 'pending')`).run();

    migrate(db, ALL);

    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT rid, description, specs FROM product_details ORDER BY rid').all()).toEqual([
      { rid: rids[0], description: 'Ударний FPV 10"', specs: '{"frameSizeInch":10}' },
      { rid: rids[2], description: 'Розвідник', specs: '{"rangeKm":5.8,"bands":["2.4","5.8"]}' },
    ]);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    // A rowid table: no WITHOUT ROWID B-tree of whole rows, and no index beside its key.
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'product_details'").pluck().get() as string;
    expect(table).not.toMatch(/WITHOUT ROWID/iu);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'product_details'").pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('still refuses specifications that are not a JSON object and details of no product, and goes with its product', () => {
    const db = databaseAt(ALL);
    const rid = insertProduct(db, 1);
    const details = db.prepare('INSERT INTO product_details (rid, description, specs) VALUES (?, ?, ?)');
    expect(() => details.run(rid, 'x', 'not json')).toThrow(/CHECK/);
    expect(() => details.run(rid, 'x', '[1, 2]')).toThrow(/CHECK/);
    expect(() => details.run(rid + 100, 'x', '{}')).toThrow(/FOREIGN KEY/);
    details.run(rid, 'Ударний FPV 10"', '{"frameSizeInch":10}');
    db.prepare('DELETE FROM products WHERE rid = ?').run(rid);
    expect(db.prepare('SELECT count(*) FROM product_details').pluck().get()).toBe(0);
  });
});
