import { createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, signDetached } from '@shared/node/signing';
import type { CsrSubject } from '@shared/service/common';
import { ORDER_CONTENT_SCHEMA, type Order, type OrderContent } from '@shared/service/orders';
import { TestService } from '../support/service';
import { csrFor, readRows, rsaKeyPair } from './helpers';
import { intent } from './sync-helpers';

/** The helpers the client and end-to-end tests use to play the suppliers and the agency with documents (tests/support/service.ts). */
describe('TestService: delivery documents through the admin API', () => {
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

  /** A demo unit's orderer signs an in-stock order of two pieces of a demo product, and the agency commits it. */
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
    const signature = signDetached(canonicalJsonBytes(content), { certificatePem: enrolled.certificate as string, signSha256: (data) => sign('sha256', data, key) }, new Date(service.now())).toString(
      'base64',
    );
    await post('/v1/sync/push', { intents: [intent('order.submit', content.orderId, { content }, { signature })] }, (enrolled.tokens as { accessToken: string }).accessToken);
    order = await service.orderAction(content.orderId, { action: 'commit' });
  }, 180_000);
  afterAll(() => service.close());

  it('issues invoices for an order, as asked or for all that is outstanding, and lists them by unit', async () => {
    const productId = order.lines[0]?.productId as string;
    const first = await service.issueInvoice(order.number, { lines: [{ productId, quantity: 1 }] });
    expect(first).toMatchObject({ orderId: order.id, status: 'issued', content: { lines: [{ quantity: 1 }] } });
    const rest = await service.issueInvoice(order.id);
    expect(rest.content.lines.map((l) => l.quantity)).toEqual([1]);
    await expect(service.issueInvoice(order.id)).rejects.toMatchObject({ status: 409, code: 'invoice.exceeds_outstanding' });
    expect((await service.invoices('А4271')).map((i) => i.id)).toEqual([rest.id, first.id]);
    expect(await service.invoices('А7318')).toEqual([]);
  });

  it('refuses a certificate of invoices the unit has not received, but makes one through the test hook', async () => {
    const [invoice] = await service.invoices();
    const request = { unitNumber: 'А4271', supplierId: order.supplierId, period: { from: '2020-01-01', to: '2099-12-31' }, invoiceIds: [invoice?.id as string] };
    await expect(service.issueCertificate(request)).rejects.toMatchObject({ status: 409, code: 'certificate.invoice_not_received' });
    const careless = await service.uncheckedCertificate(request);
    expect(careless).toMatchObject({ status: 'issued', content: { invoices: [{ invoiceId: invoice?.id, number: invoice?.number }] } });
    expect((await service.certificates('А4271')).map((c) => c.id)).toEqual([careless.id]);
    expect((await service.invoices()).map((i) => i.status)).toEqual(['issued', 'issued']);
    await expect(service.certificateAction(careless.number, 'agency_sign')).rejects.toMatchObject({ status: 409, code: 'certificate.invalid_state' });
  });
});
