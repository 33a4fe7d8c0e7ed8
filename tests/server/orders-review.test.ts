import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@shared/service/orders';
import { readRows, startTestService, type TestService } from './helpers';
import { act, buildOrderWorld, orderContent, orderState, send, submit, YEAR, type OrderWorld } from './order-helpers';
import { intent, withStore } from './sync-helpers';

describe("the agency's review and the supplier's shipment", () => {
  let test: TestService;
  let world: OrderWorld;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
  });
  afterAll(() => test.close());

  const stock = (id: string) => readRows<{ stock: number; lead_time_days: number | null }>(test.dataDir, 'SELECT stock, lead_time_days FROM products WHERE id = ?', id)[0];
  const budget = () =>
    readRows<{ committed_kopiykas: number; e_points: number }>(test.dataDir, 'SELECT committed_kopiykas, e_points FROM budgets WHERE unit_id = ? AND year = ?', world.unit.id, YEAR)[0];
  const placed = async (lines: Parameters<typeof orderContent>[1]): Promise<Order> => (await submit(test, world, orderContent(world, lines))).order as Order;
  const cancel = (order: Order, by = world.orderer) =>
    send(test, intent('order.cancel', order.id, { orderId: order.id, reason: 'Потреба відпала' }), by);

  it('commits a submitted order: budget committed, stock taken, ship-by seven days later (Kyiv calendar)', async () => {
    const order = await placed([
      { product: world.drone, quantity: 2 },
      { product: world.drone, quantity: 1, funding: 'e_points' },
      { product: world.goggles, quantity: 1 },
    ]);
    const committed = await act(test, order.id, { action: 'commit' });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({
      status: 'committed',
      shipBy: '2025-06-09',
      lines: [
        { productId: world.drone.id, expectedDate: '2025-06-09' },
        { productId: world.drone.id, expectedDate: '2025-06-09' },
        { productId: world.goggles.id, expectedDate: '2025-06-09' },
      ],
    });
    expect((committed.body.timeline as Order['timeline']).at(-1)).toEqual({ status: 'committed', at: new Date(test.clock()).toISOString(), actor: 'agency', note: null });
    expect(budget()).toEqual({ committed_kopiykas: 2 * 4_800_000 + 1_250_050, e_points: 100 - 48 });
    expect(stock(world.drone.id)?.stock).toBe(7);
    expect(stock(world.goggles.id)?.stock).toBe(2);

    // A second commit of the same order is a state error that changes nothing.
    const before = orderState(test);
    const again = await act(test, order.number, { action: 'commit' });
    expect([again.status, again.body.code]).toEqual([409, 'order.invalid_state']);
    expect(orderState(test)).toEqual(before);
  });

  it('rejects an in-stock order the stock can no longer cover, naming the product and offering a pre-order', async () => {
    const order = await placed([{ product: world.goggles, quantity: 5 }]);
    const before = { budget: budget(), stock: stock(world.goggles.id) };
    const reply = await act(test, order.id, { action: 'commit' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'rejected', shipBy: null });
    expect((reply.body.timeline as Order['timeline']).at(-1)).toMatchObject({
      status: 'rejected',
      actor: 'agency',
      note: 'Not enough stock for DZ-GOG «Окуляри Джміль» (ordered 5, in stock 2); place a pre-order instead.',
    });
    expect({ budget: budget(), stock: stock(world.goggles.id) }).toEqual(before);
  });

  it('serves the last units first come, first served: the first order committed gets them, the next is rejected', async () => {
    const first = await placed([{ product: world.goggles, quantity: 2 }]);
    const second = await placed([{ product: world.goggles, quantity: 2 }]);
    // The agency happens to reach the later order first: commit order decides, not submission order.
    expect((await act(test, second.id, { action: 'commit' })).body.status).toBe('committed');
    const late = await act(test, first.id, { action: 'commit' });
    expect(late.body.status).toBe('rejected');
    expect(JSON.stringify(late.body.timeline)).toContain('place a pre-order instead');
    // Sold out: offered for pre-order from now on, with an estimated lead time until the supplier sets one.
    expect(stock(world.goggles.id)).toEqual({ stock: 0, lead_time_days: 30 });
  });

  it('refuses a commit the budget cannot cover (409 budget.insufficient), changing nothing', async () => {
    const points = await placed([{ product: world.drone, quantity: 2, funding: 'e_points' }]);
    let before = orderState(test);
    const noPoints = await act(test, points.id, { action: 'commit' });
    expect([noPoints.status, noPoints.body.code]).toEqual([409, 'budget.insufficient']);
    expect(noPoints.body.message).toMatch(/96 e-points.*has 52/u);
    expect(orderState(test)).toEqual(before);

    const money = await placed([{ product: world.drone, quantity: 1 }]);
    withStore(test, (db) =>
      db.prepare('UPDATE budgets SET spent_kopiykas = guaranteed_kopiykas + performance_kopiykas - committed_kopiykas - 100 WHERE unit_id = ?').run(world.unit.id),
    );
    before = orderState(test);
    const noMoney = await act(test, money.id, { action: 'commit' });
    expect([noMoney.status, noMoney.body.code]).toEqual([409, 'budget.insufficient']);
    expect(noMoney.body.message).toMatch(/needs 48 000 грн.*has 1 грн available in 2025/u);
    expect(orderState(test)).toEqual(before);
    withStore(test, (db) => db.prepare('UPDATE budgets SET spent_kopiykas = 0 WHERE unit_id = ?').run(world.unit.id));
    // Both orders stay submitted: the agency may return or reject them, or commit once money arrives.
    expect((await act(test, money.id, { action: 'commit' })).body.status).toBe('committed');
    expect((await act(test, points.id, { action: 'reject', reason: 'Недостатньо е-балів' })).body.status).toBe('rejected');
  });

  it('returns an order for revision with a comment; the orderer signs version 2, which is submitted again', async () => {
    const order = await placed([{ product: world.drone, quantity: 3 }]);
    const returned = await act(test, order.id, { action: 'return', comment: 'Уточніть кількість: ліміт 2 на місяць' });
    expect(returned.body).toMatchObject({ status: 'returned' });
    expect((returned.body.timeline as Order['timeline']).at(-1)).toMatchObject({ status: 'returned', actor: 'agency', note: 'Уточніть кількість: ліміт 2 на місяць' });

    const v2 = orderContent(world, [{ product: world.drone, quantity: 2 }], { orderId: order.id, version: 2 });
    const resubmitted = await submit(test, world, v2);
    expect(resubmitted.order).toMatchObject({ status: 'submitted', number: order.number, content: v2, lines: [{ quantity: 2 }] });
    // Version 3 may not follow a submitted version 2, and version 2 again is the same version.
    const v3 = orderContent(world, [{ product: world.drone, quantity: 1 }], { orderId: order.id, version: 3 });
    expect((await submit(test, world, v3)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_editable' } });
    const v5 = orderContent(world, [{ product: world.drone, quantity: 1 }], { orderId: order.id, version: 5 });
    expect((await submit(test, world, v5)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.version_conflict' } });
    const otherKind = orderContent(world, [{ product: world.drone, quantity: 1 }], { orderId: order.id, version: 3, kind: 'preorder' });
    expect((await submit(test, world, otherKind)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.version_conflict' } });
  });

  it('rejects a submitted order with a reason, and refuses actions the status does not allow (409), changing nothing', async () => {
    const order = await placed([{ product: world.drone, quantity: 1 }]);
    const before = orderState(test);
    for (const body of [{ action: 'ship' }, { action: 'propose', promisedDate: '2025-07-01' }, { action: 'decline', reason: 'Ні' }]) {
      const reply = await act(test, order.id, body);
      expect([reply.status, reply.body.code], body.action).toEqual([409, 'order.invalid_state']);
    }
    expect(orderState(test)).toEqual(before);
    const rejected = await act(test, order.id, { action: 'reject', reason: 'Виріб не відповідає потребі підрозділу' });
    expect((rejected.body.timeline as Order['timeline']).at(-1)).toMatchObject({ status: 'rejected', actor: 'agency', note: 'Виріб не відповідає потребі підрозділу' });
    expect((await act(test, order.id, { action: 'return', comment: 'x' })).status).toBe(409);
  });

  it('marks a committed order shipped (in_delivery) on the supplier’s word', async () => {
    const order = await placed([{ product: world.drone, quantity: 1 }]);
    await act(test, order.id, { action: 'commit' });
    const shipped = await act(test, order.id, { action: 'ship' });
    expect(shipped.body).toMatchObject({ status: 'in_delivery', shipBy: '2025-06-09' });
    expect((shipped.body.timeline as Order['timeline']).map((e) => `${e.status}/${e.actor}`)).toEqual(['submitted/unit', 'committed/agency', 'in_delivery/supplier']);
  });

  describe('order.cancel', () => {
    it('cancels an order before it is committed, with the orderer’s reason', async () => {
      const order = await placed([{ product: world.drone, quantity: 1 }]);
      const { result } = await cancel(order);
      expect(result).toMatchObject({ status: 'applied', result: { order: { id: order.id, status: 'cancelled' } } });
      expect((result.result as { order: Order }).order.timeline.at(-1)).toMatchObject({ status: 'cancelled', actor: 'unit', note: 'Потреба відпала' });
    });

    it('cancels a returned order too', async () => {
      const order = await placed([{ product: world.drone, quantity: 1 }]);
      await act(test, order.id, { action: 'return', comment: 'Уточніть' });
      expect((await cancel(order)).result).toMatchObject({ status: 'applied', result: { order: { status: 'cancelled' } } });
    });

    it('refuses after the commit, for a non-orderer, and for another unit’s order, changing nothing', async () => {
      const order = await placed([{ product: world.drone, quantity: 1 }]);
      await act(test, order.id, { action: 'commit' });
      const before = orderState(test);
      expect((await cancel(order)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_cancellable', params: { status: 'committed' } } });
      const open = await placed([{ product: world.drone, quantity: 1 }]);
      const afterOpen = orderState(test);
      expect((await cancel(open, world.receiver)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_orderer' } });
      expect((await cancel(open, world.stranger)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_found' } });
      expect(orderState(test)).toEqual(afterOpen);
      expect(before.orders).toHaveLength((afterOpen.orders as unknown[]).length - 1);
    });

    it('refuses a version 2 of a committed order (order.not_editable)', async () => {
      const order = await placed([{ product: world.drone, quantity: 1 }]);
      await act(test, order.id, { action: 'commit' });
      const v2 = orderContent(world, [{ product: world.drone, quantity: 2 }], { orderId: order.id, version: 2 });
      expect((await submit(test, world, v2)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_editable', params: { status: 'committed' } } });
    });
  });
});
