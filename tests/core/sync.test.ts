import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent, SyncStatus } from '@shared/api/contract';
import { setProductPrice, setProductStock, withdrawProduct } from '../../src-server/provisioning/catalogue';
import { purgeSyncHistoryThrough } from '../../src-server/sync/retention';
import { closeCores, fails, ok, removeTempDirs, startCore } from './support/fixtures';
import { ManualClock } from './support/manual-clock';
import { PASSPHRASE } from './support/fixtures';
import { v7 as uuidv7 } from 'uuid';
import { queueIntent } from '../../src-main/core/sync/queue';
import { HTML_PAGE, pass } from '../faults/support/fault-proxy';
import {
  enrolThroughProxy,
  type LocalStore,
  serviceIntents,
  serviceProducts,
  serviceWatches,
  someProducts,
  startWorld,
  withServiceDb,
  type EnrolledCore,
  type SyncWorld,
} from '../faults/support/sync-world';

/**
 * The sync engine against the real reference service (demo catalogue) on
 * loopback, through a pass-through proxy that counts what crosses it, into
 * the real encrypted store.
 */

let world: SyncWorld;
let a: EnrolledCore;

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world);
});

afterEach(() => {
  world.proxy.rule = pass;
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

function statusEvents(events: CoreEvent[]): SyncStatus[] {
  return events.flatMap((event) => (event.type === 'sync' ? [event.status] : []));
}

describe('first sync', () => {
  it('brings the whole demo catalogue, the budget and the reference data, with progress', async () => {
    const status = await ok(a.t.core, 'syncNow');
    expect(status).toMatchObject({ online: true, syncing: false, lastError: null, firstSync: null, pendingIntents: 0, needsAttention: 0 });
    expect(status.lastSyncAt).not.toBeNull();

    const local = a.local.products();
    const remote = serviceProducts(world.service);
    expect(local.size).toBeGreaterThan(50);
    expect(local).toEqual(remote);
    expect(a.local.count('suppliers')).toBe(withServiceDb(world.service, (db) => db.prepare('SELECT count(*) FROM suppliers').pluck().get()));
    expect(a.local.count('hromadas')).toBe(withServiceDb(world.service, (db) => db.prepare('SELECT count(*) FROM hromadas').pluck().get()));
    expect(a.local.count('budgets')).toBe(1);

    const progress = statusEvents(a.t.events).filter((s) => s.firstSync !== null);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)?.firstSync;
    expect(last?.received).toBeGreaterThanOrEqual(local.size);
    expect(last?.byScope.catalog).toBeGreaterThanOrEqual(local.size);
    expect(a.t.events.some((e) => e.type === 'data_changed' && e.scopes.includes('catalog'))).toBe(true);
    // Every scope is asked for (documents since issue 6); every kept scope has its cursor.
    expect(Object.keys(a.local.cursors()).sort()).toEqual(['budgets', 'catalog', 'documents', 'orders', 'reference', 'watches']);
  });

  it('a sync with nothing new is one small round trip', async () => {
    await ok(a.t.core, 'syncNow');
    world.proxy.resetCounters();
    const status = await ok(a.t.core, 'syncNow');
    expect(status.lastError).toBeNull();
    expect(world.proxy.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1/sync/pull']);
    // The payload (request and answer bodies) is under 1 KB; on the wire, HTTP headers and the bearer token add ~900 bytes.
    expect(world.proxy.payloadBytes()).toBeLessThan(1024);
    expect(world.proxy.wireBytes()).toBeLessThan(2048);
  });
});

describe('service changes', () => {
  it('a price change arrives once, a withdrawal removes the product, a restock shows', async () => {
    await ok(a.t.core, 'syncNow');
    const [repriced, withdrawn, restocked] = someProducts(world.service, 3) as [string, string, string];
    withServiceDb(world.service, (db) => {
      setProductPrice(db, repriced, 1_234_500);
      withdrawProduct(db, world.service.now, withdrawn);
      setProductStock(db, restocked, 0, 14);
    });
    const seen: string[] = [];
    world.proxy.rule = ({ path }) =>
      path === '/v1/sync/pull'
        ? {
            kind: 'rewrite',
            rewrite: (body) => {
              for (const page of Object.values((body as { scopes: Record<string, { changes: Array<{ id: string }> }> }).scopes)) {
                seen.push(...page.changes.map((change) => change.id));
              }
              return body;
            },
          }
        : { kind: 'pass' };
    await ok(a.t.core, 'syncNow');
    await ok(a.t.core, 'syncNow');
    expect(seen.filter((id) => id === repriced)).toHaveLength(1);
    expect(seen.filter((id) => id === withdrawn)).toHaveLength(1);
    const local = a.local.products();
    expect(local.get(repriced)?.price).toBe(1_234_500);
    expect(local.has(withdrawn)).toBe(false);
    expect(local.get(restocked)?.stock).toBe(0);
    expect(local).toEqual(serviceProducts(world.service));
  });
});

describe('retention', () => {
  it('a cursor older than the service keeps deletes for: the scope starts over, nothing else is touched', async () => {
    await ok(a.t.core, 'syncNow');
    const [withdrawn, repriced, watched] = someProducts(world.service, 3) as [string, string, string];
    // An intent stays pending (the push fails) while the scope is reset.
    world.proxy.rule = ({ path }) =>
      path === '/v1/sync/push'
        ? { kind: 'respond', status: 500, body: JSON.stringify({ code: 'internal', message: 'Internal error' }), contentType: 'application/json' }
        : { kind: 'pass' };
    await ok(a.t.core, 'watchSet', { productId: watched, notify: { restock: true, price: true } });
    const budgetsBefore = a.local.cursors().budgets;
    withServiceDb(world.service, (db) => {
      withdrawProduct(db, world.service.now, withdrawn);
      setProductPrice(db, repriced, 5_555_500);
      // The withdrawal is purged: a laptop whose cursor is older can only start the catalogue again.
      purgeSyncHistoryThrough(db, Number.MAX_SAFE_INTEGER, ['catalog']);
    });
    const resets: string[] = [];
    const inner = world.proxy.rule;
    world.proxy.rule = (exchange) =>
      exchange.path === '/v1/sync/pull'
        ? {
            kind: 'rewrite',
            rewrite: (body) => {
              for (const [scope, page] of Object.entries((body as Answer).scopes)) if (page.reset) resets.push(scope);
              return body;
            },
          }
        : inner(exchange);
    await ok(a.t.core, 'syncNow');
    expect(resets).toEqual(['catalog']);
    const local = a.local.products();
    expect(local.has(withdrawn)).toBe(false);
    expect(local.get(repriced)?.price).toBe(5_555_500);
    expect(local).toEqual(serviceProducts(world.service));
    expect(a.local.cursors().budgets).toBe(budgetsBefore);
    expect(a.local.outbox()).toMatchObject([{ type: 'watch.set', entity_id: watched, state: 'pending' }]);
    world.proxy.rule = pass;
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ lastError: null, pendingIntents: 0 });
  });
});

