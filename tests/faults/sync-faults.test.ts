import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setProductPrice, setProductStock } from '../../src-server/provisioning/catalogue';
import { closeCores, ok, PASSPHRASE, removeTempDirs } from '../core/support/fixtures';
import { startEnrolmentCore } from '../core/support/enrolment';
import { pass, SERVICE_UNAVAILABLE, type FaultAction } from './support/fault-proxy';
import {
  enrolThroughProxy,
  serviceIntents,
  serviceProducts,
  serviceWatches,
  someProducts,
  startWorld,
  withServiceDb,
  type EnrolledCore,
  type SyncWorld,
} from './support/sync-world';

/**
 * Faults injected between a client core and the running reference service
 * by a proxy: the lost acknowledgement (the connection reset after the
 * service committed), delays and timeouts, 5xx, truncated bodies, and the
 * service stopping in the middle of a paged first sync. After each, the
 * local state must equal the service's and every intent must have taken
 * effect exactly once.
 */

const TIMEOUT_MS = 1_500;
const PAGE = 10;

let world: SyncWorld;
let a: EnrolledCore;
/** Every change id the proxy saw in a pull answer, in order. */
const delivered: string[] = [];
let restartAt = 0;

/** Pull answers pass uncompressed and are recorded; the `restartAt`-th pull finds the service stopped. */
async function recordingPulls(nth: number): Promise<FaultAction> {
  if (nth === restartAt) {
    await world.service.stop();
    return { kind: 'pass' };
  }
  return {
    kind: 'rewrite',
    rewrite: (body) => {
      for (const page of Object.values((body as { scopes?: Record<string, { changes: Array<{ entity: string; id: string; seq: number }> }> }).scopes ?? {})) {
        delivered.push(...page.changes.map((change) => `${change.entity}:${change.id}:${change.seq}`));
      }
      return body;
    },
  };
}

beforeAll(async () => {
  world = await startWorld();
  // The first sync starts by itself when enrolment is done, 10 rows a page: the 4th page finds the service stopped.
  restartAt = 4;
  world.proxy.rule = ({ path, nth }) => (path === '/v1/sync/pull' ? recordingPulls(nth) : { kind: 'pass' });
  const enrolled = await enrolThroughProxy(world, { sync: { pageLimit: PAGE } });
  for (let waited = 0; (await ok(enrolled.t.core, 'syncStatus')).syncing && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The same laptop restarted with a short time limit (enrolment's password check may take longer than the
  // faults' time limit on a busy machine), while the service is still down.
  await enrolled.t.core.close();
  const t = startEnrolmentCore(enrolled.t.dataDir, { serviceTimeoutMs: TIMEOUT_MS, sync: { pageLimit: PAGE } });
  await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  a = { ...enrolled, t };
});

afterEach(async () => {
  world.proxy.rule = pass;
  await world.service.resume();
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

const pushes = (action: FaultAction, times = 1) => {
  let left = times;
  world.proxy.rule = ({ path }) => {
    if (path !== '/v1/sync/push' || left <= 0) return { kind: 'pass' };
    left -= 1;
    return action;
  };
};

const pulls = (action: FaultAction, times = 1) => {
  let left = times;
  world.proxy.rule = ({ path }) => {
    if (path !== '/v1/sync/pull' || left <= 0) return { kind: 'pass' };
    left -= 1;
    return action;
  };
};

function expectInSync(): void {
  expect(a.local.products()).toEqual(serviceProducts(world.service));
  expect(a.local.watches()).toEqual(serviceWatches(world.service, a.officer.username));
}

describe('a service restart in the middle of the first sync', () => {
  it('resumes from the last page stored, re-downloading nothing', async () => {
    // The automatic first sync ran into the stopped service (and so did the one at the restart's unlock).
    await expect.poll(async () => (await ok(a.t.core, 'syncStatus')).syncing).toBe(false);
    const status = await ok(a.t.core, 'syncStatus');
    expect(status.lastError?.code).toBe('service.unreachable');
    expect(status.lastSyncAt).toBeNull();
    expect(a.local.count('products') + a.local.count('hromadas') + a.local.count('suppliers')).toBeGreaterThan(0);
    await world.service.resume();
    restartAt = 0;
    const done = await ok(a.t.core, 'syncNow');
    expect(done).toMatchObject({ lastError: null, firstSync: null, online: true });
    expectInSync();
    // Every row came exactly once, over many pages.
    expect(new Set(delivered).size).toBe(delivered.length);
    const rows = withServiceDb(world.service, (db) =>
      (['products', 'suppliers', 'hromadas'] as const).reduce((sum, table) => sum + (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0),
    );
    expect(delivered.length).toBe(rows + 1);
  });
});

describe('push faults', () => {
  it('a lost acknowledgement: the resend gets the stored result, the effect happens once', async () => {
    const [p1, p2] = someProducts(world.service, 2) as [string, string];
    await ok(a.t.core, 'watchSet', { productId: p1, notify: { restock: true, price: true } });
    await ok(a.t.core, 'watchSet', { productId: p2, notify: { restock: true, price: false } });
    const before = serviceIntents(world.service, a.identity.deviceId).length;
    pushes({ kind: 'reset_after' });
    const lost = await ok(a.t.core, 'syncNow');
    expect(lost).toMatchObject({ pendingIntents: 2, online: false, lastError: { code: 'service.unreachable' } });
    // The service did apply them.
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(2);
    expect(a.local.outbox().every((item) => item.attempts === 1)).toBe(true);

    const resent = await ok(a.t.core, 'syncNow');
    expect(resent).toMatchObject({ pendingIntents: 0, lastError: null });
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(2);
    expectInSync();
    expect(a.local.watches().get(p1)).toEqual({ restock: true, price: true });

    // The same for a removal.
    await ok(a.t.core, 'watchRemove', { productId: p1 });
    pushes({ kind: 'reset_after' });
    await ok(a.t.core, 'syncNow');
    expect(serviceWatches(world.service, a.officer.username).has(p1)).toBe(false);
    await ok(a.t.core, 'syncNow');
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(3);
    expectInSync();
  });

  it('a truncated answer to a push is a lost acknowledgement too', async () => {
    const [, , p3] = someProducts(world.service, 3) as [string, string, string];
    await ok(a.t.core, 'watchSet', { productId: p3, notify: { restock: false, price: true } });
    const before = serviceIntents(world.service, a.identity.deviceId).length;
    pushes({ kind: 'truncate', fraction: 0.5 });
    expect((await ok(a.t.core, 'syncNow')).pendingIntents).toBe(1);
    expect((await ok(a.t.core, 'syncNow')).pendingIntents).toBe(0);
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(1);
    expectInSync();
  });

  it('5xx and a dropped connection before the service: retried, applied once', async () => {
    const [, , , p4] = someProducts(world.service, 4) as [string, string, string, string];
    await ok(a.t.core, 'watchSet', { productId: p4, notify: { restock: true, price: false } });
    const before = serviceIntents(world.service, a.identity.deviceId).length;
    pushes(SERVICE_UNAVAILABLE);
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 1, online: false, lastError: { code: 'service.unreachable' } });
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(0);
    pushes({ kind: 'respond', status: 500, body: JSON.stringify({ code: 'internal', message: 'Internal error' }), contentType: 'application/json' });
    // The service itself answered: online, and the pull still ran.
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 1, online: true, lastError: { code: 'service.bad_response' } });
    pushes({ kind: 'drop' });
    expect((await ok(a.t.core, 'syncNow')).pendingIntents).toBe(1);
    const done = await ok(a.t.core, 'syncNow');
    expect(done).toMatchObject({ pendingIntents: 0, lastError: null, online: true });
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(1);
    expectInSync();
  });

  it('a push that times out is sent again, while the first is still on its way: the effect happens once', async () => {
    const [, , , , p5] = someProducts(world.service, 5) as [string, string, string, string, string];
    await ok(a.t.core, 'watchSet', { productId: p5, notify: { restock: true, price: true } });
    const before = serviceIntents(world.service, a.identity.deviceId).length;
    // The request reaches the service only after the client has given up on it.
    pushes({ kind: 'delay', ms: TIMEOUT_MS + 200, late: true });
    const started = performance.now();
    const timedOut = await ok(a.t.core, 'syncNow');
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(timedOut).toMatchObject({ pendingIntents: 1, online: false, lastError: { code: 'service.unreachable' } });
    // Sent again at once (the officer presses the button), racing the late one; slow, but within the time limit.
    pushes({ kind: 'delay', ms: 150 });
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 0, lastError: null });
    await expect.poll(() => world.proxy.settled.filter((e) => e.path === '/v1/sync/push').length, { timeout: 3_000 }).toBeGreaterThanOrEqual(2);
    expect(serviceIntents(world.service, a.identity.deviceId).length - before).toBe(1);
    expectInSync();
  });

  it('a push that never answers times out and is retried', async () => {
    const [, , , , , p6] = someProducts(world.service, 6) as string[];
    await ok(a.t.core, 'watchSet', { productId: p6 as string, notify: { restock: true, price: false } });
    pushes({ kind: 'hang' });
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 1, lastError: { code: 'service.unreachable' } });
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 0, lastError: null });
    expectInSync();
  });
});

