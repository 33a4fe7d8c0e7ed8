import { createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { signDetached } from '@shared/node/signing/sign';
import type { CsrSubject } from '@shared/service/common';
import { ORDER_CONTENT_SCHEMA, type Order, type OrderContent } from '@shared/service/orders';
import { TestService } from '../support/service';
import { csrFor, readRows, rsaKeyPair } from './helpers';
import { intent } from './sync-helpers';

/** The helpers the client and end-to-end tests use to play the agency and the suppliers (tests/support/service.ts). */
describe('TestService: orders through the admin API', () => {
  let service: TestService;
  let order: Order;

  async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(answer)}`);
    return answer;
  }

  beforeAll(async () => {
    service = await TestService.start({ demo: true });
    const officer = await service.provision({ unitNumber: 'А4271', roles: ['orderer'] });
    const login = await post('/v1/auth/login', { username: officer.username, password: officer.password, totp: await service.totp(officer), enrolmentCode: officer.enrolmentCode });
    const keys = rsaKeyPair();
    const enrolled = await post('/v1/auth/enrol', { csr: csrFor(keys, login.csrSubject as CsrSubject) }, login.enrolmentToken as string);
    const person = enrolled.person as { id: string; unit: { id: string } };
    const product = readRows<{ id: string; sku: string; name: string; price_kopiykas: number; supplier_id: string; supplier: string }>(
      service.dataDir,
      'SELECT p.id, p.sku, p.name, p.price_kopiykas, p.supplier_id, s.name AS supplier FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE p.active = 1 AND p.stock > 2 ORDER BY p.sku LIMIT 1',
    )[0] as { id: string; sku: string; name: string; price_kopiykas: number; supplier_id: string; supplier: string };
    const hromada = readRows<{ code: string }>(service.dataDir, 'SELECT code FROM hromadas ORDER BY code LIMIT 1')[0]?.code as string;
    const content: OrderContent = {
      schema: ORDER_CONTENT_SCHEMA,
      orderId: uuidv7(),
      version: 1,
      kind: 'in_stock',
      unit: { id: person.unit.id, number: 'А4271' },
      supplier: { id: product.supplier_id, name: product.supplier },
      lines: [{ productId: product.id, sku: product.sku, name: product.name, quantity: 2, funding: 'money', unitPrice: product.price_kopiykas, total: 2 * product.price_kopiykas }],
      totals: { moneyKopiykas: 2 * product.price_kopiykas, ePoints: 0 },
      hromadaCode: hromada,
      neededBy: null,
      promisedDate: null,
      author: { personId: person.id, username: officer.username, fullName: officer.fullName },
      createdAt: new Date(service.now()).toISOString(),
    };
    const key = createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey));
    const signature = signDetached(
      canonicalJsonBytes(content),
      { certificatePem: enrolled.certificate as string, signSha256: (data) => sign('sha256', data, key) },
      new Date(service.now()),
    ).toString('base64');
    const pushed = await post(
      '/v1/sync/push',
      { intents: [intent('order.submit', content.orderId, { content }, { signature })] },
      (enrolled.tokens as { accessToken: string }).accessToken,
    );
    const [result] = pushed.results as Array<{ status: string; result: { order: Order } }>;
    expect(result?.status).toBe('applied');
    order = (result as { result: { order: Order } }).result.order;
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
