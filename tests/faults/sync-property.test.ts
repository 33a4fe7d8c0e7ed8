import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setProductPrice, setProductStock, withdrawProduct } from '../../src-server/provisioning/catalogue';
import { insertProduct } from '../../src-server/store/catalogue';
import { closeCores, ok, removeTempDirs } from '../core/support/fixtures';
import { pass, SERVICE_UNAVAILABLE, type FaultAction } from './support/fault-proxy';
import {
  enrolThroughProxy,
  serviceIntents,
  serviceProducts,
  serviceWatches,
  startWorld,
  withServiceDb,
  type EnrolledCore,
  type SyncWorld,
} from './support/sync-world';

/**
 * Random interleavings of the officer's watch intents, the agency's
 * catalogue changes, syncs and faults between the laptop and the service.
 * Whatever happened, once the faults stop and one more sync has run:
 * - every intent the officer made reached the service exactly once (one
 *   stored result per intent id) and none is left pending: no local work lost;
 * - the service's watch list is what applying the intents in order gives
 *   (those it refused leaving no trace): each effect applied exactly once, in order;
 * - the laptop's catalogue and watch list equal the service's: no change
 *   was skipped by a cursor, none applied twice out of order.
 * The runs share one service and one laptop, so state accumulates across
 * them, as it does in the field.
 */

const FAULTS = ['none', 'drop', 'reset_after', 'unavailable', 'truncate', 'server_error'] as const;
type Fault = (typeof FAULTS)[number];

type Op =
  | { kind: 'watch'; product: number; restock: boolean; price: boolean }
  | { kind: 'unwatch'; product: number }
  | { kind: 'price'; product: number; price: number }
  | { kind: 'stock'; product: number; stock: number }
  | { kind: 'withdraw'; product: number }
  | { kind: 'add' }
  | { kind: 'sync'; push: Fault; pull: Fault };

const index = fc.nat({ max: 1_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('watch' as const), product: index, restock: fc.boolean(), price: fc.boolean() }).filter((o) => o.restock || o.price) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unwatch' as const), product: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('price' as const), product: index, price: fc.integer({ min: 100_000, max: 90_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stock' as const), product: index, stock: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), product: index }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'add' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), push: fc.constantFrom(...FAULTS), pull: fc.constantFrom(...FAULTS) }) },
);

function action(fault: Fault): FaultAction {
  switch (fault) {
    case 'none':
      return { kind: 'pass' };
    case 'drop':
      return { kind: 'drop' };
    case 'reset_after':
      return { kind: 'reset_after' };
    case 'unavailable':
      return SERVICE_UNAVAILABLE;
    case 'truncate':
      return { kind: 'truncate', fraction: 0.5 };
    case 'server_error':
      return { kind: 'respond', status: 500, body: JSON.stringify({ code: 'internal', message: 'Internal error' }), contentType: 'application/json' };
  }
}

let world: SyncWorld;
let a: EnrolledCore;

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world, { serviceTimeoutMs: 2_000, sync: { pageLimit: 20 } });
  await ok(a.t.core, 'syncNow');
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

