import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncChange } from '@shared/sync/changes';
import { formatSyncCursor, parseSyncCursor, syncScopes } from '@shared/sync/scopes';
import type { DemoLogin } from '../../src-server/demo/logins';
import { withdrawProduct } from '../../src-server/provisioning/catalogue';
import { enrol, readRows, startTestService, type Enrolled, type TestService } from './helpers';
import { admin, allScopes, pull, pullAll, refreshed, withStore, type PulledAll } from './sync-helpers';

const DAY = 24 * 3600_000;

const activeCatalog = (test: TestService) =>
  new Set(
    [
      ...readRows<{ id: string }>(test.dataDir, 'SELECT id FROM suppliers'),
      ...readRows<{ id: string }>(test.dataDir, 'SELECT id FROM products WHERE active = 1'),
    ].map((row) => row.id),
  );

const upsertIds = (changes: readonly SyncChange[] = []) => changes.filter((c) => c.op === 'upsert').map((c) => c.id);

describe('retention of deletes: a cursor older than the horizon resets its scope only', () => {
  let test: TestService;
  let laptop: Enrolled;
  let first: PulledAll;

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    laptop = await enrol(test, (test.service.demo ?? []).find((l) => l.username === 'orderer1') as DemoLogin);
    first = await pullAll(test, laptop.accessToken, allScopes());
  });
  afterAll(() => test.close());

  it('resets the scope whose deletes were purged past the cursor, and no other', async () => {
    const [withdrawn] = upsertIds(first.changes.catalog?.filter((c) => c.entity === 'product'));
    const product = withStore(test, (db) => withdrawProduct(db, test.clock, withdrawn as string));
    const purge = await admin(test, 'sync', 'purge', '--through-seq', String(product.changeSeq), '--scope', 'catalog');
    expect(purge.code, purge.err).toBe(0);
    expect(purge.out).toMatch(/catalog: horizon \d+, 0 tombstones purged/u);

    const reply = await pull(test, laptop.accessToken, first.cursors);
    expect(reply.status).toBe(200);
    for (const scope of syncScopes) expect(reply.pages[scope]?.reset, scope).toBe(scope === 'catalog');
    const catalog = reply.pages.catalog?.changes ?? [];
    // From the beginning, and without the delete below the horizon: the client dropped the scope anyway.
    expect(catalog.every((c) => c.op === 'upsert')).toBe(true);
    expect(new Set(upsertIds(catalog))).toEqual(activeCatalog(test));
    expect(upsertIds(catalog)).not.toContain(withdrawn);
    for (const scope of syncScopes) if (scope !== 'catalog') expect(reply.pages[scope]?.changes, scope).toEqual([]);
    // And the next pull from the new cursor is an ordinary one.
    const after = await pull(test, laptop.accessToken, { catalog: reply.pages.catalog?.cursor as string });
    expect(after.pages.catalog).toMatchObject({ reset: false, changes: [] });
  });

  it('lets a reset or a first sync page through rows below the horizon without resetting again', async () => {
    const paged = await pullAll(test, laptop.accessToken, { catalog: first.cursors.catalog as string }, 5);
    expect(paged.pages.length).toBeGreaterThan(5);
    expect(paged.pages.map((page) => page.catalog?.reset)).toEqual([true, ...paged.pages.slice(1).map(() => false)]);
    expect(new Set(upsertIds(paged.changes.catalog))).toEqual(activeCatalog(test));
    const horizon = parseSyncCursor(paged.cursors.catalog as string)?.horizon ?? 0;
    expect(horizon).toBeGreaterThan(0);
    // Finished: the cursor stands at or above the horizon, so later purges below it cannot reset it.
    expect(parseSyncCursor(paged.cursors.catalog as string)?.seq).toBeGreaterThanOrEqual(horizon);
  });

  it('resets a catch-up whose horizon moved while it was paging', async () => {
    const start = await pull(test, laptop.accessToken, { catalog: null }, 5);
    const cursor = start.pages.catalog?.cursor as string;
    expect(parseSyncCursor(cursor)?.seq).toBeLessThan(parseSyncCursor(cursor)?.horizon ?? 0);
    // The first rows are suppliers; any product withdrawn and purged meanwhile may be one the laptop has.
    const [victim] = readRows<{ id: string }>(test.dataDir, 'SELECT id FROM products WHERE active = 1 LIMIT 1');
    const gone = withStore(test, (db) => withdrawProduct(db, test.clock, victim?.id as string));
    expect((await admin(test, 'sync', 'purge', '--through-seq', String(gone.changeSeq), '--scope', 'catalog')).code).toBe(0);
    const next = await pull(test, laptop.accessToken, { catalog: cursor }, 5);
    expect(next.pages.catalog?.reset).toBe(true);
  });

  it('resets a scope whose cursor is ahead of the service (a store restored from a backup)', async () => {
    const parts = parseSyncCursor(first.cursors.reference as string);
    if (!parts) throw new Error('unparsable cursor');
    const ahead = formatSyncCursor({ ...parts, seq: parts.seq + 1_000_000 });
    const reply = await pull(test, laptop.accessToken, { reference: ahead, budgets: first.cursors.budgets as string });
    expect(reply.pages.reference?.reset).toBe(true);
    expect(reply.pages.reference?.changes.length).toBe(first.changes.reference?.length);
    expect(reply.pages.budgets?.reset).toBe(false);
  });

  it('fills a reset page within the limit left by the scopes before it', async () => {
    const reply = await pull(test, laptop.accessToken, { budgets: null, catalog: first.cursors.catalog as string }, 1);
    expect(reply.pages.budgets?.changes).toHaveLength(1);
    expect(reply.pages.catalog).toMatchObject({ reset: true, hasMore: true, changes: [] });
    expect(parseSyncCursor(reply.pages.catalog?.cursor as string)?.seq).toBe(0);
    expect(reply.pages.catalog?.remaining).toBeGreaterThan(50);
  });
});