describe('the outbox', () => {
  it('queues watches offline, keeps them over a restart, and applies each exactly once when the link returns', async () => {
    await ok(a.t.core, 'syncNow');
    const [p1, p2] = someProducts(world.service, 2) as [string, string];
    world.proxy.rule = () => ({ kind: 'drop' });
    expect(await ok(a.t.core, 'watchSet', { productId: p1, notify: { restock: true, price: false } })).toEqual({ restock: true, price: false, pending: true });
    await ok(a.t.core, 'watchSet', { productId: p2, notify: { restock: false, price: true } });
    const offline = await ok(a.t.core, 'syncNow');
    expect(offline).toMatchObject({ online: false, pendingIntents: 2, lastError: { code: 'service.unreachable' } });
    expect(a.t.events.some((e) => e.type === 'data_changed' && e.scopes.includes('watches'))).toBe(true);

    // A restart: the intents are in the encrypted file, not in memory.
    await a.t.core.close();
    const restarted = startCore(a.t.dataDir, new ManualClock(Date.now()), { standingCheckIntervalMs: 3_600_000 });
    await ok(restarted.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect((await ok(restarted.core, 'syncStatus')).pendingIntents).toBe(2);
    const before = serviceIntents(world.service, a.identity.deviceId).length;

    world.proxy.rule = pass;
    const online = await ok(restarted.core, 'syncNow');
    expect(online).toMatchObject({ online: true, pendingIntents: 0, needsAttention: 0, lastError: null });
    const applied = serviceIntents(world.service, a.identity.deviceId);
    expect(applied.length - before).toBe(2);
    expect(applied.slice(before).every((intent) => intent.status === 'applied')).toBe(true);
    expect(serviceWatches(world.service, a.officer.username).get(p1)).toEqual({ restock: true, price: false });
    expect(a.local.watches()).toEqual(serviceWatches(world.service, a.officer.username));
    expect(a.local.outbox()).toEqual([]);
    a = { ...a, t: restarted };
  });

  it('refuses a watch of a product the laptop does not hold, and a watch that asks for nothing', async () => {
    await fails(a.t.core, 'watchSet', { productId: '0197a000-0000-7000-8000-00000000dead', notify: { restock: true, price: true } }, 'catalog.unknown_product');
    const [p] = someProducts(world.service, 1) as [string];
    await fails(a.t.core, 'watchSet', { productId: p, notify: { restock: false, price: false } }, 'request.invalid');
    expect(a.local.outbox()).toEqual([]);
  });
});

describe('needs attention', () => {
  it('keeps a rejected intent with its reason, never holding back unrelated ones; discard removes it', async () => {
    await ok(a.t.core, 'syncNow');
    const [withdrawn, unrelated] = someProducts(world.service, 2) as [string, string];
    // An intent the service must refuse (no such product), crafted into the outbox as an outdated laptop could hold it.
    const unknown = uuidv7();
    a.local.read((db) => queueIntent(db, 'watch.set', { productId: unknown, notify: { restock: true, price: true } }, Date.now()));
    // A watch of a product the agency withdraws before the laptop syncs.
    await ok(a.t.core, 'watchSet', { productId: withdrawn, notify: { restock: true, price: true } });
    withServiceDb(world.service, (db) => withdrawProduct(db, world.service.now, withdrawn));
    await ok(a.t.core, 'watchSet', { productId: unrelated, notify: { restock: false, price: true } });

    const status = await ok(a.t.core, 'syncNow');
    expect(status).toMatchObject({ pendingIntents: 0, needsAttention: 2, lastError: null, online: true });
    expect(serviceWatches(world.service, a.officer.username).get(unrelated)).toEqual({ restock: false, price: true });
    const list = await ok(a.t.core, 'attentionList');
    expect(list.map((item) => item.reason.code).sort()).toEqual(['watch.product_withdrawn', 'watch.unknown_product']);
    expect(list.every((item) => item.type === 'watch.set' && item.actions.includes('discard'))).toBe(true);
    expect(list.find((item) => item.entityId === unknown)?.reason.params).toEqual({ productId: unknown });

    // Another sync sends nothing again: a rejection is final.
    world.proxy.resetCounters();
    await ok(a.t.core, 'syncNow');
    expect(world.proxy.count('/v1/sync/push')).toBe(0);

    for (const item of list) await ok(a.t.core, 'attentionDiscard', { intentId: item.intentId });
    expect(await ok(a.t.core, 'attentionList')).toEqual([]);
    expect((await ok(a.t.core, 'syncStatus')).needsAttention).toBe(0);
    await fails(a.t.core, 'attentionDiscard', { intentId: list[0]?.intentId }, 'sync.attention_not_found');
    expect(a.local.outbox()).toEqual([]);
  });
});

describe('scheduling', () => {
  it('syncs shortly after a local change, on the timer, and never twice at once', async () => {
    await ok(a.t.core, 'syncNow');
    const [product] = someProducts(world.service, 1) as [string];
    world.proxy.resetCounters();
    await ok(a.t.core, 'watchSet', { productId: product, notify: { restock: true, price: false } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.proxy.count('/v1/sync/push')).toBe(0);
    // The debounce (1 s) ends: a cycle pushes, then pulls.
    a.t.clock.advance(1_000);
    await expect.poll(() => world.proxy.count('/v1/sync/pull')).toBe(1);
    expect(world.proxy.count('/v1/sync/push')).toBe(1);
    await expect.poll(async () => (await ok(a.t.core, 'syncStatus')).syncing).toBe(false);
    // The timer: a minute after the last cycle.
    a.t.clock.advance(59_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.proxy.count('/v1/sync/pull')).toBe(1);
    a.t.clock.advance(1_000);
    await expect.poll(() => world.proxy.count('/v1/sync/pull')).toBe(2);
    await expect.poll(async () => (await ok(a.t.core, 'syncStatus')).syncing).toBe(false);
    // Three presses of the button at once: cycles run one after another, never side by side.
    world.proxy.resetCounters();
    world.proxy.rule = () => ({ kind: 'delay', ms: 60 });
    await Promise.all([ok(a.t.core, 'syncNow'), ok(a.t.core, 'syncNow'), ok(a.t.core, 'syncNow')]);
    expect(world.proxy.maxInFlight).toBe(1);
    expect(world.proxy.count('/v1/sync/pull')).toBeLessThanOrEqual(2);
  });

  it('stops on lock, cancelling the request in flight, and syncs again on unlock', async () => {
    await ok(a.t.core, 'syncNow');
    world.proxy.resetCounters();
    world.proxy.rule = () => ({ kind: 'delay', ms: 400 });
    const pending = a.t.core.dispatch('syncNow', {});
    await expect.poll(() => world.proxy.count('/v1/sync/pull')).toBe(1);
    await a.t.core.lock('user');
    const answer = await pending;
    expect(answer.ok).toBe(true);
    a.t.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(world.proxy.count('/v1/sync/pull')).toBe(1);
    world.proxy.rule = pass;
    await ok(a.t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await expect.poll(() => world.proxy.count('/v1/sync/pull')).toBe(2);
    await expect.poll(async () => (await ok(a.t.core, 'syncStatus')).syncing).toBe(false);
    expect((await ok(a.t.core, 'syncStatus')).lastError).toBeNull();
  });
});

describe('notifications', () => {
  it('tells the officer when a watched product changes price or comes back in stock', async () => {
    await ok(a.t.core, 'syncNow');
    const [priced, restocked] = someProducts(world.service, 2) as [string, string];
    withServiceDb(world.service, (db) => setProductStock(db, restocked, 0, 10));
    await ok(a.t.core, 'watchSet', { productId: priced, notify: { restock: false, price: true } });
    await ok(a.t.core, 'watchSet', { productId: restocked, notify: { restock: true, price: false } });
    await ok(a.t.core, 'syncNow');
    a.t.events.length = 0;
    withServiceDb(world.service, (db) => {
      setProductPrice(db, priced, 4_321_000);
      setProductStock(db, restocked, 12);
    });
    await ok(a.t.core, 'syncNow');
    const notes = a.t.events.flatMap((event) => (event.type === 'notification' ? [event.notification] : []));
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'price', productId: priced, priceKopiykas: 4_321_000 }),
        expect.objectContaining({ kind: 'restock', productId: restocked, stock: 12 }),
      ]),
    );
    expect(notes).toHaveLength(2);
    // A notification comes after the data it is about is committed.
    const firstNote = a.t.events.findIndex((event) => event.type === 'notification');
    const changed = a.t.events.findIndex((event) => event.type === 'data_changed' && event.scopes.includes('catalog'));
    expect(changed).toBeGreaterThanOrEqual(0);
    expect(changed).toBeLessThan(firstNote);
  });
});

