import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesOfScope, syncEntities, syncEntityNames, syncScopePageSchemas } from '@shared/sync/changes';
import { intentRejectionCodes, intentTypeNames, intentTypes, IntentSchema } from '@shared/sync/intents';
import { SyncPullRequestSchema } from '@shared/sync/pull';
import { formatSyncCursor, parseSyncCursor, syncScopeInfo, syncScopes } from '@shared/sync/scopes';
import { buildOpenApiDocument } from '@shared/service/openapi';
import { serviceRoutes } from '@shared/service/routes';
import { seedDemo } from '../../src-server/demo/seed';
import { seedLargeCatalogue } from '../../src-server/demo/large';
import { withdrawProduct } from '../../src-server/provisioning/catalogue';
import { openDatabase, type Db } from '../../src-server/store/database';
import { migrate } from '../../src-server/store/migrate';
import { migrations } from '../../src-server/store/migrations';
import { appendOrderEvent, insertOrder } from '../../src-server/store/orders';
import { upsertWatch } from '../../src-server/store/watches';
import { intentHandlers } from '../../src-server/sync/intents';
import { intentBodyHash } from '../../src-server/sync/push';
import { entitySources } from '../../src-server/sync/sources';
import Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import canonicalize from 'canonicalize';
import { ORDER_CONTENT_SCHEMA, type OrderContent } from '@shared/service/orders';
import {
  CERTIFICATE_CONTENT_SCHEMA,
  INVOICE_CONTENT_SCHEMA,
  VAT_EXEMPTION_NOTE,
  type CertificateContent,
  type InvoiceContent,
} from '@shared/service/documents';
import { insertCertificate } from '../../src-server/store/documents-certificates';
import { insertInvoice } from '../../src-server/store/documents-invoices';
import { insertCertificateSignature, insertInvoiceSignature } from '../../src-server/store/documents-signatures';
import { enrol, provision, startTestService, tempDir, testClock, type TestService } from './helpers';
import { intent, pullAll, withStore } from './sync-helpers';

