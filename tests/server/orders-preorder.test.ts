import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@shared/service/orders';
import { readRows, startTestService, type TestService } from './helpers';
import { act, buildOrderWorld, orderContent, orderState, send, submit, YEAR, type OrderWorld } from './order-helpers';
import { intent } from './sync-helpers';

describe('pre-orders: request, the supplier’s proposal, the unit’s answer', () => {
  let test: TestService;
  let world: OrderWorld;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
  });
  afterAll(() => test.close());

  const request = async (quantity = 1): Promise<Order> =>
    (await submit(test, world, orderContent(world, [{ product: world.bomber, quantity }], { kind: 'preorder', neededBy: '2025-08-01' }))).order as Order;
  const accept = (order: Order, promisedDate: string | null, options: { quantity?: number; version?: number } = {}) =>
    submit(
      test,
      world,
      orderContent(world, [{ product: world.bomber, quantity: options.quantity ?? order.content.lines[0]?.quantity ?? 1 }], {
        kind: 'preorder',
        orderId: order.id,
        version: options.version ?? order.content.version + 1,
        neededBy: '2025-08-01',
        promisedDate,
      }),
    );
  const declineProposal = (order: Order) => send(test, intent('order.decline_proposal', order.id, { orderId: order.id }), world.orderer);

  it('goes request → proposal → acceptance (version 2 with the promised date) → commit', async () => {
    const order = await request(2);
    expect(order.status).toBe('preorder_requested');

    const proposed = await act(test, order.number, { action: 'propose', promisedDate: '2025-07-15', note: 'Партія виготовляється' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'proposal_received', promisedDate: '2025-07-15', lines: [{ expectedDate: '2025-07-15' }] });
    expect((proposed.body.timeline as Order['timeline']).at(-1)).toMatchObject({ status: 'proposal_received', actor: 'supplier', note: 'Партія виготовляється' });

    const accepted = await accept(order, '2025-07-15');
    expect(accepted.order).toMatchObject({ kind: 'preorder', status: 'submitted', promisedDate: '2025-07-15', lines: [{ quantity: 2, expectedDate: '2025-07-15' }] });
    expect(accepted.order?.content.version).toBe(2);

    const budgetBefore = readRows<{ committed_kopiykas: number }>(test.dataDir, 'SELECT committed_kopiykas FROM budgets WHERE unit_id = ? AND year = ?', world.unit.id, YEAR)[0];
    const committed = await act(test, order.id, { action: 'commit' });
    expect(committed.body).toMatchObject({ status: 'committed', shipBy: null, promisedDate: '2025-07-15', lines: [{ expectedDate: '2025-07-15' }] });
    expect((committed.body.timeline as Order['timeline']).map((e) => e.status)).toEqual(['preorder_requested', 'proposal_received', 'submitted', 'committed']);
    const budgetAfter = readRows<{ committed_kopiykas: number }>(test.dataDir, 'SELECT committed_kopiykas FROM budgets WHERE unit_id = ? AND year = ?', world.unit.id, YEAR)[0];
    expect((budgetAfter?.committed_kopiykas ?? 0) - (budgetBefore?.committed_kopiykas ?? 0)).toBe(2 * world.bomber.priceKopiykas);
    // Made to order: nothing is taken off a shelf.
    expect(readRows(test.dataDir, 'SELECT stock FROM products WHERE id = ?', world.bomber.id)).toEqual([{ stock: 0 }]);
  });

  it('takes an acceptance only with the promised date and the lines the supplier answered', async () => {
    const order = await request();
    await act(test, order.id, { action: 'propose', promisedDate: '2025-07-20' });
    const before = orderState(test);
    expect((await accept(order, null)).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_editable', params: { promisedDate: '2025-07-20' } } });
    expect((await accept(order, '2025-07-01')).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_editable' } });
    expect((await accept(order, '2025-07-20', { quantity: 4 })).result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_editable' } });
    expect((await accept(order, '2025-07-20', { version: 3 })).result).toMatchObject({ status: 'rejected', reason: { code: 'order.version_conflict' } });
    expect(orderState(test)).toEqual(before);
  });

  it('cancels the order when the unit declines the proposal, and refuses a decline with no proposal waiting', async () => {
    const order = await request();
    const early = await declineProposal(order);
    expect(early.result).toMatchObject({ status: 'rejected', reason: { code: 'order.no_proposal', params: { status: 'preorder_requested' } } });
    await act(test, order.id, { action: 'propose', promisedDate: '2025-09-30' });
    const declined = await declineProposal(order);
    expect(declined.result).toMatchObject({ status: 'applied', result: { order: { status: 'cancelled' } } });
    expect(declined.order?.timeline.at(-1)).toMatchObject({ status: 'cancelled', actor: 'unit' });
    const receiver = await send(test, intent('order.decline_proposal', order.id, { orderId: order.id }), world.receiver);
    expect(receiver.result).toMatchObject({ status: 'rejected', reason: { code: 'order.not_orderer' } });
  });

  it('cancels the order when the supplier declines the request', async () => {
    const order = await request();
    const declined = await act(test, order.id, { action: 'decline', reason: 'Не виробляємо під цю потребу до кінця року' });
    expect(declined.body).toMatchObject({ status: 'cancelled', promisedDate: null });
    expect((declined.body.timeline as Order['timeline']).at(-1)).toMatchObject({ status: 'cancelled', actor: 'supplier', note: 'Не виробляємо під цю потребу до кінця року' });
  });

  it('refuses a promised date in the past (400) and a proposal on an order that is not a request (409)', async () => {
    const order = await request();
    const before = orderState(test);
    const past = await act(test, order.id, { action: 'propose', promisedDate: '2025-06-01' });
    expect([past.status, past.body.code]).toEqual([400, 'request.invalid']);
    const inStock = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 1 }]))).order as Order;
    const afterInStock = orderState(test);
    const wrong = await act(test, inStock.id, { action: 'propose', promisedDate: '2025-07-01' });
    expect([wrong.status, wrong.body.code]).toEqual([409, 'order.invalid_state']);
    expect(orderState(test)).toEqual(afterInStock);
    expect((before.orders as unknown[]).length).toBe((afterInStock.orders as unknown[]).length - 1);
  });

  it('sends a returned accepted pre-order straight back to the agency when the next version keeps the promise', async () => {
    const order = await request();
    await act(test, order.id, { action: 'propose', promisedDate: '2025-07-25' });
    const accepted = (await accept(order, '2025-07-25')).order as Order;
    await act(test, order.id, { action: 'return', comment: 'Додайте обґрунтування' });
    const kept = await accept(accepted, '2025-07-25');
    expect(kept.order).toMatchObject({ status: 'submitted', promisedDate: '2025-07-25' });
    expect(kept.order?.content.version).toBe(3);
  });

  it('asks the supplier again when a returned pre-order request is signed anew', async () => {
    const order = await request();
    await act(test, order.id, { action: 'propose', promisedDate: '2025-07-25' });
    await accept(order, '2025-07-25');
    await act(test, order.id, { action: 'return', comment: 'Інша кількість' });
    const anew = await accept({ ...order, content: { ...order.content, version: 2 } }, null, { quantity: 3 });
    expect(anew.order).toMatchObject({ status: 'preorder_requested', promisedDate: null, lines: [{ quantity: 3, expectedDate: null }] });
  });
});
