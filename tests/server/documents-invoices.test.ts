import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvoice } from '@shared/node/documents';
import { assembleSignedPdf, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf } from '@shared/node/pdf';
import { canonicalJsonBytes, verifySignature } from '@shared/node/signing';
import { InvoiceSchema, VAT_EXEMPTION_NOTE, type Invoice } from '@shared/service/documents';
import { OrderSchema, type Order } from '@shared/service/orders';
import type { SyncChange } from '@shared/sync/changes';
import { dataPaths } from '../../src-server/paths';
import { startTestService, type TestService } from './helpers';
import { buildDocumentWorld, committedOrder, documentState, issueInvoice, issueInvoiceCall, type DocumentWorld } from './documents-helpers';
import { adminCall, orderContent, submit } from './order-helpers';
import { pullAll } from './sync-helpers';

describe('expenditure invoices: the supplier ships and signs', () => {
  let test: TestService;
  let world: DocumentWorld;
  let order: Order;
  let invoice: Invoice;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildDocumentWorld(test);
    order = await committedOrder(test, world, [
      { product: world.drone, quantity: 3 },
      { product: world.drone, quantity: 1, funding: 'e_points' },
      { product: world.goggles, quantity: 2 },
    ]);
    test.clock.advance(60_000);
    invoice = await issueInvoice(test, order.number);
  }, 180_000);
  afterAll(() => test.close());

  const trust = () => ({ caCertificatePems: [world.receiver.laptop.caCertificate], now: new Date(test.clock()) });

  it('issues an invoice with every field of a primary document, for the outstanding quantities', () => {
    expect(InvoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      number: expect.stringMatching(/^ВН-2025-\d{6}$/u),
      orderId: order.id,
      unitId: world.unit.id,
      supplierId: world.supplier.id,
      status: 'issued',
      receipt: null,
    });
    const { content } = invoice;
    expect(content).toMatchObject({
      invoiceId: invoice.id,
      number: invoice.number,
      date: '2025-06-02',
      supplier: { id: world.supplier.id, name: world.supplier.name, edrpou: '44182634' },
      unit: { id: world.unit.id, number: 'А4271', name: 'Бригада А4271' },
      contract: { orderId: order.id, orderNumber: order.number },
      vatNote: VAT_EXEMPTION_NOTE,
      handedOverBy: [{ position: 'Менеджер з логістики', fullName: expect.any(String) }],
    });
    // Money lines keep the signed price; the e-points line states the goods' value in hryvnias.
    expect(content.lines).toEqual([
      { position: 1, productId: world.drone.id, sku: 'DZ-10', name: 'Джміль-10', unitOfMeasure: 'шт.', quantity: 3, unitPriceKopiykas: 4_800_000, totalKopiykas: 14_400_000 },
      { position: 2, productId: world.drone.id, sku: 'DZ-10', name: 'Джміль-10', unitOfMeasure: 'шт.', quantity: 1, unitPriceKopiykas: 4_800_000, totalKopiykas: 4_800_000 },
      { position: 3, productId: world.goggles.id, sku: 'DZ-GOG', name: 'Окуляри Джміль', unitOfMeasure: 'шт.', quantity: 2, unitPriceKopiykas: 1_250_050, totalKopiykas: 2_500_100 },
    ]);
    expect(content.totalKopiykas).toBe(14_400_000 + 4_800_000 + 2_500_100);
  });

  it('signs it with the supplier’s own key, certified by the service’s CA and kept beside the other secrets', () => {
    const verified = verifySignature(canonicalJsonBytes(invoice.content), Buffer.from(invoice.supplierSignature.cms, 'base64'), {
      ...trust(),
      requiredRole: 'supplier',
    });
    expect(verified.signer).toEqual({ kind: 'supplier', organisationId: world.supplier.id, edrpou: '44182634', name: world.supplier.name });
    const dir = dataPaths(test.dataDir).organisationKeys;
    const files = readdirSync(dir).sort();
    expect(files).toEqual([`supplier-${world.supplier.id}.cert.pem`, `supplier-${world.supplier.id}.key.pem`]);
    for (const file of files) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
  });

  it('signs both PDF renditions as the first incremental signature', async () => {
    for (const language of ['uk', 'en'] as const) {
      const base = await renderDocumentPdf({ kind: 'invoice', content: invoice.content }, language);
      const pdf = assembleSignedPdf(base, [{ reason: pdfSignatureReasons.supplier, cms: Buffer.from(invoice.supplierSignature.pdf[language], 'base64') }]);
      const [signature, ...more] = readPdfSignatures(pdf);
      expect(more).toEqual([]);
      expect(signature?.reason).toBe(pdfSignatureReasons.supplier);
      const verified = verifySignature(signature?.signedBytes as Buffer, signature?.cms as Buffer, { ...trust(), requiredRole: 'supplier' });
      expect(verified.signer).toMatchObject({ kind: 'supplier', organisationId: world.supplier.id });
    }
  });

  it('puts the order in delivery, the supplier acting', async () => {
    const current = OrderSchema.parse((await adminCall(test, 'GET', `/v1/admin/orders/${order.id}`)).body);
    expect(current.status).toBe('in_delivery');
    expect(current.timeline.at(-1)).toMatchObject({ status: 'in_delivery', actor: 'supplier', note: `Shipped with invoice ${invoice.number}` });
  });

  it('reaches every laptop of the unit in the documents scope, with a supplier signature that verifies, and no other unit', async () => {
    const pulled = await pullAll(test, world.receiver.laptop.accessToken, { documents: null });
    const changes = (pulled.changes.documents ?? []) as SyncChange[];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'invoice', op: 'upsert', id: invoice.id });
    const published = InvoiceSchema.parse((changes[0] as { data: unknown }).data);
    expect(published).toEqual(invoice);
    const check = checkInvoice(published, trust());
    expect(check.supplier).toMatchObject({ slot: 'supplier', valid: true, problem: null, signer: { kind: 'organisation', name: world.supplier.name, edrpou: '44182634' } });
    expect(check.receipt).toBeNull();
    expect((await pullAll(test, world.otherReceiver.laptop.accessToken, { documents: null })).changes.documents).toEqual([]);
  });

  it('ships nothing twice: what issued invoices carry is no longer outstanding (409, nothing changed)', async () => {
    const before = documentState(test);
    const again = await issueInvoiceCall(test, order.id);
    expect([again.status, again.body.code]).toEqual([409, 'invoice.exceeds_outstanding']);
    const more = await issueInvoiceCall(test, order.id, { lines: [{ productId: world.goggles.id, quantity: 1 }] });
    expect([more.status, more.body.code]).toEqual([409, 'invoice.exceeds_outstanding']);
    expect(documentState(test)).toEqual(before);
  });

  it('ships part of an order as asked, filling the lines of a product in the order’s order', async () => {
    const partial = await committedOrder(test, world, [
      { product: world.drone, quantity: 2 },
      { product: world.drone, quantity: 1, funding: 'e_points' },
      { product: world.goggles, quantity: 1 },
    ]);
    const first = await issueInvoice(test, partial.id, { lines: [{ productId: world.drone.id, quantity: 3 }] });
    expect(first.content.lines.map((l) => [l.position, l.sku, l.quantity])).toEqual([
      [1, 'DZ-10', 2],
      [2, 'DZ-10', 1],
    ]);
    const refused = await issueInvoiceCall(test, partial.id, { lines: [{ productId: world.drone.id, quantity: 1 }] });
    expect([refused.status, refused.body.code]).toEqual([409, 'invoice.exceeds_outstanding']);
    expect(refused.body.message).toContain('DZ-10: asked 1, outstanding 0');
    const rest = await issueInvoice(test, partial.number, {});
    expect(rest.content.lines.map((l) => [l.sku, l.quantity])).toEqual([['DZ-GOG', 1]]);
    expect(Number(rest.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
  });

  it('refuses an order that is not committed, and lines that are not the order’s (nothing changed)', async () => {
    const submitted = (await submit(test, world, orderContent(world, [{ product: world.drone, quantity: 1 }]))).order as Order;
    const committed = await committedOrder(test, world, [{ product: world.drone, quantity: 1 }]);
    const before = documentState(test);
    const early = await issueInvoiceCall(test, submitted.id);
    expect([early.status, early.body.code]).toEqual([409, 'order.invalid_state']);
    const foreign = await issueInvoiceCall(test, committed.id, { lines: [{ productId: world.foreign.id, quantity: 1 }] });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'request.invalid']);
    const twice = await issueInvoiceCall(test, committed.id, {
      lines: [
        { productId: world.drone.id, quantity: 1 },
        { productId: world.drone.id, quantity: 1 },
      ],
    });
    expect([twice.status, twice.body.code]).toEqual([400, 'request.invalid']);
    for (const body of [{ lines: [] }, { lines: [{ productId: world.drone.id, quantity: 0 }] }, { lines: [{ productId: 'x', quantity: 1 }] }, { extra: 1 }]) {
      const reply = await issueInvoiceCall(test, committed.id, body);
      expect([reply.status, reply.body.code], JSON.stringify(body)).toEqual([400, 'request.invalid']);
    }
    const missing = await issueInvoiceCall(test, 'ЗМ-2025-999999');
    expect([missing.status, missing.body.code]).toEqual([404, 'order.not_found']);
    expect(documentState(test)).toEqual(before);
  });
});