describe('the sync contract', () => {
  it('puts every entity type in one scope, with a store source on the service', () => {
    expect(syncEntityNames.sort()).toEqual(Object.keys(entitySources).sort());
    for (const entity of syncEntityNames) expect(syncScopes).toContain(syncEntities[entity].scope);
    expect(entitiesOfScope('orders')).toEqual(['order']);
    expect(entitiesOfScope('documents')).toEqual(['certificate', 'invoice']);
    for (const scope of syncScopes) expect(syncScopePageSchemas[scope]).toBeDefined();
    // Per-unit and per-person scopes filter by owner; shared ones do not.
    for (const entity of syncEntityNames) {
      expect(entitySources[entity].ownerColumn === undefined, entity).toBe(syncScopeInfo[syncEntities[entity].scope].visibility === 'all');
    }
  });

  it('has a handler for every intent type and a code for every rejection', () => {
    expect(Object.keys(intentHandlers).sort()).toEqual([...intentTypeNames].sort());
    expect(intentRejectionCodes).toEqual(expect.arrayContaining(['sync.unknown_intent', 'sync.intent_conflict', 'sync.invalid_payload', 'watch.unknown_product']));
    for (const type of intentTypeNames) for (const code of intentTypes[type].rejections) expect(intentRejectionCodes).toContain(code);
  });

  it('formats and parses cursors, and nothing else passes for one', () => {
    const parts = { serviceId: 'AbCdEfGhIjKlMnOpQrStUv', scope: 'catalog' as const, seq: 123, horizon: 45 };
    expect(formatSyncCursor(parts)).toBe('AbCdEfGhIjKlMnOpQrStUv.catalog.123.45');
    expect(parseSyncCursor(formatSyncCursor(parts))).toEqual(parts);
    for (const bad of ['', 'x', 'AbCdEfGhIjKlMnOpQrStUv.catalog.123', 'AbCdEfGhIjKlMnOpQrStUv.catalogue.1.0', 'short.catalog.1.0', 'AbCdEfGhIjKlMnOpQrStUv.catalog.01.0', `${'A'.repeat(200)}.catalog.1.0`]) {
      expect(parseSyncCursor(bad), bad).toBeNull();
    }
  });

  it('validates requests strictly', () => {
    expect(SyncPullRequestSchema.safeParse({ cursors: { catalog: null, budgets: 'x' } }).success).toBe(true);
    expect(SyncPullRequestSchema.safeParse({ cursors: {} }).success).toBe(false);
    expect(SyncPullRequestSchema.safeParse({ cursors: { catalog: null }, limit: 5000 }).success).toBe(true);
    const good = intent('watch.set', 'p', { productId: 'p' });
    expect(IntentSchema.safeParse(good).success).toBe(true);
    expect(IntentSchema.safeParse({ ...good, id: '0190a6f4-8a4c-4cc1-9f3e-1f0e6f1b2c3d' }).success).toBe(false); // v4, not v7
    expect(IntentSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(IntentSchema.safeParse({ ...good, signature: 'not base64!' }).success).toBe(false);
  });

  it('identifies an intent by what it asks, not by when the client says it was made', () => {
    const base = intent('watch.set', 'p', { productId: 'p', notify: { restock: true, price: false } });
    expect(intentBodyHash({ ...base, createdAt: new Date(0).toISOString() })).toBe(intentBodyHash(base));
    expect(intentBodyHash({ ...base, payload: { notify: { price: false, restock: true }, productId: 'p' } })).toBe(intentBodyHash(base));
    expect(intentBodyHash({ ...base, payload: { productId: 'p', notify: { restock: true, price: true } } })).not.toBe(intentBodyHash(base));
    expect(intentBodyHash({ ...base, signature: 'AAAA' })).not.toBe(intentBodyHash(base));
  });

  it('publishes the sync routes and their shapes in the OpenAPI document', () => {
    const document = buildOpenApiDocument({ version: 'test' }) as {
      paths: Record<string, Record<string, { tags: string[]; requestBody: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { enum?: string[] }> };
      tags: Array<{ name: string }>;
    };
    expect(serviceRoutes.syncPull.path).toBe('/v1/sync/pull');
    expect(serviceRoutes.syncPush.path).toBe('/v1/sync/push');
    const pull = document.paths['/v1/sync/pull']?.post;
    const push = document.paths['/v1/sync/push']?.post;
    expect(pull?.tags).toEqual(['sync']);
    expect(JSON.stringify(pull?.requestBody)).toContain('#/components/schemas/SyncPullRequest');
    expect(JSON.stringify(push?.requestBody)).toContain('#/components/schemas/SyncPushRequest');
    expect(Object.keys(pull?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
    for (const name of ['SyncPullResponse', 'CatalogPage', 'BudgetsPage', 'OrdersPage', 'ProductChange', 'WatchChange', 'Intent', 'IntentResult', 'IntentRejection', 'WatchSetPayload', 'SyncCursor']) {
      expect(document.components.schemas, name).toHaveProperty(name);
    }
    expect(document.components.schemas.IntentRejectionCode?.enum).toEqual(intentRejectionCodes);
    expect(document.components.schemas.ServiceErrorCode?.enum).toContain('sync.cursor_invalid');
    expect(document.tags.map((tag) => tag.name)).toContain('sync');
  });
});

/** The large scopes are paged as JSON that SQLite writes; it must be exactly what the row mappers and the schemas say. */
describe('rows as SQLite writes them for sync', () => {
  let db: Db;
  const clock = testClock();
  const dir = tempDir('qm-sync-rows-');

  beforeAll(async () => {
    db = openDatabase(join(dir, 'service.sqlite'));
    await seedDemo(db, clock);
    seedLargeCatalogue(db, { products: 500, seed: 11 });
    const [product] = db.prepare('SELECT id FROM products LIMIT 1').all() as Array<{ id: string }>;
    const [person] = db.prepare('SELECT id FROM persons LIMIT 1').all() as Array<{ id: string }>;
    upsertWatch(db, person?.id as string, product?.id as string, { restock: true, price: false }, clock());
    withdrawProduct(db, clock, (db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY rowid DESC LIMIT 1').get() as { id: string }).id);
    insertDemoDocuments(db, insertDemoOrder(db, clock()), clock());
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equal the row mappers and the shared schemas for every row of every entity', () => {
    for (const entity of syncEntityNames) {
      const source = entitySources[entity];
      const extra = source.columns === undefined ? '' : `, ${source.columns}`;
      const rows = db.prepare(`SELECT *${extra}, (${source.key}) AS qm_id${source.json ? `, ${source.json} AS qm_json` : ''} FROM ${source.table}`).all() as Array<
        Record<string, unknown> & { qm_id: string; qm_json?: string }
      >;
      expect(rows.length, entity).toBeGreaterThan(0);
      for (const row of rows) {
        const data = source.data(row);
        if (source.json) expect(JSON.parse(row.qm_json as string), `${entity} ${row.qm_id}`).toEqual(data);
        const change = syncEntities[entity].change.safeParse({ entity, op: 'upsert', id: row.qm_id, seq: (data as { changeSeq: number }).changeSeq, data });
        expect(change.success, `${entity} ${row.qm_id}: ${change.error?.message}`).toBe(true);
      }
    }
  });
});

describe('migration 2 on a store made before sync', () => {
  it('keeps the tombstones, gives budget tombstones their unit, and names the service', () => {
    const dir = tempDir('qm-sync-migrate-');
    const file = join(dir, 'service.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 1));
    old.exec(`
      INSERT INTO units (id, name, number, tier, created_at) VALUES ('u1', 'Бригада', 'А1234', 1, 0);
      INSERT INTO budgets (unit_id, year, guaranteed_kopiykas, performance_kopiykas, e_points) VALUES ('u1', 2025, 1, 1, 1);
      DELETE FROM budgets;
      INSERT INTO suppliers (id, name, brand, edrpou, city) VALUES ('s1', 'ТОВ «А»', 'А', '44182634', 'Київ');
      DELETE FROM suppliers;`);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT scope, entity, entity_id, owner FROM tombstones ORDER BY change_seq').all()).toEqual([
        { scope: 'budgets', entity: 'budgets', entity_id: 'u1:2025', owner: 'u1' },
        { scope: 'catalog', entity: 'suppliers', entity_id: 's1', owner: null },
      ]);
      expect((db.prepare("SELECT value FROM service_meta WHERE key = 'service_id'").get() as { value: string }).value).toMatch(/^[A-Za-z0-9_-]{22}$/u);
      // The delete triggers work on the rebuilt table.
      db.exec(`INSERT INTO hromadas (code, name, raion_code, raion_name, oblast_code, oblast_name, source)
               VALUES ('UA05020030000031457', 'Вінницька', 'UA05020000000026686', 'Вінницький', 'UA05000000000010236', 'Вінницька', 't');
               DELETE FROM hromadas;`);
      expect(db.prepare("SELECT entity_id, owner FROM tombstones WHERE scope = 'reference'").all()).toEqual([{ entity_id: 'UA05020030000031457', owner: null }]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('paging rows that share a seq', () => {
  let test: TestService;
  let token: string;
  const shared = 1_000_000;

  beforeAll(async () => {
    test = await startTestService();
    withStore(test, (db) => {
      seedLargeCatalogue(db, { products: 30, suppliers: 3, seed: 5 });
      // Rows written together under one seq (a bulk write of a future entity could do it): 8 products and a supplier.
      db.prepare(`UPDATE products SET change_seq = ? WHERE rowid IN (SELECT rowid FROM products ORDER BY change_seq LIMIT 8 OFFSET 10)`).run(shared);
      db.prepare(`UPDATE suppliers SET change_seq = ? WHERE rowid = (SELECT min(rowid) FROM suppliers)`).run(shared);
      db.prepare('UPDATE change_counter SET value = ?').run(shared + 1);
      db.prepare(`UPDATE products SET change_seq = ? WHERE rowid = (SELECT max(rowid) FROM products)`).run(shared + 1);
    });
    token = (await enrol(test, await provision(test, { username: 'pager' }))).accessToken;
  });
  afterAll(() => test.close());

  it('never splits them across pages, whatever the limit', async () => {
    for (const limit of [1, 3, 4, 7, 9, 10, 50]) {
      const paged = await pullAll(test, token, { catalog: null }, limit);
      const changes = paged.changes.catalog ?? [];
      expect(new Set(changes.map((c) => c.id)).size, `limit ${limit}`).toBe(33);
      expect(changes).toHaveLength(33);
      const pagesWithShared = paged.pages.filter((page) => page.catalog?.changes.some((c) => c.seq === shared));
      expect(pagesWithShared, `limit ${limit}`).toHaveLength(1);
      expect(pagesWithShared[0]?.catalog?.changes.filter((c) => c.seq === shared), `limit ${limit}`).toHaveLength(9);
      expect(changes.at(-1)?.seq).toBe(shared + 1);
    }
  });
});

/** One order with two lines and an event, written straight to the store (its signature is not what this file checks). */
function insertDemoOrder(db: Db, now: number): OrderContent {
  const products = db.prepare('SELECT id, supplier_id, sku, name, price_kopiykas FROM products WHERE active = 1 ORDER BY rowid LIMIT 2').all() as Array<{
    id: string;
    supplier_id: string;
    sku: string;
    name: string;
    price_kopiykas: number;
  }>;
  const person = db.prepare('SELECT p.id, p.username, p.full_name, u.id AS unit_id, u.number FROM persons p JOIN units u ON u.id = p.unit_id LIMIT 1').get() as {
    id: string;
    username: string;
    full_name: string;
    unit_id: string;
    number: string;
  };
  const supplier = db.prepare('SELECT id, name FROM suppliers WHERE id = ?').get(products[0]?.supplier_id) as { id: string; name: string };
  const lines = products.map((p) => ({ productId: p.id, sku: p.sku, name: p.name, quantity: 2, funding: 'money' as const, unitPrice: p.price_kopiykas, total: 2 * p.price_kopiykas }));
  const content: OrderContent = {
    schema: ORDER_CONTENT_SCHEMA,
    orderId: uuidv7(),
    version: 1,
    kind: 'in_stock',
    unit: { id: person.unit_id, number: person.number },
    supplier,
    lines,
    totals: { moneyKopiykas: lines.reduce((sum, l) => sum + l.total, 0), ePoints: 0 },
    hromadaCode: (db.prepare('SELECT code FROM hromadas LIMIT 1').get() as { code: string }).code,
    neededBy: null,
    promisedDate: null,
    author: { personId: person.id, username: person.username, fullName: person.full_name },
    createdAt: new Date(now).toISOString(),
  };
  const signed = { content, canonical: canonicalize(content) as string, signature: 'AAAA', signedBy: person.id, deviceId: uuidv7(), signedAt: now };
  insertOrder(db, { id: content.orderId, number: 'ЗМ-2025-000001', unitId: person.unit_id, supplierId: supplier.id, kind: 'in_stock', status: 'submitted', signed, at: now });
  appendOrderEvent(db, content.orderId, { status: 'submitted', at: now, actor: 'unit', note: null });
  return content;
}

/** An invoice of that order and a certificate listing it, with a supplier signature each, written straight to the store. */
function insertDemoDocuments(db: Db, order: OrderContent, now: number): void {
  const supplier = db.prepare('SELECT id, name, edrpou FROM suppliers WHERE id = ?').get(order.supplier.id) as { id: string; name: string; edrpou: string };
  const unit = db.prepare('SELECT id, number, name FROM units WHERE id = ?').get(order.unit.id) as { id: string; number: string; name: string };
  const signature = { cms: 'AAAA', pdf: { uk: 'AAAA', en: 'AAAA' }, signerId: supplier.id, deviceId: null, signedAt: now };
  const handedOverBy = [{ position: 'Директор', fullName: 'Литвиненко Андрій Васильович' }];
  const lines = order.lines.map((l, i) => ({ position: i + 1, productId: l.productId, sku: l.sku, name: l.name, unitOfMeasure: 'шт.', quantity: l.quantity, unitPriceKopiykas: l.unitPrice, totalKopiykas: l.total }));
  const invoice: InvoiceContent = {
    schema: INVOICE_CONTENT_SCHEMA,
    invoiceId: uuidv7(),
    number: 'ВН-2025-000001',
    date: '2025-06-02',
    supplier,
    unit,
    contract: { orderId: order.orderId, orderNumber: 'ЗМ-2025-000001' },
    lines,
    totalKopiykas: order.totals.moneyKopiykas,
    vatNote: VAT_EXEMPTION_NOTE,
    handedOverBy,
    issuedAt: new Date(now).toISOString(),
  };
  const digest = '0'.repeat(64);
  const invoiceLines = order.lines.map((l, i) => ({ position: i + 1, orderPosition: i, productId: l.productId, quantity: l.quantity }));
  insertInvoice(db, { id: invoice.invoiceId, number: invoice.number, orderId: order.orderId, unitId: unit.id, supplierId: supplier.id, canonical: canonicalize(invoice) as string, digest, lines: invoiceLines, at: now });
  insertInvoiceSignature(db, invoice.invoiceId, 'supplier', signature, now);
  const certificate: CertificateContent = {
    schema: CERTIFICATE_CONTENT_SCHEMA,
    certificateId: uuidv7(),
    number: 'АПП-2025-000001',
    date: '2025-06-30',
    period: { from: '2025-06-01', to: '2025-06-30' },
    supplier,
    unit,
    invoices: [{ invoiceId: invoice.invoiceId, number: invoice.number, invoiceDigest: digest, receiptDigest: digest, acceptedKopiykas: invoice.totalKopiykas }],
    totalKopiykas: invoice.totalKopiykas,
    handedOverBy,
    issuedAt: new Date(now).toISOString(),
  };
  const id = certificate.certificateId;
  insertCertificate(db, { id, number: certificate.number, unitId: unit.id, supplierId: supplier.id, canonical: canonicalize(certificate) as string, digest, invoiceIds: [invoice.invoiceId], at: now });
  insertCertificateSignature(db, id, 'supplier', signature, now);
}
