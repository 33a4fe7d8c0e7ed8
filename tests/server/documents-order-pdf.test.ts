import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSignedPdf, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf } from '@shared/node/pdf';
import { verifySignature } from '@shared/node/signing';
import { OrderSchema, type OrderContent } from '@shared/service/orders';
import { startTestService, type TestService } from './helpers';
import { cmsOf, documentState, pdfSignature, pushOne } from './documents-helpers';
import { buildOrderWorld, orderContent, orderState, type Officer, type OrderWorld } from './order-helpers';
import { intent, pullAll } from './sync-helpers';

/** An order may come with the orderer's PDF signatures of its renditions (issue 6): kept with the version and published. */
describe('order.submit with PDF signatures', () => {
  let test: TestService;
  let world: OrderWorld;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildOrderWorld(test);
  }, 180_000);
  afterAll(() => test.close());

  const signed = async (content: OrderContent, pdfSigner: Officer = world.orderer) => {
    const at = new Date(test.clock());
    const pdf = await pdfSignature({ kind: 'order', content }, [], pdfSignatureReasons.orderer, pdfSigner, at);
    return intent('order.submit', content.orderId, { content, signature: { pdf } }, { signature: cmsOf(content, world.orderer, at) });
  };

  it('keeps them with the order and publishes them; the rebuilt PDF carries the orderer’s valid signature', async () => {
    const content = orderContent(world, [{ product: world.goggles, quantity: 1 }]);
    const sent = await signed(content);
    const result = await pushOne(test, sent, world.orderer);
    expect(result.status).toBe('applied');
    const order = OrderSchema.parse((result.result as { order: unknown }).order);
    expect(order.pdfSignatures).toEqual((sent.payload as { signature: { pdf: unknown } }).signature.pdf);
    const pulled = await pullAll(test, world.receiver.laptop.accessToken, { orders: null });
    expect(pulled.changes.orders?.map((c) => (c as { data: unknown }).data)).toEqual([order]);
    for (const language of ['uk', 'en'] as const) {
      const pdf = assembleSignedPdf(await renderDocumentPdf({ kind: 'order', content }, language), [
        { reason: pdfSignatureReasons.orderer, cms: Buffer.from(order.pdfSignatures?.[language] ?? '', 'base64') },
      ]);
      const [signature] = readPdfSignatures(pdf);
      const verified = verifySignature(signature?.signedBytes as Buffer, signature?.cms as Buffer, {
        caCertificatePems: [world.orderer.laptop.caCertificate],
        requiredRole: 'orderer',
        now: new Date(test.clock()),
      });
      expect(verified.signer).toMatchObject({ kind: 'person', personId: world.orderer.personId });
    }
  });

  it('publishes null for an order sent without them', async () => {
    const content = orderContent(world, [{ product: world.goggles, quantity: 1 }]);
    const at = new Date(test.clock());
    const result = await pushOne(test, intent('order.submit', content.orderId, { content }, { signature: cmsOf(content, world.orderer, at) }), world.orderer);
    expect((result.result as { order: { pdfSignatures: unknown } }).order.pdfSignatures).toBeNull();
  });

  it('refuses PDF signatures by another key or of the other language, changing nothing', async () => {
    const before = { ...orderState(test), ...documentState(test) };
    const content = orderContent(world, [{ product: world.drone, quantity: 1 }]);
    const byColleague = await pushOne(test, await signed(content, world.colleague), world.orderer);
    expect(byColleague.reason).toMatchObject({ code: 'order.bad_signature', params: { problem: 'signer_mismatch', language: 'uk' } });
    const good = await signed(orderContent(world, [{ product: world.drone, quantity: 1 }]));
    const { pdf } = (good.payload as { signature: { pdf: { uk: string; en: string } } }).signature;
    const swapped = { ...good, payload: { ...good.payload, signature: { pdf: { uk: pdf.en, en: pdf.uk } } } };
    expect((await pushOne(test, swapped, world.orderer)).reason).toMatchObject({ code: 'order.bad_signature', params: { problem: 'pdf_mismatch' } });
    expect({ ...orderState(test), ...documentState(test) }).toEqual(before);
  });
});