/** The laptop's active products by id order (what the officer can watch). */
function localProductIds(): string[] {
  return a.local.read((db) => db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id').pluck().all() as string[]);
}

function activeServiceProducts(): Array<{ id: string; supplier_id: string }> {
  return withServiceDb(world.service, (db) => db.prepare('SELECT id, supplier_id FROM products WHERE active = 1 ORDER BY id').all() as never);
}

let added = 0;

async function run(ops: readonly Op[]): Promise<void> {
  // Intents made in this run, in order: [intent type, product].
  const made: Array<{ type: 'watch.set' | 'watch.remove'; product: string; notify?: { restock: boolean; price: boolean } }> = [];
  const intentsBefore = serviceIntents(world.service, a.identity.deviceId).length;
  const watchesBefore = serviceWatches(world.service, a.officer.username);
  for (const step of ops) {
    switch (step.kind) {
      case 'watch':
      case 'unwatch': {
        const ids = localProductIds();
        if (ids.length === 0) break;
        const product = ids[step.product % ids.length] as string;
        if (step.kind === 'watch') {
          const notify = { restock: step.restock, price: step.price };
          await ok(a.t.core, 'watchSet', { productId: product, notify });
          made.push({ type: 'watch.set', product, notify });
        } else {
          await ok(a.t.core, 'watchRemove', { productId: product });
          made.push({ type: 'watch.remove', product });
        }
        break;
      }
      case 'price':
      case 'stock':
      case 'withdraw': {
        const products = activeServiceProducts();
        // Keep the catalogue from running dry over many runs.
        if (products.length < 20 && step.kind === 'withdraw') break;
        const product = (products[step.product % products.length] as { id: string }).id;
        withServiceDb(world.service, (db) => {
          if (step.kind === 'price') setProductPrice(db, product, step.price);
          else if (step.kind === 'stock') setProductStock(db, product, step.stock, 21);
          else withdrawProduct(db, world.service.now, product);
        });
        break;
      }
      case 'add': {
        const supplier = (activeServiceProducts()[0] as { supplier_id: string }).supplier_id;
        added += 1;
        withServiceDb(world.service, (db) =>
          insertProduct(db, {
            id: uuidv7(),
            supplierId: supplier,
            sku: `PROP-${process.pid}-${added}`,
            name: `Тестовий дрон ${added}`,
            category: 'fpv_strike',
            description: 'Згенеровано тестом властивостей.',
            specs: { frameSizeInch: 7 },
            priceKopiykas: 1_500_000,
            ePointsPrice: null,
            stock: 3,
            leadTimeDays: null,
            codified: false,
            active: true,
          }),
        );
        break;
      }
      case 'sync': {
        world.proxy.rule = ({ path }) =>
          path === '/v1/sync/push' ? action(step.push) : path === '/v1/sync/pull' ? action(step.pull) : { kind: 'pass' };
        await ok(a.t.core, 'syncNow');
        break;
      }
    }
  }

  // The faults stop; one more sync.
  world.proxy.rule = pass;
  const status = await ok(a.t.core, 'syncNow');
  expect(status.lastError, status.lastError?.message).toBeNull();
  expect(status.pendingIntents).toBe(0);

  // Every intent of the run reached the service exactly once, each product's in the order they were made.
  const stored = serviceIntents(world.service, a.identity.deviceId).slice(intentsBefore);
  expect(new Set(stored.map((intent) => intent.id)).size).toBe(stored.length);
  const perProduct = (list: Array<{ type: string; product: string }>) => {
    const byProduct = new Map<string, string[]>();
    for (const item of list) byProduct.set(item.product, [...(byProduct.get(item.product) ?? []), item.type]);
    return byProduct;
  };
  expect(perProduct(stored.map((intent) => ({ type: intent.type, product: intent.entity_id })))).toEqual(perProduct(made));
  // Nothing left in the outbox but what the service refused (needs attention), and that is what it refused.
  const outbox = a.local.outbox();
  expect(outbox.every((item) => item.state === 'rejected')).toBe(true);
  const refusedIds = new Set(stored.filter((intent) => intent.status === 'rejected').map((intent) => intent.id));
  expect(outbox.filter((item) => refusedIds.has(item.id))).toHaveLength(refusedIds.size);

  // The service's watch list is the intents applied in order, once each.
  const expected = new Map(watchesBefore);
  const queue = new Map<string, typeof made>();
  for (const mine of made) queue.set(mine.product, [...(queue.get(mine.product) ?? []), mine]);
  for (const intent of stored) {
    const mine = queue.get(intent.entity_id)?.shift();
    if (!mine || intent.status !== 'applied') continue;
    if (mine.type === 'watch.set') expected.set(mine.product, mine.notify as { restock: boolean; price: boolean });
    else expected.delete(mine.product);
  }
  expect(serviceWatches(world.service, a.officer.username)).toEqual(expected);

  // The laptop holds what the service holds.
  expect(a.local.products()).toEqual(serviceProducts(world.service));
  expect(a.local.watches()).toEqual(serviceWatches(world.service, a.officer.username));

  // Clear the needs-attention list for the next run.
  for (const item of await ok(a.t.core, 'attentionList')) await ok(a.t.core, 'attentionDiscard', { intentId: item.intentId });
}

describe('sync under random interleavings and faults', () => {
  it('loses nothing, applies everything once, and ends equal to the service', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), (ops) => run(ops)),
      { numRuns: 30, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: false, endOnFailure: true },
    );
  }, 90_000);
});
