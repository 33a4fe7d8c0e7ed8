import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import * as m0003 from '../../../src-main/core/store/migrations/0003_sync';
import * as m0004 from '../../../src-main/core/store/migrations/0004_catalog';
import { migrate, type Db } from '../../../src-main/core/store';
import { databaseAt } from './support';

const PRODUCT = {
  id: '0197a000-0000-7002-8000-000000000001',
  supplier_id: '0197a000-0000-7001-8000-000000000001',
  sku: 'VZ-10U',
  name: 'Вежа-10 Удар',
  name_key: 'key',
  category: 'fpv_strike',
  price_kopiykas: 2_150_000,
  e_points_price: 22,
  stock: 310,
  lead_time_days: null,
  codified: 1,
  active: 1,
  change_seq: 5,
};
const insertProduct = (db: Db, values: Partial<typeof PRODUCT> & Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO products (id, supplier_id, sku, name, name_key, category, price_kopiykas, e_points_price, stock, lead_time_days, codified, active, change_seq)
       VALUES (@id, @supplier_id, @sku, @name, @name_key, @category, @price_kopiykas, @e_points_price, @stock, @lead_time_days, @codified, @active, @change_seq)`,
    )
    .run({ ...PRODUCT, ...values });

describe('migration 0004_catalog', () => {
  it('upgrades a version-3 database (its outbox kept) to version 4 with the catalogue tables and both search indexes', () => {
    const db = databaseAt([m0001, m0002, m0003]);
    db.prepare(
      `INSERT INTO outbox (id, type, entity_id, payload, created_at, state) VALUES ('0197a000-0000-7000-8000-000000000001', 'watch.set', 'p', '{"productId":"p"}', 'now', 'pending')`,
    ).run();
    migrate(db, [m0001, m0002, m0003, m0004]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);

    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name IN (?, ?, ?, ?, ?, ?) ORDER BY name");
    expect(strict.all('suppliers', 'products', 'product_details', 'hromadas', 'budgets', 'watches')).toEqual([
      { name: 'budgets', strict: 1 },
      { name: 'hromadas', strict: 1 },
      { name: 'product_details', strict: 1 },
      { name: 'products', strict: 1 },
      { name: 'suppliers', strict: 1 },
      { name: 'watches', strict: 1 },
    ]);
    const virtual = db.prepare("SELECT name, sql FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    expect(virtual.map((table) => table.name)).toEqual(['product_names', 'product_search']);
    for (const { sql } of virtual) {
      expect(sql).toMatch(/fts5/u);
      expect(sql).toMatch(/contentless_delete = 1/u);
      expect(sql).toMatch(/detail = none/u);
      expect(sql).toMatch(/prefix = '1 2 3 4 5 6 7 8'/u);
      expect(sql).toMatch(/unicode61 remove_diacritics 2 tokenchars '\._'/u);
    }
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'products' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['products_by_name', 'products_by_price', 'products_by_price_desc', 'products_by_stock']);
    const automerge = db.prepare("SELECT v FROM product_search_config WHERE k = 'automerge'").pluck().get();
    expect(automerge).toBe(16);
  });

  it('refuses product rows the contract forbids', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004]);
    insertProduct(db);
    expect(() => insertProduct(db)).toThrow(/UNIQUE/);
    const other = (n: number, values: Record<string, unknown>) => () => insertProduct(db, { id: `0197a000-0000-7002-8000-00000000010${n}`, ...values });
    expect(other(1, { category: 'tank' })).toThrow(/CHECK/);
    expect(other(2, { price_kopiykas: 0 })).toThrow(/CHECK/);
    expect(other(3, { price_kopiykas: 12.5 })).toThrow(/cannot store REAL|datatype mismatch/i);
    expect(other(4, { stock: -1 })).toThrow(/CHECK/);
    expect(other(5, { codified: 2 })).toThrow(/CHECK/);
    expect(other(6, { name: null })).toThrow(/NOT NULL/);
  });

  it('keeps a product\'s details with it: JSON specifications only, gone when the product goes', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004]);
    insertProduct(db);
    const details = db.prepare('INSERT INTO product_details (id, description, specs) VALUES (?, ?, ?)');
    expect(() => details.run(PRODUCT.id, 'Ударний FPV 10"', 'not json')).toThrow(/CHECK/);
    expect(() => details.run(PRODUCT.id, 'Ударний FPV 10"', '[1, 2]')).toThrow(/CHECK/);
    // No details for a product that is not there.
    expect(() => details.run('0197a000-0000-7002-8000-00000000ffff', 'x', '{}')).toThrow(/FOREIGN KEY/);
    details.run(PRODUCT.id, 'Ударний FPV 10"', '{"frameSizeInch":10}');
    db.prepare('DELETE FROM products WHERE id = ?').run(PRODUCT.id);
    expect(db.prepare('SELECT count(*) FROM product_details').pluck().get()).toBe(0);
  });

  it('keeps one budget per unit and year, and watch flags as 0 or 1', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004]);
    const budget = db.prepare(
      `INSERT INTO budgets (id, unit_id, year, guaranteed_kopiykas, performance_kopiykas, committed_kopiykas, spent_kopiykas, e_points, change_seq, received_at)
       VALUES (?, 'unit', 2025, 100, 50, 0, 0, 3, 1, 'now')`,
    );
    budget.run('unit:2025');
    expect(() => budget.run('unit:2025:again')).toThrow(/UNIQUE/);
    const watch = db.prepare("INSERT INTO watches (product_id, restock, price, created_at, updated_at, change_seq) VALUES (?, ?, 0, 'a', 'b', 1)");
    watch.run('p1', 1);
    expect(() => watch.run('p2', 2)).toThrow(/CHECK/);
  });

  it('indexes text that only the appliers write, and finds it by prefix', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004]);
    db.prepare("INSERT INTO product_search (rowid, name, sku, maker, specs, facets) VALUES (7, 'вежа 10 удар', 'vz 10u', 'вежа', '5.8 ghz', '_fs _st')").run();
    const match = db.prepare('SELECT rowid FROM product_search WHERE product_search MATCH ?').pluck();
    expect(match.all('"5.8"*')).toEqual([7]);
    expect(match.all('"вежа"* AND "_st"')).toEqual([7]);
    db.prepare('DELETE FROM product_search WHERE rowid = 7').run();
    expect(match.all('"вежа"*')).toEqual([]);
  });
});
