import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderSchema, type Order } from '@shared/service/orders';
import { withdrawProduct } from '../../src-server/provisioning/catalogue';
import { revokeDevice } from '../../src-server/provisioning/devices';
import { issueEnrolmentCode } from '../../src-server/provisioning/enrolment-codes';
import { enrol, readRows, startTestService, type TestService } from './helpers';
import { buildOrderWorld, orderContent, orderState, send, signContent, submit, submitIntent, type OrderWorld } from './order-helpers';
import { intent, push, withStore } from './sync-helpers';

describe('order.submit: a signed order reaches the service', () => {
  let test: TestService;
  let world: OrderWorld;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
  });
  afterAll(() => test.close());

  const rejection = (result: Record<string, unknown>) => (result.reason as { code: string; params?: Record<string, unknown> } | undefined) ?? { code: 'applied' };

  it('keeps a first version as submitted, numbered by the service, with its lines, timeline and signature', async () => {
    const content = orderContent(world, [
      { product: world.drone, quantity: 2 },
      { product: world.drone, quantity: 1, funding: 'e_points' },
      { product: world.goggles, quantity: 3 },
    ]);
    const { result, order, intent: sent } = await submit(test, world, content);
    expect(result.status).toBe('applied');
    const parsed = OrderSchema.parse(order);
    expect(parsed).toMatchObject({
      id: content.orderId,
      number: expect.stringMatching(/^ЗМ-2025-\d{6}$/u),
      unitId: world.unit.id,
      supplierId: world.supplier.id,
      kind: 'in_stock',
      status: 'submitted',
      content,
      signature: sent.signature,
      promisedDate: null,
      shipBy: null,
      lines: [
        { productId: world.drone.id, quantity: 2, deliveredQuantity: 0, expectedDate: null },
        { productId: world.drone.id, quantity: 1, deliveredQuantity: 0, expectedDate: null },
        { productId: world.goggles.id, quantity: 3, deliveredQuantity: 0, expectedDate: null },
      ],
      timeline: [{ status: 'submitted', at: new Date(test.clock()).toISOString(), actor: 'unit', note: null }],
      submittedAt: new Date(test.clock()).toISOString(),
    });
    expect(content.totals).toEqual({ moneyKopiykas: 2 * 4_800_000 + 3 * 1_250_050, ePoints: 48 });
    // The service keeps the signed bytes and who signed them, for every version.
    const [version] = readRows<{ version: number; signed_by: string; device_id: string; signature: string }>(
      test.dataDir,
      'SELECT version, signed_by, device_id, signature FROM order_versions WHERE order_id = ?',
      content.orderId,
    );
    expect(version).toEqual({ version: 1, signed_by: world.orderer.personId, device_id: world.orderer.laptop.deviceId, signature: sent.signature });
  });

  it('numbers orders one after another within the year', async () => {
    const first = (await submit(test, world, orderContent(world, [{ product: world.goggles, quantity: 1 }]))).order as Order;
    const second = (await submit(test, world, orderContent(world, [{ product: world.goggles, quantity: 1 }]))).order as Order;
    const serial = (order: Order) => Number(order.number.slice(-6));
    expect(serial(second)).toBe(serial(first) + 1);
  });

  it('takes a pre-order request as preorder_requested', async () => {
    const content = orderContent(world, [{ product: world.bomber, quantity: 1 }], { kind: 'preorder', neededBy: '2025-08-15' });
    const { order } = await submit(test, world, content);
    expect(order).toMatchObject({ kind: 'preorder', status: 'preorder_requested', timeline: [{ status: 'preorder_requested', actor: 'unit' }] });
  });

  it('answers a resend of the same intent from the store, and the same signed version under a new intent id with the order as it stands', async () => {
    const content = orderContent(world, [{ product: world.goggles, quantity: 1 }]);
    const first = await submit(test, world, content);
    const before = orderState(test);
    test.clock.advance(60_000);

    const resent = await send(test, first.intent, world.orderer);
    expect(resent.result).toEqual(first.result);
    // The laptop lost track and queued the very same signed document again, with a new intent id.
    const again = await send(test, { ...first.intent, id: intent('x', 'x', {}).id }, world.orderer);
    expect(again.result).toMatchObject({ status: 'applied', result: { order: first.order } });
    expect(orderState(test)).toEqual(before);
    expect(readRows(test.dataDir, 'SELECT * FROM orders WHERE id = ?', content.orderId)).toHaveLength(1);
  });

  it('refuses the same version signed again (another signature) as already submitted, changing nothing', async () => {
    const content = orderContent(world, [{ product: world.goggles, quantity: 1 }]);
    await submit(test, world, content);
    const before = orderState(test);
    test.clock.advance(5_000);
    const resigned = await submit(test, world, content);
    expect(rejection(resigned.result)).toMatchObject({ code: 'order.already_submitted', params: { version: 1 } });
    expect(orderState(test)).toEqual(before);
  });

  describe('refuses, with a clear code and nothing changed', () => {
    let before: Record<string, unknown[]>;
    beforeAll(() => {
      before = orderState(test);
    });

    const expectUnchanged = () => expect(orderState(test)).toEqual(before);

    it('content altered after signing (order.bad_signature: digest_mismatch)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }]);
      const signature = signContent(content, world.orderer, new Date(test.clock()));
      const tampered = { ...content, lines: [{ ...content.lines[0], quantity: 9, total: 9 * world.drone.priceKopiykas }], totals: { moneyKopiykas: 9 * world.drone.priceKopiykas, ePoints: 0 } };
      const { result } = await send(test, submitIntent(tampered, signature), world.orderer);
      expect(rejection(result)).toMatchObject({ code: 'order.bad_signature', params: { problem: 'digest_mismatch' } });
      expectUnchanged();
    });

    it('a signature that is not a CMS signature at all (order.bad_signature: malformed)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }]);
      const { result } = await send(test, submitIntent(content, Buffer.from('not a signature').toString('base64')), world.orderer);
      expect(rejection(result)).toMatchObject({ code: 'order.bad_signature', params: { problem: 'malformed' } });
      expectUnchanged();
    });

    it('no signature at all (sync.signature_required)', async () => {
      const { result } = await send(test, submitIntent(orderContent(world, [{ product: world.drone, quantity: 1 }]), undefined), world.orderer);
      expect(rejection(result).code).toBe('sync.signature_required');
      expectUnchanged();
    });

    it('a signature by a person without the orderer role (order.signer_not_orderer)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }], { author: world.receiver });
      const { result } = await submit(test, world, content);
      expect(rejection(result)).toMatchObject({ code: 'order.signer_not_orderer', params: { username: world.receiver.username } });
      expectUnchanged();
    });

    it('an order signed by someone other than its author, or sent from another person’s laptop (order.signer_not_author)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }], { author: world.colleague });
      const signedByOther = await submit(test, world, content, { signer: world.orderer });
      expect(rejection(signedByOther.result)).toMatchObject({ code: 'order.signer_not_author', params: { author: world.colleague.username, signer: world.orderer.username } });
      const sentByOther = await submit(test, world, content, { sender: world.orderer });
      expect(rejection(sentByOther.result).code).toBe('order.signer_not_author');
      expectUnchanged();
    });

    it('an order naming another unit than the signer’s (order.wrong_unit)', async () => {
      const content = { ...orderContent(world, [{ product: world.drone, quantity: 1 }]), unit: { id: world.otherUnit.id, number: world.otherUnit.number } };
      const { result } = await submit(test, world, content);
      expect(rejection(result)).toMatchObject({ code: 'order.wrong_unit', params: { unit: world.otherUnit.number, signerUnit: world.unit.number } });
      expectUnchanged();
    });

    it('an unknown supplier, or a product of another supplier (order.unknown_supplier, order.unknown_product)', async () => {
      const unknownSupplier = { ...orderContent(world, [{ product: world.drone, quantity: 1 }]), supplier: { id: '0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d', name: 'ТОВ «Привид»' } };
      expect(rejection((await submit(test, world, unknownSupplier)).result).code).toBe('order.unknown_supplier');
      const foreign = orderContent(world, [{ product: world.drone, quantity: 1 }, { product: world.foreign, quantity: 1 }]);
      expect(rejection((await submit(test, world, foreign)).result)).toMatchObject({ code: 'order.unknown_product', params: { productId: world.foreign.id } });
      expectUnchanged();
    });

    it('lines that do not add up, or e-points for a product outside the programme (order.bad_lines)', async () => {
      const base = orderContent(world, [{ product: world.drone, quantity: 2 }]);
      const wrongLineTotal = { ...base, lines: [{ ...base.lines[0], total: world.drone.priceKopiykas }] } as typeof base;
      const wrongTotals = { ...base, totals: { moneyKopiykas: 1, ePoints: 0 } };
      const ePointsGoggles = orderContent(world, [{ product: world.goggles, quantity: 1, funding: 'e_points', unitPrice: 12 }]);
      for (const content of [wrongLineTotal, wrongTotals, ePointsGoggles]) expect(rejection((await submit(test, world, content)).result).code).toBe('order.bad_lines');
      expectUnchanged();
    });

    it('a hromada code that is not in the codifier (order.unknown_hromada)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }], { hromadaCode: 'UA99999999999999999' });
      expect(rejection((await submit(test, world, content)).result)).toMatchObject({ code: 'order.unknown_hromada', params: { hromadaCode: 'UA99999999999999999' } });
      expectUnchanged();
    });

    it('zero, negative, fractional and absurd quantities, and a negative price (sync.invalid_payload)', async () => {
      for (const quantity of [0, -1, 1.5, 100_000, Number.MAX_SAFE_INTEGER]) {
        const content = orderContent(world, [{ product: world.drone, quantity: 1 }]);
        const bad = { ...content, lines: [{ ...content.lines[0], quantity, total: Math.round(quantity * world.drone.priceKopiykas) }] };
        const { result } = await send(test, submitIntent(bad, signContent(bad, world.orderer, new Date(test.clock()))), world.orderer);
        expect(rejection(result).code, `quantity ${quantity}`).toBe('sync.invalid_payload');
      }
      const content = orderContent(world, [{ product: world.drone, quantity: 1, unitPrice: -5 }]);
      expect(rejection((await submit(test, world, content)).result).code).toBe('sync.invalid_payload');
      expectUnchanged();
    });

    it('a first version numbered other than 1 (order.version_conflict)', async () => {
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }], { version: 2 });
      expect(rejection((await submit(test, world, content)).result)).toMatchObject({ code: 'order.version_conflict', params: { version: 2, expected: 1 } });
      expectUnchanged();
    });

    it('another unit reusing an order id (order.version_conflict), learning nothing of the order', async () => {
      const [existing] = readRows<{ id: string }>(test.dataDir, 'SELECT id FROM orders LIMIT 1');
      const content = orderContent(world, [{ product: world.drone, quantity: 1 }], { author: world.stranger, orderId: existing?.id as string, version: 2 });
      const { result } = await submit(test, world, content);
      expect(rejection(result).code).toBe('order.version_conflict');
      expect(JSON.stringify(result)).not.toContain('ЗМ-');
      expectUnchanged();
    });
  });

  it('refuses a withdrawn product (order.product_withdrawn)', async () => {
    withStore(test, (db) => withdrawProduct(db, test.clock, world.foreign.id));
    const content = { ...orderContent(world, [{ product: world.foreign, quantity: 1 }]), supplier: world.otherSupplier };
    const before = orderState(test);
    const { result } = await submit(test, world, content);
    expect(rejection(result)).toMatchObject({ code: 'order.product_withdrawn', params: { productId: world.foreign.id, sku: 'VZ-10' } });
    expect(orderState(test)).toEqual(before);
  });

  it('never reprices: a line whose price moved since signing is kept and returned by the service, naming the lines', async () => {
    const content = orderContent(world, [
      { product: world.goggles, quantity: 1 },
      { product: world.drone, quantity: 2, unitPrice: 4_500_000 },
      { product: world.drone, quantity: 1, funding: 'e_points', unitPrice: 40 },
    ]);
    const budgetsBefore = readRows(test.dataDir, 'SELECT * FROM budgets');
    const { result, order } = await submit(test, world, content);
    expect(result.status).toBe('applied');
    expect(order?.status).toBe('returned');
    expect(order?.content).toEqual(content);
    expect(order?.timeline).toEqual([
      { status: 'submitted', at: expect.any(String), actor: 'unit', note: null },
      {
        status: 'returned',
        at: expect.any(String),
        actor: 'service',
        note: 'Prices changed since signing (line 2 DZ-10: signed 45 000 грн, now 48 000 грн; line 3 DZ-10: signed 40 e-points, now 48 e-points). Edit the order and sign it again.',
      },
    ]);
    expect(readRows(test.dataDir, 'SELECT * FROM budgets')).toEqual(budgetsBefore);

    // The orderer edits and signs version 2 at today's prices: it is taken as submitted.
    const fixed = orderContent(
      world,
      [
        { product: world.goggles, quantity: 1 },
        { product: world.drone, quantity: 2 },
        { product: world.drone, quantity: 1, funding: 'e_points' },
      ],
      { orderId: content.orderId, version: 2 },
    );
    const resubmitted = await submit(test, world, fixed);
    expect(resubmitted.order).toMatchObject({ status: 'submitted', number: order?.number, content: fixed });
    expect(resubmitted.order?.timeline.map((e) => `${e.status}/${e.actor}`)).toEqual(['submitted/unit', 'returned/service', 'submitted/unit']);
    expect(readRows(test.dataDir, 'SELECT version FROM order_versions WHERE order_id = ? ORDER BY version', content.orderId)).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('refuses a signature by a revoked laptop, whatever signing time it claims, even carried in by the officer’s other laptop', async () => {
    const code = withStore(test, (db) => issueEnrolmentCode(db, test.clock, { username: world.colleague.username }).code);
    const second = { ...world.colleague, laptop: await enrol(test, { ...world.colleague.person, enrolmentCode: code }) };
    const early = orderContent(world, [{ product: world.goggles, quantity: 1 }], { author: world.colleague });
    const earlySignature = signContent(early, world.colleague, new Date(test.clock()));
    test.clock.advance(2_000);
    withStore(test, (db) => revokeDevice(db, test.clock, world.colleague.laptop.deviceId, 'laptop lost'));
    const before = orderState(test);
    const late = orderContent(world, [{ product: world.goggles, quantity: 1 }], { author: world.colleague });
    for (const [content, signature] of [
      [late, signContent(late, world.colleague, new Date(test.clock()))],
      [early, earlySignature],
    ] as const) {
      const { result } = await send(test, submitIntent(content, signature), second);
      expect(rejection(result)).toMatchObject({ code: 'order.bad_signature', params: { problem: 'device_revoked' } });
    }
    expect(orderState(test)).toEqual(before);
    // The same officer's own laptop still signs.
    expect((await submit(test, world, late, { signer: second })).result.status).toBe('applied');
  });

  it('answers a batch in order, a refused order not stopping the next', async () => {
    const good = orderContent(world, [{ product: world.goggles, quantity: 1 }]);
    const bad = orderContent(world, [{ product: world.drone, quantity: 1 }], { hromadaCode: 'UA00000000000000000' });
    const intents = [bad, good].map((content) => submitIntent(content, signContent(content, world.orderer, new Date(test.clock()))));
    const reply = await push(test, world.orderer.laptop.accessToken, intents);
    expect(reply.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
  });
});
