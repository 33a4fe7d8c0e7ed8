import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminOrderListSchema } from '@shared/service/orders-admin';
import { OrderSchema, type Order } from '@shared/service/orders';
import { dataPaths } from '../../src-server/paths';
import { startTestService, type TestService } from './helpers';
import { act, adminCall, adminTokenOf, buildOrderWorld, orderContent, orderState, submit, type OrderWorld } from './order-helpers';
import { admin } from './sync-helpers';

describe('the admin API of orders', () => {
  let test: TestService;
  let world: OrderWorld;
  let inStock: Order;
  let preorder: Order;
  let theirs: Order;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
    inStock = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 1 }]))).order as Order;
    test.clock.advance(1_000);
    preorder = (await submit(test, world, orderContent(world, [{ product: world.bomber, quantity: 1 }], { kind: 'preorder' }))).order as Order;
    test.clock.advance(1_000);
    theirs = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 1 }], { author: world.stranger }))).order as Order;
  });
  afterAll(() => test.close());

  it('keeps the admin token beside the other secrets, readable by the service’s user only', () => {
    const path = dataPaths(test.dataDir).adminToken;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(adminTokenOf(test)).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });

  it('refuses a caller without the admin token (401), whatever else they hold', async () => {
    const before = orderState(test);
    const token = adminTokenOf(test);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const [path, method] of [
      ['/v1/admin/orders', 'GET'],
      [`/v1/admin/orders/${inStock.id}`, 'GET'],
      [`/v1/admin/orders/${inStock.id}/actions`, 'POST'],
    ] as const) {
      const body = method === 'POST' ? { action: 'commit' } : undefined;
      const none = await test.call(method, path, body === undefined ? {} : { body });
      expect([none.status, none.body.code], `${method} ${path}`).toEqual([401, 'auth.required']);
      for (const bad of [wrong, world.orderer.laptop.accessToken, 'x']) {
        const reply = await adminCall(test, method, path, body, bad);
        expect([reply.status, reply.body.code], `${method} ${path}`).toEqual([401, 'auth.token_invalid']);
      }
    }
    expect(orderState(test)).toEqual(before);
  });

  it('lists every unit’s orders newest first, by status and by unit (Latin look-alikes folded)', async () => {
    const all = AdminOrderListSchema.parse((await adminCall(test, 'GET', '/v1/admin/orders')).body).orders;
    expect(all.map((o) => o.id)).toEqual([theirs.id, preorder.id, inStock.id]);
    const requests = AdminOrderListSchema.parse((await adminCall(test, 'GET', '/v1/admin/orders?status=preorder_requested')).body).orders;
    expect(requests.map((o) => o.id)).toEqual([preorder.id]);
    const mine = AdminOrderListSchema.parse((await adminCall(test, 'GET', `/v1/admin/orders?unit=A4271&limit=1`)).body).orders;
    expect(mine.map((o) => o.id)).toEqual([preorder.id]);
    const other = AdminOrderListSchema.parse((await adminCall(test, 'GET', `/v1/admin/orders?unit=${encodeURIComponent('в/ч А7318')}`)).body).orders;
    expect(other.map((o) => o.id)).toEqual([theirs.id]);
  });

  it('finds one order by id or by number', async () => {
    const byId = await adminCall(test, 'GET', `/v1/admin/orders/${inStock.id}`);
    expect(OrderSchema.parse(byId.body)).toEqual(inStock);
    const byNumber = await adminCall(test, 'GET', `/v1/admin/orders/${encodeURIComponent(inStock.number)}`);
    expect(byNumber.body).toEqual(byId.body);
    const missing = await adminCall(test, 'GET', '/v1/admin/orders/ЗМ-2025-999999');
    expect([missing.status, missing.body.code]).toEqual([404, 'order.not_found']);
    expect((await act(test, '0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d', { action: 'commit' })).status).toBe(404);
  });

  it('validates queries and bodies (400 with the issues), changing nothing', async () => {
    const before = orderState(test);
    for (const query of ['status=lost', 'unit=Б1234', 'limit=0', 'limit=5000', 'colour=red', 'unit=А9999']) {
      const reply = await adminCall(test, 'GET', `/v1/admin/orders?${query}`);
      expect([reply.status, reply.body.code], query).toEqual([400, 'request.invalid']);
    }
    for (const body of [
      {},
      { action: 'teleport' },
      { action: 'return' },
      { action: 'return', comment: '   ' },
      { action: 'reject', reason: 'x'.repeat(2001) },
      { action: 'propose' },
      { action: 'propose', promisedDate: '15.07.2025' },
      { action: 'propose', promisedDate: '2025-02-30' },
      { action: 'commit', extra: true },
      { action: 'ship', reason: 'unexpected' },
    ]) {
      const reply = await act(test, inStock.id, body);
      expect([reply.status, reply.body.code], JSON.stringify(body)).toEqual([400, 'request.invalid']);
      expect(reply.body.issues).toEqual(expect.any(Array));
    }
    const raw = await test.call('POST', `/v1/admin/orders/${inStock.id}/actions`, { token: adminTokenOf(test), rawBody: '{"action":', headers: { 'content-type': 'application/json' } });
    expect(raw.status).toBe(400);
    expect(orderState(test)).toEqual(before);
  });

  describe('the command line', () => {
    it('prints the admin token and lists the order commands in its help', async () => {
      const token = await admin(test, 'token');
      expect([token.code, token.out]).toEqual([0, adminTokenOf(test)]);
      const help = await admin(test, 'help');
      for (const command of ['orders list', 'orders show', 'orders commit', 'orders return', 'orders reject', 'orders propose', 'orders decline', 'orders ship', 'token']) {
        expect(help.out).toContain(command);
      }
    });

    it('lists and shows orders by id or number', async () => {
      const list = await admin(test, 'orders', 'list', '--unit', 'А4271');
      expect(list.code).toBe(0);
      expect(list.out).toContain(inStock.number);
      expect(list.out).toContain(preorder.number);
      expect(list.out).not.toContain(theirs.number);
      expect((await admin(test, 'orders', 'list', '--status', 'preorder_requested')).out.split('\n')).toHaveLength(3);
      const show = await admin(test, 'orders', 'show', inStock.number);
      expect(show.code).toBe(0);
      expect(show.out).toContain(`Order ${inStock.number} (${inStock.id}): in_stock, submitted, version 1`);
      expect(show.out).toMatch(/DZ-10\s+Джміль-10\s+1\s+48 000 грн\s+48 000 грн/u);
      expect((await admin(test, 'orders', 'show', inStock.id)).out).toBe(show.out);
    });

    it('runs every action, the same as the API', async () => {
      const propose = await admin(test, 'orders', 'propose', preorder.number, '--date', '2025-07-10', '--note', 'Партія у виробництві');
      expect(propose.code).toBe(0);
      expect(propose.out).toContain('proposal_received');
      expect(propose.out).toContain('promised 2025-07-10');

      const commit = await admin(test, 'orders', 'commit', inStock.id);
      expect([commit.code, commit.out]).toEqual([0, expect.stringContaining('committed, version 1; ship by 2025-06-09')]);
      expect((await admin(test, 'orders', 'ship', inStock.number)).out).toContain('in_delivery');

      const returned = await admin(test, 'orders', 'return', theirs.number, '--comment', 'Уточніть громаду доставки');
      expect(returned.out).toContain('returned');
      expect(returned.out).toContain('Уточніть громаду доставки');

      const request = (await submit(test, world, orderContent(world, [{ product: world.bomber, quantity: 2 }], { kind: 'preorder' }))).order as Order;
      expect((await admin(test, 'orders', 'decline', request.number, '--reason', 'Не виробляємо')).out).toContain('cancelled');
      const another = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 1 }]))).order as Order;
      expect((await admin(test, 'orders', 'reject', another.number, '--reason', 'Дублікат')).out).toContain('rejected');
    });

    it('refuses mistakes with a clear error and no change', async () => {
      const before = orderState(test);
      const usage = [
        ['orders', 'return', inStock.id],
        ['orders', 'propose', preorder.id, '--date', 'tomorrow'],
        ['orders', 'list', '--status', 'lost'],
        ['orders', 'commit'],
        ['orders', 'commit', inStock.id, '--force'],
      ];
      for (const argv of usage) expect((await admin(test, ...argv)).code, argv.join(' ')).toBe(2);
      const missing = await admin(test, 'orders', 'commit', 'ЗМ-2025-999999');
      expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('No order ЗМ-2025-999999')]);
      const state = await admin(test, 'orders', 'commit', inStock.number);
      expect([state.code, state.err]).toEqual([1, expect.stringContaining('is in_delivery; only an order that is submitted can be committed')]);
      expect((await admin(test, 'orders', 'list', '--unit', 'А9999')).code).toBe(1);
      expect(orderState(test)).toEqual(before);
    });
  });
});
