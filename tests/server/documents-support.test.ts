import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@shared/service/orders';
import { TestService } from '../support/service';
import { pushDemoOrder } from './demo-order';

/** The helpers the client and end-to-end tests use to play the suppliers and the agency with documents (tests/support/service.ts). */
describe('TestService: delivery documents through the admin API', () => {
  let service: TestService;
  let order: Order;

  /** A demo unit's orderer signs an in-stock order of two pieces of a demo product, and the agency commits it. */
  beforeAll(async () => {
    service = await TestService.start({ demo: true });
    const pushed = await pushDemoOrder(service);
    order = await service.orderAction(pushed.order?.id as string, { action: 'commit' });
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
