import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '@shared/api/contract';
import { PullWorker } from '../../src-main/core/sync/pull-worker-client';
import { seedLargeCatalogue } from '../../src-server/demo/large';
import { pass } from '../faults/support/fault-proxy';
import { enrolThroughProxy, serviceProducts, startWorld, withServiceDb, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { closeCores, ok, PASSPHRASE, removeTempDirs } from './support/fixtures';

/**
 * Large pull answers go to the pull worker (src-main/core/sync/pull-worker.ts),
 * a thread with its own connection to the encrypted store: a new laptop's
 * first sync of a few thousand products, against the real service, through
 * the fault proxy.
 */

const LARGE = 2_500;
let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld();
  withServiceDb(world.service, (db) => seedLargeCatalogue(db, { products: LARGE }));
});

afterEach(() => {
  world.proxy.rule = pass;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

function catalogueChanges(events: CoreEvent[]): number {
  return events.filter((event) => event.type === 'data_changed' && event.scopes.includes('catalog')).length;
}

async function firstSync(laptop: EnrolledCore) {
  // Enrolment starts the first sync; "sync now" waits for it and runs one more cycle.
  return ok(laptop.t.core, 'syncNow');
}

describe('the pull worker', () => {
  it('applies a first sync of thousands of products page by page, ending equal to the service', async () => {
    const submit = vi.spyOn(PullWorker.prototype, 'submit');
    const laptop = await enrolThroughProxy(world);
    const status = await firstSync(laptop);

    expect(status).toMatchObject({ lastError: null, firstSync: null, online: true });
    expect(laptop.local.products()).toEqual(serviceProducts(world.service));
    expect(laptop.local.products().size).toBeGreaterThan(LARGE);
    // Pages of up to 1 000 rows: at least three answers went to the worker, and the UI heard of each commit.
    expect(submit.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(catalogueChanges(laptop.t.events)).toBeGreaterThanOrEqual(3);
    expect(laptop.t.log.warnings.filter((line) => line.includes('pull worker'))).toEqual([]);
    const progress = laptop.t.events.flatMap((event) => (event.type === 'sync' && event.status.firstSync ? [event.status.firstSync.received] : []));
    expect(Math.max(...progress)).toBeGreaterThan(LARGE);

    // The showcase counts what the worker wrote (its totals are cached per query until the data changes).
    const page = await ok(laptop.t.core, 'catalogSearch', { limit: 1 });
    expect(page.total).toBe(laptop.local.count('products'));
  });

  it('a page the worker refuses keeps what was applied before it, and the next sync finishes the job', async () => {
    // The first sync's second page, and every one after it, comes from "another service".
    let pulls = 0;
    world.proxy.rule = (exchange) => {
      if (exchange.path !== '/v1/sync/pull' || ++pulls < 2) return { kind: 'pass' };
      return { kind: 'rewrite', rewrite: (body) => ({ ...(body as object), serviceId: 'ffffffffffffffffffffffffffffffff' }) };
    };
    const laptop = await enrolThroughProxy(world);
    const refused = await firstSync(laptop);
    expect(refused.lastError?.code).toBe('sync.page_invalid');
    const kept = laptop.local.count('products');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(serviceProducts(world.service).size);
    const cursorsAfterRefusal = laptop.local.cursors();

    world.proxy.rule = pass;
    const status = await ok(laptop.t.core, 'syncNow');
    expect(status.lastError).toBeNull();
    expect(laptop.local.products()).toEqual(serviceProducts(world.service));
    expect(laptop.local.cursors()).not.toEqual(cursorsAfterRefusal);
  });

  it('locking in the middle stops the worker before the database closes; unlocking finishes the sync', async () => {
    const laptop = await enrolThroughProxy(world);
    // Lock as soon as the first page has been committed by the worker.
    await vi.waitFor(() => expect(catalogueChanges(laptop.t.events)).toBeGreaterThan(0), { timeout: 20_000, interval: 5 });
    await ok(laptop.t.core, 'vaultLock');
    // Both connections are closed: the main one, closing last, folded the WAL into the database and removed it.
    expect(existsSync(`${laptop.t.dataDir}/data/quartermaster.db-wal`)).toBe(false);
    const partial = laptop.local.count('products');
    expect(laptop.local.read((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');

    await ok(laptop.t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    const status = await ok(laptop.t.core, 'syncNow');
    expect(status.lastError).toBeNull();
    expect(laptop.local.products()).toEqual(serviceProducts(world.service));
    expect(laptop.local.count('products')).toBeGreaterThanOrEqual(partial);
  });

  it('a worker that cannot start leaves the work to the main thread, with a warning, and loses nothing', async () => {
    const missing = { url: new URL('file:///nonexistent/quartermaster/pull-worker.mjs'), execArgv: [] };
    const laptop = await enrolThroughProxy(world, { pullWorkerScript: missing });
    const status = await firstSync(laptop);
    expect(status.lastError).toBeNull();
    expect(laptop.local.products()).toEqual(serviceProducts(world.service));
    expect(laptop.t.log.warnings.some((line) => line.includes('pull worker cannot run'))).toBe(true);
  });
});
