import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncChange } from '@shared/sync/changes';
import { OrderSchema, type Order } from '@shared/service/orders';
import { startTestService, type TestService } from './helpers';
import { act, buildOrderWorld, orderContent, submit, type OrderWorld } from './order-helpers';
import { pullAll, type Cursors } from './sync-helpers';

describe('the orders scope', () => {
  let test: TestService;
  let world: OrderWorld;
  let order: Order;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
    order = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 2 }]))).order as Order;
  });
  afterAll(() => test.close());

  const orderChanges = (changes: readonly SyncChange[] | undefined) => (changes ?? []).filter((c) => c.entity === 'order');

  it("shows a unit's orders to every laptop of that unit, and to no other unit", async () => {
    for (const officer of [world.orderer, world.receiver]) {
      const pulled = await pullAll(test, officer.laptop.accessToken, { orders: null });
      const changes = orderChanges(pulled.changes.orders);
      expect(changes, officer.username).toHaveLength(1);
      expect(changes[0]).toMatchObject({ entity: 'order', op: 'upsert', id: order.id, seq: order.changeSeq });
      expect(OrderSchema.parse((changes[0] as { data: unknown }).data)).toEqual(order);
    }
    const stranger = await pullAll(test, world.stranger.laptop.accessToken, { orders: null });
    expect(stranger.changes.orders).toEqual([]);
  });

  it('delivers every change of status as the whole order again, with the budget and stock it moved', async () => {
    const cursors: Cursors = (await pullAll(test, world.receiver.laptop.accessToken, { orders: null, budgets: null, catalog: null })).cursors;
    const strangerCursors: Cursors = (await pullAll(test, world.stranger.laptop.accessToken, { orders: null })).cursors;

    test.clock.advance(60_000);
    const committed = (await act(test, order.id, { action: 'commit' })).body as Order;
    const after = await pullAll(test, world.receiver.laptop.accessToken, cursors);
    const changes = orderChanges(after.changes.orders);
    expect(changes).toHaveLength(1);
    const data = OrderSchema.parse((changes[0] as { data: unknown }).data);
    expect(data).toEqual(committed);
    expect(data).toMatchObject({ status: 'committed', shipBy: '2025-06-09', lines: [{ expectedDate: '2025-06-09' }] });
    expect(data.changeSeq).toBeGreaterThan(order.changeSeq);
    expect(after.changes.budgets).toEqual([expect.objectContaining({ entity: 'budget', data: expect.objectContaining({ committedKopiykas: 2 * world.drone.priceKopiykas }) })]);
    expect(after.changes.catalog).toEqual([expect.objectContaining({ entity: 'product', id: world.drone.id, data: expect.objectContaining({ stock: 8 }) })]);

    // Nothing new: nothing delivered; and the other unit hears of none of it.
    const quiet = await pullAll(test, world.receiver.laptop.accessToken, after.cursors);
    expect(quiet.changes.orders).toEqual([]);
    expect((await pullAll(test, world.stranger.laptop.accessToken, strangerCursors)).changes.orders).toEqual([]);

    await act(test, order.id, { action: 'ship' });
    const shipped = orderChanges((await pullAll(test, world.orderer.laptop.accessToken, { orders: after.cursors.orders as string })).changes.orders);
    expect(shipped.map((c) => (c as { data: Order }).data.status)).toEqual(['in_delivery']);
  });

  it('delivers an order once, as it stands, however many changes came between two pulls', async () => {
    const cursors = (await pullAll(test, world.colleague.laptop.accessToken, { orders: null })).cursors;
    const placed = (await submit(test, world, orderContent(world, [{ product: world.goggles, quantity: 1 }]))).order as Order;
    await act(test, placed.id, { action: 'return', comment: 'Уточніть' });
    const changes = orderChanges((await pullAll(test, world.colleague.laptop.accessToken, cursors)).changes.orders);
    // Submitted and returned between two pulls: the order arrives once, as it stands.
    expect(changes).toHaveLength(1);
    expect((changes[0] as { data: Order }).data).toMatchObject({ id: placed.id, status: 'returned' });
  });
});