describe('the retention sweep purges deletes older than the retention period', () => {
  let test: TestService;
  let laptop: Enrolled;
  let tokens: { accessToken: string; refreshToken: string };

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    laptop = await enrol(test, (test.service.demo ?? []).find((l) => l.username === 'commander1') as DemoLogin);
    tokens = { accessToken: laptop.accessToken, refreshToken: laptop.refreshToken };
  });
  afterAll(() => test.close());

  it('keeps deletes for the retention period, then purges them (also at start) and resets older cursors', async () => {
    const before = await pullAll(test, laptop.accessToken, allScopes());
    const [hromada] = readRows<{ code: string }>(test.dataDir, 'SELECT code FROM hromadas ORDER BY code');
    withStore(test, (db) => db.prepare('DELETE FROM hromadas WHERE code = ?').run(hromada?.code));
    const delivered = await pull(test, laptop.accessToken, before.cursors);
    expect(delivered.pages.reference?.changes).toEqual([{ entity: 'hromada', op: 'delete', id: hromada?.code, seq: expect.any(Number) }]);

    // The sweep first notices the tombstone; 20 days on it is still within 30.
    expect((await admin(test, 'sync', 'purge')).out).toBe('Nothing to purge.');
    test.clock.advance(20 * DAY);
    expect((await admin(test, 'sync', 'purge')).out).toBe('Nothing to purge.');
    tokens = await refreshed(test, { deviceId: laptop.deviceId, refreshToken: tokens.refreshToken });
    const stillThere = await pull(test, tokens.accessToken, before.cursors);
    expect(stillThere.pages.reference).toMatchObject({ reset: false, changes: [{ op: 'delete', id: hromada?.code }] });

    // Past 30 days the service's own sweep at start purges it.
    test.clock.advance(11 * DAY);
    tokens = await refreshed(test, { deviceId: laptop.deviceId, refreshToken: tokens.refreshToken });
    await test.service.close();
    const restarted = await startTestService({ dataDir: test.dataDir, clock: test.clock });
    try {
      expect(readRows(test.dataDir, "SELECT * FROM tombstones WHERE scope = 'reference'")).toEqual([]);
      const old = await pull(restarted, tokens.accessToken, before.cursors);
      expect(old.pages.reference?.reset).toBe(true);
      expect(old.pages.reference?.changes.map((c) => c.id)).not.toContain(hromada?.code);
      for (const scope of syncScopes) if (scope !== 'reference') expect(old.pages[scope]?.reset, scope).toBe(false);
      // A laptop that pulled the delete in time is not reset.
      const current = await pull(restarted, tokens.accessToken, { reference: delivered.pages.reference?.cursor as string });
      expect(current.pages.reference).toMatchObject({ reset: false, changes: [] });
      const status = await admin(restarted, 'sync', 'status');
      expect(status.out).toMatch(/reference\s+\d+\s+0/u);
      expect(restarted.log.errors).toEqual([]);
    } finally {
      await restarted.service.close();
    }
  });

  it('lets a withdrawn product age out of the catalogue the same way', async () => {
    const again = await startTestService({ dataDir: test.dataDir, clock: test.clock });
    try {
      const before = await pullAll(again, tokens.accessToken, { catalog: null });
      const [productId] = upsertIds(before.changes.catalog?.filter((c) => c.entity === 'product'));
      withStore(again, (db) => withdrawProduct(db, again.clock, productId as string));
      const fresh = await pullAll(again, tokens.accessToken, { catalog: null });
      expect(fresh.changes.catalog?.filter((c) => c.id === productId)).toEqual([{ entity: 'product', op: 'delete', id: productId, seq: expect.any(Number) }]);

      // A month on (refreshing on the way, as a laptop in use does), the withdrawal is past retention.
      for (const days of [16, 15]) {
        again.clock.advance(days * DAY);
        tokens = await refreshed(again, { deviceId: laptop.deviceId, refreshToken: tokens.refreshToken });
      }
      expect((await admin(again, 'sync', 'purge', '--days', '30')).out).toMatch(/^catalog: horizon \d+, 0 tombstones purged/u);
      const later = await pullAll(again, tokens.accessToken, { catalog: null });
      expect(later.changes.catalog?.filter((c) => c.id === productId)).toEqual([]);
      expect((await pull(again, tokens.accessToken, { catalog: before.cursors.catalog as string })).pages.catalog?.reset).toBe(true);
      expect((await pull(again, tokens.accessToken, { catalog: fresh.cursors.catalog as string })).pages.catalog?.reset).toBe(false);
    } finally {
      await again.service.close();
    }
  });
});

