import { afterEach, describe, expect, it } from 'vitest';
import type { OrderContent } from '@shared/service/orders';
import type { Db } from '../../src-main/core/store';
import { insertSignedOrder } from '../../src-main/core/orders/orders-repo';
import { markRejected } from '../../src-main/core/sync/outbox-repo';
import { queueIntent } from '../../src-main/core/sync/queue';
import { product } from './catalog-fixtures';
import { applyOrders, KHARKIV, loadOrderingWorld, orderingCore, serviceOrder } from './orders-fixtures';
import { closeCores, fails, ok, removeTempDirs } from './support/fixtures';

/**
 * The budget outlook (issue 5, item 2) against figures worked out by hand:
 * available now, after the unit's orders not yet committed, after the cart.
 */

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

/** A signed copy on its way (its order.submit in the outbox), as orderSign leaves it. */
function signedOnItsWay(db: Db, content: OrderContent): string {
  const { id } = queueIntent(db, 'order.submit', { content }, Date.UTC(2025, 0, 14), 'MIIBfake');
  insertSignedOrder(db, { id: content.orderId, version: content.version, content, signature: 'MIIBfake', intentId: id, createdAt: content.createdAt, signedAt: content.createdAt });
  return id;
}

/**
 * Guaranteed 100 000 UAH, performance 50 000 UAH; 40 000 spent and 30 000
 * committed (spent first, both from guaranteed): 30 000 guaranteed and
 * 50 000 performance available; 300 points.
 *
 * Pending, counted once each:
 * - order 1, signed here, in the outbox: 21 500 UAH and 2 × 15 points;
 * - order 2, returned by the agency (14 800), with its signed version 2
 *   (2 × 14 800 = 29 600) on its way: only the new version counts;
 * - order 3, submitted: 2 × 9 900 = 19 800;
 * - not: order 4 committed (the budget row counts it), order 5 cancelled,
 *   order 6 signed but refused by the service.
 * Money 70 900 UAH, points 30.
 */
function world(db: Db): void {
  loadOrderingWorld(db, { guaranteedKopiykas: 10_000_000, performanceKopiykas: 5_000_000, committedKopiykas: 3_000_000, spentKopiykas: 4_000_000, ePoints: 300 });
  signedOnItsWay(db, serviceOrder({ n: 1, status: 'submitted', lines: [{ name: 'Вежа-10 Удар', quantity: 1 }, { name: 'Вежа-7 Удар', quantity: 2, funding: 'e_points' }] }).content);
  const returned = serviceOrder({ n: 2, status: 'returned', lines: [{ name: 'Вежа-7 Удар', quantity: 1 }] });
  applyOrders(db, [
    returned,
    serviceOrder({ n: 3, status: 'submitted', lines: [{ name: 'Джміль-7 Навчальний', quantity: 2 }] }),
    serviceOrder({ n: 4, status: 'committed', lines: [{ name: 'Сова-2 Міні', quantity: 1 }] }),
    serviceOrder({ n: 5, status: 'cancelled', lines: [{ name: 'Сова-2 Міні', quantity: 1 }] }),
  ]);
  signedOnItsWay(db, { ...serviceOrder({ n: 2, status: 'submitted', lines: [{ name: 'Вежа-7 Удар', quantity: 2 }] }).content, version: 2 });
  const refused = signedOnItsWay(db, serviceOrder({ n: 6, status: 'submitted', lines: [{ name: 'Сова-3 Термо', quantity: 1 }] }).content);
  markRejected(db, refused, { code: 'order.unknown_hromada', message: 'no such hromada' }, '2025-01-15T08:00:00.000Z');
}

describe('the budget outlook', () => {
  it('lays the pending orders and the cart over what is available, guaranteed money first', async () => {
    const { core } = await orderingCore(world);
    const empty = await ok(core, 'cartGet');
    expect(empty.budget).toEqual({
      year: 2025,
      // 70 900 pending: 30 000 of guaranteed, 40 900 of performance.
      guaranteed: { available: 3_000_000, afterPending: 0, afterCart: 0 },
      performance: { available: 5_000_000, afterPending: 910_000, afterCart: 910_000 },
      ePoints: { available: 300, afterPending: 270, afterCart: 270 },
      pending: { moneyKopiykas: 7_090_000, ePoints: 30 },
      overBudget: false,
      asOf: expect.any(String),
    });

    await ok(core, 'cartAdd', { productId: product('Джміль-7 Навчальний').id });
    const cart = await ok(core, 'cartSet', { productId: product('Вежа-7 Удар').id, quantity: 10, funding: 'e_points' });
    expect(cart.totals).toEqual({ moneyKopiykas: 990_000, ePoints: 150 });
    expect(cart.budget).toMatchObject({
      guaranteed: { afterCart: 0 },
      performance: { afterPending: 910_000, afterCart: -80_000 },
      ePoints: { afterCart: 120 },
      overBudget: true,
    });
    const refusal = await fails(core, 'cartCheckout', { hromadaCode: KHARKIV, neededBy: null }, 'order.over_budget');
    expect(refusal.params).toEqual({ allocation: 'performance', shortfall: 80_000 });
    expect((await ok(core, 'cartGet')).lines).toHaveLength(2);

    // Without the money line the cart fits; twenty points a piece too many does not.
    expect((await ok(core, 'cartRemove', { productId: product('Джміль-7 Навчальний').id })).budget).toMatchObject({ overBudget: false });
    const points = await ok(core, 'cartSet', { productId: product('Вежа-7 Удар').id, quantity: 20, funding: 'e_points' });
    expect(points.budget).toMatchObject({ ePoints: { afterCart: -30 }, overBudget: true });
    const pointsRefusal = await fails(core, 'cartCheckout', { hromadaCode: KHARKIV, neededBy: null }, 'order.over_budget');
    expect(pointsRefusal.params).toEqual({ allocation: 'e_points', shortfall: 30 });
  });
});
