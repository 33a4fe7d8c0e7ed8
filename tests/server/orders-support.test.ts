import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@shared/service/orders';
import { TestService } from '../support/service';
import { pushDemoOrder } from './demo-order';

/** The helpers the client and end-to-end tests use to play the agency and the suppliers (tests/support/service.ts). */
describe('TestService: orders through the admin API', () => {
  let service: TestService;
  let order: Order;

  beforeAll(async () => {
    service = await TestService.start({ demo: true });
    const pushed = await pushDemoOrder(service);
    expect(pushed.status).toBe('applied');
    order = pushed.order as Order;
  });
  afterAll(() => service.close());

  it('reads the admin token from the data directory', () => {
    expect(service.adminToken()).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });

  it('lists orders, of all units or of one', async () => {
    expect((await service.orders()).map((o) => o.id)).toEqual([order.id]);
    expect((await service.orders('А4271')).map((o) => o.id)).toEqual([order.id]);
    expect(await service.orders('А7318')).toEqual([]);
  });

  it('acts on an order by number or id, and throws the refusal’s code', async () => {
    const committed = await service.orderAction(order.number, { action: 'commit' });
    expect(committed).toMatchObject({ id: order.id, status: 'committed', shipBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) });
    await expect(service.orderAction(order.id, { action: 'commit' })).rejects.toMatchObject({ status: 409, code: 'order.invalid_state' });
    expect(await service.orderAction(order.id, { action: 'ship' })).toMatchObject({ status: 'in_delivery' });
  });
});
