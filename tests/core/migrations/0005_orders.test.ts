import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import * as m0003 from '../../../src-main/core/store/migrations/0003_sync';
import * as m0004 from '../../../src-main/core/store/migrations/0004_catalog';
import * as m0005 from '../../../src-main/core/store/migrations/0005_orders';
import { migrate, type Db, type Migration } from '../../../src-main/core/store';
import { databaseAt } from './support';

const ALL: Migration[] = [m0001, m0002, m0003, m0004, m0005];
const ORDER_ID = '0197a000-0000-7000-8000-0000000000aa';

const cartLine = (db: Db, values: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO cart_lines (product_id, position, quantity, funding, name, sku, category, supplier_id, supplier_name, supplier_brand,
         price_kopiykas, e_points_price, added_at, updated_at)
       VALUES (@product_id, @position, @quantity, @funding, 'Вежа-10', 'VZ-10', 'fpv_strike', 's1', 'ТОВ «Вежа»', 'Вежа', 2150000, NULL, 'a', 'a')`,
    )
    .run({ product_id: 'p1', position: 1, quantity: 3, funding: 'money', ...values });

const draft = (db: Db, values: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO order_drafts (id, version, kind, supplier_id, supplier_name, supplier_brand, hromada_code, needed_by, promised_date, lines,
         prepared, created_at, updated_at)
       VALUES (@id, 1, @kind, 's1', 'ТОВ «Вежа»', 'Вежа', 'UA05020030000031457', @needed_by, NULL, @lines, @prepared, 'a', 'a')`,
    )
    .run({ id: ORDER_ID, kind: 'in_stock', needed_by: null, lines: '[{"productId":"p1"}]', prepared: null, ...values });

describe('migration 0005_orders', () => {
  it('upgrades a version-4 database (its outbox and catalogue kept) to version 5 with the order tables and outbox signatures', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004]);
    db.prepare(
      `INSERT INTO outbox (id, type, entity_id, payload, created_at, state) VALUES ('0197a000-0000-7000-8000-000000000001', 'watch.set', 'p', '{"productId":"p"}', 'now', 'pending')`,
    ).run();
    migrate(db, ALL);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT id, signature FROM outbox').all()).toEqual([{ id: '0197a000-0000-7000-8000-000000000001', signature: null }]);
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name IN (?, ?, ?, ?) ORDER BY name");
    expect(strict.all('cart_lines', 'order_drafts', 'order_signed', 'orders')).toEqual([
      { name: 'cart_lines', strict: 1 },
      { name: 'order_drafts', strict: 1 },
      { name: 'order_signed', strict: 1 },
      { name: 'orders', strict: 1 },
    ]);
    expect(() =>
      db.prepare(`INSERT INTO outbox (id, type, entity_id, payload, created_at, state, signature) VALUES ('x', 'order.submit', 'o', '{}', 'now', 'pending', '')`).run(),
    ).toThrow(/CHECK/);
  });

  it('keeps one cart line per product, in a stable place, with whole quantities of 1 to 10 000 and a known funding', () => {
    const db = databaseAt(ALL);
    cartLine(db);
    expect(() => cartLine(db, { position: 2 })).toThrow(/UNIQUE/);
    expect(() => cartLine(db, { product_id: 'p2' })).toThrow(/UNIQUE/);
    expect(() => cartLine(db, { product_id: 'p3', position: 3, quantity: 0 })).toThrow(/CHECK/);
    expect(() => cartLine(db, { product_id: 'p4', position: 4, quantity: 10_001 })).toThrow(/CHECK/);
    expect(() => cartLine(db, { product_id: 'p5', position: 5, quantity: 1.5 })).toThrow(/cannot store REAL|datatype mismatch/i);
    expect(() => cartLine(db, { product_id: 'p6', position: 6, funding: 'barter' })).toThrow(/CHECK/);
  });

  it('refuses drafts without lines, with unreadable JSON, or an in-stock order with a needed-by date', () => {
    const db = databaseAt(ALL);
    expect(() => draft(db, { lines: '[]' })).toThrow(/CHECK/);
    expect(() => draft(db, { lines: 'not json' })).toThrow(/CHECK/);
    expect(() => draft(db, { prepared: '[1]' })).toThrow(/CHECK/);
    expect(() => draft(db, { needed_by: '2025-03-01' })).toThrow(/CHECK/);
    draft(db, { kind: 'preorder', needed_by: '2025-03-01' });
    expect(() => draft(db)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('keeps one signed copy per order and per intent, and service orders only in the states the service has', () => {
    const db = databaseAt(ALL);
    const signed = db.prepare(
      "INSERT INTO order_signed (id, version, content, signature, intent_id, created_at, signed_at) VALUES (?, 1, '{}', 'MIIB', ?, 'a', 'b')",
    );
    signed.run(ORDER_ID, 'i1');
    expect(() => signed.run('other', 'i1')).toThrow(/UNIQUE/);
    expect(() => signed.run(ORDER_ID, 'i2')).toThrow(/UNIQUE|PRIMARY KEY/);
    const order = db.prepare(
      `INSERT INTO orders (id, number, unit_id, supplier_id, kind, status, version, content, signature, promised_date, ship_by, lines, timeline,
         created_at, submitted_at, updated_at, change_seq)
       VALUES (?, 'ЗМ-2025-000001', 'u', 's', 'in_stock', ?, 1, '{}', 'MIIB', NULL, NULL, '[]', '[]', 'a', 'a', 'a', 7)`,
    );
    order.run(ORDER_ID, 'submitted');
    expect(() => order.run('o2', 'signed')).toThrow(/CHECK/);
    expect(() => order.run('o3', 'draft')).toThrow(/CHECK/);
  });
});