describe('deletes reach only those who could see the row', () => {
  let test: TestService;

  beforeAll(async () => {
    test = await startTestService({ demo: true });
  });
  afterAll(() => test.close());

  it("sends a unit's deleted budget to that unit only", async () => {
    const logins = test.service.demo ?? [];
    const ours = await enrol(test, logins.find((l) => l.username === 'orderer1') as DemoLogin);
    const theirs = await enrol(test, logins.find((l) => l.username === 'orderer2') as DemoLogin);
    const ourStart = await pullAll(test, ours.accessToken, { budgets: null });
    const theirStart = await pullAll(test, theirs.accessToken, { budgets: null });
    const [budget] = ourStart.changes.budgets ?? [];
    withStore(test, (db) => {
      const [unitId, year] = (budget?.id ?? '').split(':');
      db.prepare('DELETE FROM budgets WHERE unit_id = ? AND year = ?').run(unitId, Number(year));
    });
    expect((await pull(test, ours.accessToken, ourStart.cursors)).pages.budgets?.changes).toEqual([
      { entity: 'budget', op: 'delete', id: budget?.id, seq: expect.any(Number) },
    ]);
    expect((await pull(test, theirs.accessToken, theirStart.cursors)).pages.budgets?.changes).toEqual([]);
  });
});
