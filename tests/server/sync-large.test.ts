import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCategories } from '@shared/service/catalogue';
import { SYNC_PULL_DEFAULT_LIMIT, SYNC_PULL_MAX_LIMIT } from '@shared/sync/scopes';
import type { SyncChange } from '@shared/sync/changes';
import { SyncPullResponseSchema } from '@shared/sync/pull';
import { seedLargeCatalogue } from '../../src-server/demo/large';
import { provision, enrol, readRows, startTestService, type Enrolled, type TestService } from './helpers';
import { withStore } from './sync-helpers';

const PRODUCTS = 20_000;

/** What the first-sync benchmark of issue 4 will ask of the service: 20 000 products over loopback. */
describe('a large catalogue', () => {
  let test: TestService;
  let laptop: Enrolled;
  let seeded: { ms: number; suppliers: number };

  beforeAll(async () => {
    // Rows unchecked on the way out, as in production: the figures are the service's own. The client side
    // of this test checks every page against the contract instead.
    test = await startTestService({ sync: { checkRows: false } });
    seeded = withStore(test, (db) => seedLargeCatalogue(db, { products: PRODUCTS }));
    laptop = await enrol(test, await provision(test, { username: 'bench' }));
  }, 120_000);
  afterAll(() => test.close());

  function post(body: string, encoding: string): Promise<{ wire: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${test.service.url}/v1/sync/pull`,
        { method: 'POST', headers: { authorization: `Bearer ${laptop.accessToken}`, 'content-type': 'application/json', 'accept-encoding': encoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const plain = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : res.headers['content-encoding'] === 'br' ? brotliDecompressSync(raw) : raw;
            resolve({ wire: raw.length, text: plain.toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Page through the catalogue from the beginning as a new laptop does (parsing each page, applying nothing). */
  async function firstSync(limit: number | undefined, encoding: string, check = false) {
    const started = performance.now();
    let cursor: string | null = null;
    let rows = 0;
    let bytes = 0;
    let pages = 0;
    let largest = 0;
    const ids = new Set<string>();
    let lastSeq = 0;
    let ordered = true;
    for (;;) {
      const { wire, text } = await post(JSON.stringify(limit === undefined ? { cursors: { catalog: cursor } } : { cursors: { catalog: cursor }, limit }), encoding);
      bytes += wire;
      largest = Math.max(largest, text.length);
      const body = JSON.parse(text) as { scopes: { catalog: { cursor: string; hasMore: boolean; changes: SyncChange[] } } };
      if (check) SyncPullResponseSchema.parse(body);
      const page = body.scopes.catalog;
      pages += 1;
      rows += page.changes.length;
      for (const change of page.changes) {
        ids.add(change.id);
        ordered &&= change.seq > lastSeq;
        lastSeq = change.seq;
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const ms = performance.now() - started;
    return { ms, rows, pages, bytes, largest, ids, ordered, rowsPerSecond: Math.round((rows / ms) * 1000) };
  }

  it('seeds 20 000 varied, valid products quickly, in one transaction', () => {
    console.log(`[figure] seed-large: ${PRODUCTS} products from ${seeded.suppliers} makers in ${seeded.ms} ms`);
    expect(seeded.ms).toBeLessThan(15_000);
    const products = readRows<{ name: string; category: string; specs: string; description: string; supplier_id: string; sku: string }>(
      test.dataDir,
      'SELECT * FROM products',
    );
    expect(products).toHaveLength(PRODUCTS);
    for (const category of productCategories) expect(products.some((p) => p.category === category), category).toBe(true);
    const names = new Set(products.map((p) => p.name));
    expect(names.size).toBeGreaterThan(PRODUCTS / 4);
    expect(products.filter((p) => /[А-Яа-яІіЇїЄєҐґ]/u.test(p.name)).length).toBeGreaterThan(PRODUCTS / 3);
    expect(products.filter((p) => /^[\x20-\x7E]+$/u.test(p.name)).length).toBeGreaterThan(PRODUCTS / 5);
    expect(new Set(products.map((p) => p.supplier_id)).size).toBe(seeded.suppliers);
    const makers = readRows<{ n: number }>(test.dataDir, 'SELECT count(*) AS n FROM products GROUP BY supplier_id ORDER BY n DESC');
    expect(makers[0]?.n).toBeGreaterThan((makers.at(-1)?.n ?? 0) * 5);
    // A second run adds to the catalogue without colliding (ЄДРПОУ codes are unique).
    const again = withStore(test, (db) => seedLargeCatalogue(db, { products: 10, suppliers: 3 }));
    expect(again.products).toBe(10);
  });

  it('serves the whole catalogue in default pages of 2 000 rows, each row once and in order', async () => {
    const sync = await firstSync(undefined, 'identity', true);
    const live = readRows<{ n: number }>(test.dataDir, 'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM suppliers) AS n')[0]?.n ?? 0;
    expect(sync.pages).toBe(Math.ceil(live / SYNC_PULL_DEFAULT_LIMIT));
    expect(sync.ordered).toBe(true);
    expect(sync.rows).toBe(live);
    expect(sync.ids.size).toBe(live);
    console.log(`[figure] default page: ${SYNC_PULL_DEFAULT_LIMIT} rows, ${Math.round(sync.largest / 1024)} KiB of JSON at most`);
  });

  it('measures a first sync over loopback at the largest page size, plain and compressed', async () => {
    // Once to warm up (JIT, page cache), then measured.
    await firstSync(SYNC_PULL_MAX_LIMIT, 'identity');
    for (const encoding of ['identity', 'gzip', 'br']) {
      const sync = await firstSync(SYNC_PULL_MAX_LIMIT, encoding);
      console.log(
        `[figure] pull ${encoding}: ${sync.rows} rows in ${sync.pages} pages of ${SYNC_PULL_MAX_LIMIT}, ${Math.round(sync.ms)} ms, ${sync.rowsPerSecond} rows/s, ` +
          `${Math.round(sync.bytes / 1024)} KiB on the wire (${Math.round(sync.bytes / sync.rows)} B/row), largest page ${Math.round(sync.largest / 1024)} KiB of JSON`,
      );
      expect(sync.ids.size).toBe(sync.rows);
    }
  });

});