type Answer = { serviceId: string; scopes: Record<string, { cursor: string; hasMore: boolean; reset: boolean; changes: Array<Record<string, unknown>> }> };

/** Rewrites every pull answer (only the first `times`, if given). */
function rewritePulls(rewrite: (body: Answer) => unknown, times = Infinity, encode?: 'gzip' | 'br'): void {
  let done = 0;
  world.proxy.rule = ({ path }) => {
    if (path !== '/v1/sync/pull' || done >= times) return { kind: 'pass' };
    done += 1;
    return { kind: 'rewrite', rewrite: (body) => rewrite(body as Answer), ...(encode ? { encode } : {}) };
  };
}

function withCursorSeq(cursor: string, seq: number): string {
  const parts = cursor.split('.');
  parts[2] = String(seq);
  return parts.join('.');
}

describe('bad input from the service', () => {
  let changeRound = 0;

  /** Two new catalogue changes on the service, and what the laptop holds before it pulls them. */
  async function pendingChanges(): Promise<{ ids: [string, string]; before: ReturnType<LocalStore['products']>; cursors: Record<string, string> }> {
    await ok(a.t.core, 'syncNow');
    const ids = someProducts(world.service, 2) as [string, string];
    // A price the product has not had yet: an unchanged price is no change, and the page would hold one row, not two.
    changeRound += 1;
    withServiceDb(world.service, (db) => {
      setProductPrice(db, ids[0], 777_700 + changeRound);
      setProductPrice(db, ids[1], 888_800 + changeRound);
    });
    return { ids, before: a.local.products(), cursors: a.local.cursors() };
  }

  /** Every pull answer, padded past the limit: the sync gives up with "too large", keeping rows and cursors, and recovers once they are not. */
  async function expectAlwaysTooLargeRefused(padding: string, encode?: 'gzip' | 'br'): Promise<void> {
    const again = await pendingChanges();
    rewritePulls((body) => ({ ...body, padding }), Infinity, encode);
    const refused = await ok(a.t.core, 'syncNow');
    expect(refused.lastError?.message).toMatch(/too large/u);
    expect(a.local.products()).toEqual(again.before);
    expect(a.local.cursors()).toEqual(again.cursors);
    world.proxy.rule = pass;
    expect((await ok(a.t.core, 'syncNow')).lastError).toBeNull();
    expect(a.local.products()).toEqual(serviceProducts(world.service));
  }

  async function expectRefusedThenRecovered(code: string, online: boolean | null, before: ReturnType<LocalStore['products']>, cursors: Record<string, string>) {
    const refused = await ok(a.t.core, 'syncNow');
    expect(refused.lastError?.code, refused.lastError?.message).toBe(code);
    if (online !== null) expect(refused.online).toBe(online);
    // Nothing of the answer was applied, and the cursors stand where they stood.
    expect(a.local.products()).toEqual(before);
    expect(a.local.cursors()).toEqual(cursors);
    expect(a.t.log.warnings.at(-1)).toMatch(/Sync failed/u);
    world.proxy.rule = pass;
    const recovered = await ok(a.t.core, 'syncNow');
    expect(recovered.lastError).toBeNull();
    expect(a.local.products()).toEqual(serviceProducts(world.service));
  }

  it('refuses a malformed row and keeps its data', async () => {
    const { before, cursors } = await pendingChanges();
    rewritePulls((body) => {
      const first = body.scopes.catalog?.changes[0] as { data: Record<string, unknown> };
      first.data.priceKopiykas = -5;
      return body;
    });
    await expectRefusedThenRecovered('service.bad_response', false, before, cursors);
  });

  it('refuses unknown fields', async () => {
    const { before, cursors } = await pendingChanges();
    rewritePulls((body) => ({ ...body, scopes: { ...body.scopes, catalog: { ...body.scopes.catalog, discount: 0.5 } } }));
    await expectRefusedThenRecovered('service.bad_response', false, before, cursors);
  });

  it('refuses an HTML page (a captive portal) and counts as offline', async () => {
    const { before, cursors } = await pendingChanges();
    world.proxy.rule = ({ path }) => (path === '/v1/sync/pull' ? HTML_PAGE : { kind: 'pass' });
    await expectRefusedThenRecovered('service.bad_response', false, before, cursors);
  });

  it('refuses changes out of order', async () => {
    const { before, cursors } = await pendingChanges();
    rewritePulls((body) => {
      body.scopes.catalog?.changes.reverse();
      return body;
    });
    await expectRefusedThenRecovered('sync.page_invalid', true, before, cursors);
  });

  it('refuses a cursor that goes back without a reset', async () => {
    const { before, cursors } = await pendingChanges();
    rewritePulls((body) => {
      const page = body.scopes.catalog as Answer['scopes'][string];
      page.cursor = withCursorSeq(page.cursor, 1);
      return body;
    });
    await expectRefusedThenRecovered('sync.page_invalid', true, before, cursors);
  });

  it('refuses an answer from another service instance', async () => {
    const { before, cursors } = await pendingChanges();
    rewritePulls((body) => {
      const other = 'AnotherServiceInstance01';
      for (const page of Object.values(body.scopes)) page.cursor = page.cursor.replace(body.serviceId, other);
      return { ...body, serviceId: other };
    });
    await expectRefusedThenRecovered('sync.page_invalid', true, before, cursors);
  });

  it('asks for smaller pages when an answer is too large, and gives up on one that always is', async () => {
    const { before, cursors } = await pendingChanges();
    const padding = 'x'.repeat(4.5 * 1024 * 1024);
    rewritePulls((body) => ({ ...body, padding }), 1);
    const status = await ok(a.t.core, 'syncNow');
    expect(status.lastError).toBeNull();
    expect(a.local.products()).toEqual(serviceProducts(world.service));

    await expectAlwaysTooLargeRefused(padding);
    expect(before.size).toBeGreaterThan(0);
    expect(cursors.catalog).toBeDefined();
  });

  it.each([
    // A few kilobytes on the wire, decoded on the main thread.
    ['br', 'x'.repeat(4.5 * 1024 * 1024)],
    // Two megabytes on the wire, decoded in the pull worker.
    ['gzip', randomBytes(2.25 * 1024 * 1024).toString('hex')],
  ] as const)('refuses a %s answer that decodes to more than the limit as too large, keeping its data', async (encode, padding) => {
    await expectAlwaysTooLargeRefused(padding, encode);
  });

  it('starts the scopes again when the service refuses the stored cursors, and keeps the outbox', async () => {
    await ok(a.t.core, 'syncNow');
    const [product] = someProducts(world.service, 1) as [string];
    // The push fails (the service answers 500), so the intent stays pending while the pull is reset.
    world.proxy.rule = ({ path }) =>
      path === '/v1/sync/push'
        ? { kind: 'respond', status: 500, body: JSON.stringify({ code: 'internal', message: 'Internal error' }), contentType: 'application/json' }
        : { kind: 'pass' };
    await ok(a.t.core, 'watchRemove', { productId: product });
    // Cursors of another service instance (as after the service was replaced).
    a.local.read((db) => db.prepare(`UPDATE sync_cursor SET cursor = 'Zz' || substr(cursor, 3)`).run());
    world.proxy.resetCounters();
    const status = await ok(a.t.core, 'syncNow');
    expect(status.lastError?.code).toBe('service.bad_response');
    expect(status.online).toBe(true);
    expect(a.t.log.warnings.some((w) => /refused the cursors/u.test(w))).toBe(true);
    // Every scope pulled again from the start, the rows replaced, the outbox untouched.
    expect(a.local.products()).toEqual(serviceProducts(world.service));
    expect(a.local.outbox()).toMatchObject([{ type: 'watch.remove', entity_id: product, state: 'pending' }]);
    world.proxy.rule = pass;
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ lastError: null, pendingIntents: 0 });
  });
});

describe('revocation', () => {
  it('a revoked laptop is wiped by its next sync, and the engine stops', async () => {
    await ok(a.t.core, 'syncNow');
    await world.service.revokeDevice(a.identity.deviceId);
    const answer = await a.t.core.dispatch('syncNow', {});
    expect(answer.ok).toBe(true);
    expect(a.t.events.some((event) => event.type === 'wiped' && event.reason === 'revoked')).toBe(true);
    const status = statusEvents(a.t.events).at(-1);
    expect(status).toMatchObject({ lastSyncAt: null, pendingIntents: 0, syncing: false });
    expect((await a.t.core.dispatch('syncNow', {})).ok).toBe(false);
  });
});
