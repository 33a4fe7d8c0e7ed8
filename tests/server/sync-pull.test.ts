import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncPullResponseSchema } from '@shared/sync/pull';
import { parseSyncCursor, syncScopes } from '@shared/sync/scopes';
import type { SyncChange } from '@shared/sync/changes';
import { setProductPrice, setProductStock, withdrawProduct } from '../../src-server/provisioning/catalogue';
import type { DemoLogin } from '../../src-server/demo/logins';
import { enrol, provision, readRows, startTestService, type Enrolled, type TestService } from './helpers';
import { admin, allScopes, pull, pullAll, seqs, withStore, type PulledAll } from './sync-helpers';

describe('sync pull', () => {
  let test: TestService;
  let orderer1: DemoLogin;
  let laptop: Enrolled;
  let full: PulledAll;

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    orderer1 = (test.service.demo ?? []).find((login) => login.username === 'orderer1') as DemoLogin;
    laptop = await enrol(test, orderer1);
    full = await pullAll(test, laptop.accessToken, allScopes());
  });
  afterAll(() => test.close());

  const catalogIds = () => [
    ...readRows<{ id: string }>(test.dataDir, 'SELECT id FROM suppliers'),
    ...readRows<{ id: string }>(test.dataDir, 'SELECT id FROM products WHERE active = 1'),
  ].map((row) => row.id);

  it('delivers the demo world on a first sync: catalogue, hromadas, and the unit budget', () => {
    expect(full.pages).toHaveLength(1);
    const page = full.pages[0] ?? {};
    expect(Object.keys(page).sort()).toEqual([...syncScopes].sort());
    expect(new Set(full.changes.catalog?.map((c) => c.id))).toEqual(new Set(catalogIds()));
    expect(full.changes.reference?.length).toBe(readRows(test.dataDir, 'SELECT code FROM hromadas').length);
    expect(full.changes.budgets).toHaveLength(1);
    expect(full.changes.watches).toEqual([]);
    expect(full.changes.orders).toEqual([]);
    expect(full.changes.documents).toEqual([]);
    for (const scope of syncScopes) expect(page[scope]).toMatchObject({ hasMore: false, reset: false });
    expect(SyncPullResponseSchema.safeParse({ serviceId: 'x'.repeat(22), serverTime: new Date().toISOString(), scopes: page }).success).toBe(true);
  });

  it('pages the whole catalogue with a small limit: every row exactly once, in seq order, the limit shared by all scopes', async () => {
    const paged = await pullAll(test, laptop.accessToken, allScopes(), 7);
    expect(paged.pages.length).toBeGreaterThan(10);
    for (const page of paged.pages) {
      const rows = Object.values(page).reduce((sum, p) => sum + p.changes.length, 0);
      expect(rows).toBeLessThanOrEqual(7);
    }
    for (const scope of syncScopes) {
      const changes = paged.changes[scope] ?? [];
      const ids = changes.map((c) => `${c.entity}:${c.id}`);
      expect(new Set(ids).size, scope).toBe(ids.length);
      expect(seqs(changes), scope).toEqual([...seqs(changes)].sort((a, b) => a - b));
      expect(changes, scope).toEqual(full.changes[scope]);
    }
    // The small scopes come first: the budget is on the first page of a new laptop.
    expect(paged.pages[0]?.budgets?.changes).toHaveLength(1);
    // Progress: remaining counts down to the end.
    const remaining = paged.pages.map((page) => page.catalog?.remaining).filter((n): n is number => n !== undefined);
    expect(remaining.length).toBeGreaterThan(3);
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
    expect(paged.cursors).toEqual(full.cursors);
  });

  it('resumes from any cursor it returned without a gap or a repeat', async () => {
    const all = full.changes.catalog as SyncChange[];
    let cursor: string | null = null;
    const cursors: string[] = [];
    for (;;) {
      const reply = await pull(test, laptop.accessToken, { catalog: cursor }, 9);
      const page = reply.pages.catalog;
      if (!page) throw new Error('no catalog page');
      cursors.push(page.cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    for (const [i, resumeFrom] of cursors.entries()) {
      const offset = Math.min((i + 1) * 9, all.length);
      const rest = await pullAll(test, laptop.accessToken, { catalog: resumeFrom }, 1000);
      expect(rest.changes.catalog, `from cursor ${i}`).toEqual(all.slice(offset));
    }
  });

  it('carries a price change, a stock change and a withdrawal on the next pull, exactly once', async () => {
    const products = (full.changes.catalog ?? []).filter((c) => c.entity === 'product' && c.op === 'upsert');
    const [repriced, restocked, withdrawn, both] = products.map((c) => c.id) as [string, string, string, string];
    const priced = await admin(test, 'product', 'set-price', '--id', repriced, '--uah', '15 999.50');
    expect(priced.code, priced.err).toBe(0);
    withStore(test, (db) => {
      setProductStock(db, restocked, 0, 9);
      withdrawProduct(db, test.clock, withdrawn);
      setProductPrice(db, both, 123_400);
      setProductStock(db, both, 77);
    });
    const next = await pullAll(test, laptop.accessToken, full.cursors);
    expect(next.pages).toHaveLength(1);
    const catalog = next.changes.catalog ?? [];
    expect(catalog.map((c) => [c.id, c.op])).toEqual([
      [repriced, 'upsert'],
      [restocked, 'upsert'],
      [withdrawn, 'delete'],
      [both, 'upsert'],
    ]);
    const data = (id: string) => (catalog.find((c) => c.id === id) as Extract<SyncChange, { entity: 'product'; op: 'upsert' }>).data;
    expect(data(repriced).priceKopiykas).toBe(1_599_950);
    expect([data(restocked).stock, data(restocked).leadTimeDays]).toEqual([0, 9]);
    expect([data(both).priceKopiykas, data(both).stock]).toEqual([123_400, 77]);
    expect(catalog.find((c) => c.id === withdrawn)).toEqual({ entity: 'product', op: 'delete', id: withdrawn, seq: expect.any(Number) });
    for (const scope of syncScopes) if (scope !== 'catalog') expect(next.changes[scope], scope).toEqual([]);

    const again = await pull(test, laptop.accessToken, next.cursors);
    for (const scope of syncScopes) expect(again.pages[scope]?.changes, scope).toEqual([]);
    // A new laptop does not get the withdrawn product (at most its delete, while within retention).
    const fresh = await pullAll(test, laptop.accessToken, { catalog: null });
    expect(fresh.changes.catalog?.filter((c) => c.op === 'upsert').map((c) => c.id)).not.toContain(withdrawn);
    full = { ...full, cursors: next.cursors };
  });

  it('answers a sync with nothing new in one small round trip, cursors unchanged', async () => {
    const response = await fetch(`${test.service.url}/v1/sync/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${laptop.accessToken}`, 'content-type': 'application/json', 'accept-encoding': 'gzip, br' },
      body: JSON.stringify({ cursors: full.cursors }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    const bytes = Buffer.byteLength(text);
    console.log(`[figure] sync.noop response: ${bytes} bytes of JSON for ${syncScopes.length} scopes`);
    expect(bytes).toBeLessThan(1024);
    // Compressed even so small: one cursor per scope, each repeating the service id, halves under brotli.
    expect(['br', 'gzip']).toContain(response.headers.get('content-encoding'));
    const body = JSON.parse(text) as { scopes: Record<string, { cursor: string; hasMore: boolean; reset: boolean; changes: unknown[] }> };
    for (const scope of syncScopes) {
      expect(body.scopes[scope]).toEqual({ cursor: full.cursors[scope], hasMore: false, reset: false, changes: [] });
    }
  });

  it('issues cursors bound to this service instance and scope', () => {
    const ids = new Set(Object.values(full.cursors).map((cursor) => parseSyncCursor(cursor)?.serviceId));
    expect(ids.size).toBe(1);
    for (const [scope, cursor] of Object.entries(full.cursors)) expect(parseSyncCursor(cursor)?.scope).toBe(scope);
  });

  it("refuses a cursor of another service instance with 400 sync.cursor_invalid", async () => {
    const other = await startTestService();
    try {
      const person = await provision(other, { username: 'stranger' });
      const device = await enrol(other, person);
      const theirs = await pull(other, device.accessToken, { catalog: null });
      expect(theirs.status).toBe(200);
      const foreign = theirs.pages.catalog?.cursor as string;
      expect(parseSyncCursor(foreign)?.serviceId).not.toBe(parseSyncCursor(full.cursors.catalog as string)?.serviceId);
      const reply = await pull(test, laptop.accessToken, { catalog: foreign, reference: full.cursors.reference as string });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ code: 'sync.cursor_invalid', message: expect.stringMatching(/another service/u) });
    } finally {
      await other.close();
    }
  });

  it('refuses malformed cursors and requests', async () => {
    const ours = full.cursors.catalog as string;
    const [id, , seq, horizon] = ours.split('.') as [string, string, string, string];
    for (const bad of ['garbage', '', `${id}.catalog.-1.0`, `${id}.catalog.1e3.0`, `${id}.catalog.${seq}`, `${id}.weather.${seq}.${horizon}`, `${id}.catalog.0012.0`]) {
      const reply = await pull(test, laptop.accessToken, { catalog: bad });
      expect([reply.status, reply.body.code], bad).toEqual([400, 'sync.cursor_invalid']);
    }
    const misfiled = await pull(test, laptop.accessToken, { reference: ours });
    expect([misfiled.status, misfiled.body.code]).toEqual([400, 'sync.cursor_invalid']);
    for (const body of [{ cursors: {} }, { cursors: { weather: null } }, { cursors: { catalog: null }, limit: 0 }, { cursors: { catalog: null }, limit: 5001 }, { cursors: { catalog: 7 } }, { cursors: { catalog: null }, extra: 1 }]) {
      const reply = await test.call('POST', '/v1/sync/pull', { token: laptop.accessToken, body });
      expect([reply.status, reply.body.code], JSON.stringify(body)).toEqual([400, 'request.invalid']);
    }
  });

  it('answers only the scopes named', async () => {
    const reply = await pull(test, laptop.accessToken, { budgets: full.cursors.budgets as string });
    expect(Object.keys(reply.pages)).toEqual(['budgets']);
  });

  it('shows each unit only its own budget, and only its own budget changes', async () => {
    const orderer2 = (test.service.demo ?? []).find((login) => login.username === 'orderer2') as DemoLogin;
    const other = await enrol(test, orderer2);
    const theirs = await pullAll(test, other.accessToken, { budgets: null });
    const ours = full.changes.budgets ?? [];
    const unitOf = (changes: readonly SyncChange[]) => changes.map((c) => (c as Extract<SyncChange, { entity: 'budget'; op: 'upsert' }>).data.unitId);
    const [mine] = readRows<{ id: string }>(test.dataDir, `SELECT unit_id AS id FROM persons WHERE username = 'orderer1'`);
    const [yours] = readRows<{ id: string }>(test.dataDir, `SELECT unit_id AS id FROM persons WHERE username = 'orderer2'`);
    expect(unitOf(ours)).toEqual([mine?.id]);
    expect(unitOf(theirs.changes.budgets ?? [])).toEqual([yours?.id]);

    withStore(test, (db) => db.prepare('UPDATE budgets SET committed_kopiykas = committed_kopiykas + 100 WHERE unit_id = ?').run(yours?.id));
    const mineAfter = await pull(test, laptop.accessToken, { budgets: full.cursors.budgets as string });
    expect(mineAfter.pages.budgets?.changes).toEqual([]);
    expect(mineAfter.pages.budgets?.cursor).toBe(full.cursors.budgets);
    const yoursAfter = await pull(test, other.accessToken, { budgets: theirs.cursors.budgets as string });
    expect(yoursAfter.pages.budgets?.changes).toHaveLength(1);
  });

  it('compresses a large page as Accept-Encoding allows (gzip, br), and leaves it plain when asked', async () => {
    const raw = (encoding: string) =>
      new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const req = request(
          `${test.service.url}/v1/sync/pull`,
          { method: 'POST', headers: { authorization: `Bearer ${laptop.accessToken}`, 'content-type': 'application/json', 'accept-encoding': encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ cursors: allScopes() }));
      });
    const plain = await raw('identity');
    expect([plain.status, plain.encoding]).toEqual([200, undefined]);
    const gzip = await raw('gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    const br = await raw('br;q=1, gzip;q=0.5');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    console.log(`[figure] demo first sync page: ${plain.body.length} bytes plain, ${gzip.body.length} gzip, ${br.body.length} br`);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('refuses an anonymous caller (401) and tells a revoked laptop to wipe (403)', async () => {
    const anonymous = await test.call('POST', '/v1/sync/pull', { body: { cursors: { catalog: null } } });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'auth.required']);
    const receiver = (test.service.demo ?? []).find((login) => login.username === 'receiver1') as DemoLogin;
    const lost = await enrol(test, receiver);
    expect((await admin(test, 'device', 'revoke', lost.deviceId)).code).toBe(0);
    for (const path of ['/v1/sync/pull', '/v1/sync/push']) {
      const reply = await test.call('POST', path, { token: lost.accessToken, body: path.endsWith('pull') ? { cursors: { catalog: null } } : { intents: [] } });
      expect([reply.status, reply.body], path).toEqual([403, { code: 'device.revoked', message: expect.any(String), wipe: true }]);
    }
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