describe('pull faults', () => {
  async function changeSomething(): Promise<string> {
    await ok(a.t.core, 'syncNow');
    const [id] = someProducts(world.service, 1) as [string];
    withServiceDb(world.service, (db) => setProductPrice(db, id, 100_000 + Math.floor(Math.random() * 100_000)));
    return id;
  }

  it.each<[string, FaultAction]>([
    ['reset after the service answered', { kind: 'reset_after' }],
    ['a truncated body', { kind: 'truncate', fraction: 0.6 }],
    ['a 502 from a gateway', { kind: 'respond', status: 502, body: 'Bad Gateway', contentType: 'text/plain' }],
    ['a timeout', { kind: 'hang' }],
  ])('%s: nothing applied, the next sync brings the change once', async (_name, action) => {
    const id = await changeSomething();
    const before = a.local.products();
    pulls(action);
    const failed = await ok(a.t.core, 'syncNow');
    expect(failed).toMatchObject({ online: false, lastError: { code: 'service.unreachable' } });
    expect(a.local.products()).toEqual(before);
    delivered.length = 0;
    world.proxy.rule = ({ path, nth }) => (path === '/v1/sync/pull' ? recordingPulls(nth) : { kind: 'pass' });
    expect((await ok(a.t.core, 'syncNow')).lastError).toBeNull();
    expect(delivered.filter((entry) => entry.includes(id))).toHaveLength(1);
    expectInSync();
  });

  it('a slow link: every page delayed, the sync still completes', async () => {
    await ok(a.t.core, 'syncNow');
    const ids = someProducts(world.service, 25);
    withServiceDb(world.service, (db) => ids.forEach((id, i) => setProductStock(db, id, 100 + i)));
    world.proxy.rule = ({ path }) => (path === '/v1/sync/pull' ? { kind: 'delay', ms: 150 } : { kind: 'pass' });
    expect((await ok(a.t.core, 'syncNow')).lastError).toBeNull();
    expectInSync();
  });
});
