import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import * as m0003 from '../../../src-main/core/store/migrations/0003_sync';
import * as m0004 from '../../../src-main/core/store/migrations/0004_catalog';
import * as m0005 from '../../../src-main/core/store/migrations/0005_orders';
import * as m0006 from '../../../src-main/core/store/migrations/0006_documents';
import { migrate, type Db, type Migration } from '../../../src-main/core/store';
import { databaseAt } from './support';

const ALL: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006];
const DIGEST = 'a'.repeat(64);

const invoice = (db: Db, values: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO invoices (id, number, order_id, unit_id, supplier_id, status, date, content, supplier_signature, receipt, updated_at, change_seq)
       VALUES (@id, 'ВН-2026-000001', 'o', 'u', 's', @status, '2026-01-10', @content, '{"cms":"MIIB"}', @receipt, 'a', 1)`,
    )
    .run({ id: 'i1', status: 'issued', content: '{}', receipt: null, ...values });

const certificate = (db: Db, values: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO certificates (id, number, unit_id, supplier_id, status, date, content, signatures, paid_at, updated_at, change_seq)
       VALUES (@id, 'АПП-2026-000001', 'u', 's', @status, '2026-01-31', '{}', '{}', @paid_at, 'a', 1)`,
    )
    .run({ id: 'c1', status: 'issued', paid_at: null, ...values });

describe('migration 0006_documents', () => {
  it('upgrades a version-5 database (its orders and outbox kept) to version 6 with strict document tables', () => {
    const db = databaseAt([m0001, m0002, m0003, m0004, m0005]);
    db.prepare(
      `INSERT INTO outbox (id, type, entity_id, payload, created_at, state, signature) VALUES ('i', 'order.submit', 'o', '{}', 'now', 'pending', 'MIIB')`,
    ).run();
    migrate(db, ALL);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT id, signature FROM outbox').all()).toEqual([{ id: 'i', signature: 'MIIB' }]);
    // Orders get a place for the orderer's PDF signatures; those signed before have none.
    const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((name) => name === 'pdf_signatures');
    expect([columns('orders'), columns('order_signed')]).toEqual([['pdf_signatures'], ['pdf_signatures']]);
    const tables = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name IN (?, ?, ?, ?, ?) ORDER BY name")
      .all('invoices', 'certificates', 'receipt_prepared', 'receipt_signed', 'certificate_signed');
    expect(tables).toEqual([
      { name: 'certificate_signed', strict: 1 },
      { name: 'certificates', strict: 1 },
      { name: 'invoices', strict: 1 },
      { name: 'receipt_prepared', strict: 1 },
      { name: 'receipt_signed', strict: 1 },
    ]);
  });

  it('keeps an invoice issued exactly while it carries no receipt, in the statuses the service has', () => {
    const db = databaseAt(ALL);
    invoice(db);
    expect(() => invoice(db)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => invoice(db, { id: 'i2', status: 'received' })).toThrow(/CHECK/);
    expect(() => invoice(db, { id: 'i3', receipt: '{}' })).toThrow(/CHECK/);
    expect(() => invoice(db, { id: 'i4', status: 'signed', receipt: '{}' })).toThrow(/CHECK/);
    expect(() => invoice(db, { id: 'i5', content: 'not json' })).toThrow(/CHECK/);
    invoice(db, { id: 'i6', status: 'received', receipt: '{}' });
  });

  it('keeps a certificate paid exactly when it has a payment time', () => {
    const db = databaseAt(ALL);
    certificate(db);
    expect(() => certificate(db, { id: 'c2', status: 'paid' })).toThrow(/CHECK/);
    expect(() => certificate(db, { id: 'c3', paid_at: '2026-02-01T00:00:00Z' })).toThrow(/CHECK/);
    expect(() => certificate(db, { id: 'c4', status: 'signed' })).toThrow(/CHECK/);
    certificate(db, { id: 'c5', status: 'paid', paid_at: '2026-02-01T00:00:00Z' });
  });

  it('holds one signed receipt per invoice and one unit signature per certificate, each tied to its own intent', () => {
    const db = databaseAt(ALL);
    const receipt = db.prepare(
      "INSERT INTO receipt_signed (invoice_id, order_id, content, cms, pdf, intent_id, signed_at) VALUES (?, 'o', '{}', 'MIIB', '{}', ?, 'a')",
    );
    receipt.run('i1', 'x1');
    expect(() => receipt.run('i1', 'x2')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => receipt.run('i2', 'x1')).toThrow(/UNIQUE/);
    const signed = db.prepare(
      "INSERT INTO certificate_signed (certificate_id, content_digest, cms, pdf, intent_id, signed_at) VALUES (?, ?, 'MIIB', '{}', ?, 'a')",
    );
    signed.run('c1', DIGEST, 'y1');
    expect(() => signed.run('c1', DIGEST, 'y2')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => signed.run('c2', 'short', 'y3')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO receipt_prepared (invoice_id, content, prepared_at) VALUES ('i1', '[]', 'a')").run()).toThrow(/CHECK/);
    const orderSigned = db.prepare(
      "INSERT INTO order_signed (id, version, content, signature, pdf_signatures, intent_id, created_at, signed_at) VALUES (?, 1, '{}', 'MIIB', ?, ?, 'a', 'b')",
    );
    orderSigned.run('o1', '{"uk":"MIIB","en":"MIIB"}', 'z1');
    orderSigned.run('o2', null, 'z2');
    expect(() => orderSigned.run('o3', 'MIIB', 'z3')).toThrow(/CHECK/);
  });
});
