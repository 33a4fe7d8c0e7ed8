import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvoice } from '@shared/node/documents';
import { assembleSignedPdf, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf } from '@shared/node/pdf';
import { verifySignature } from '@shared/node/signing';
import { InvoiceSchema, type Invoice, type ReceiptContent } from '@shared/service/documents';
import { OrderSchema, type Order } from '@shared/service/orders';
import { readRows, startTestService, type TestService } from './helpers';
import {
  buildDocumentWorld,
  committedOrder,
  documentState,
  issueInvoice,
  pushOne,
  receiptIntent,
  receiptOf,
  type DocumentWorld,
} from './documents-helpers';
import { adminCall } from './order-helpers';
import { pullAll } from './sync-helpers';

describe('invoice.sign: the receiver signs for a delivery', () => {
  let test: TestService;
  let world: DocumentWorld;
  let order: Order;
  let invoice: Invoice;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildDocumentWorld(test);
    order = await committedOrder(test, world, [
      { product: world.drone, quantity: 4 },
      { product: world.goggles, quantity: 2 },
    ]);
    invoice = await issueInvoice(test, order.id);
  }, 180_000);
  afterAll(() => test.close());

  const trust = () => ({ caCertificatePems: [world.receiver.laptop.caCertificate], now: new Date(test.clock()) });
  const orderNow = async (id: string) => OrderSchema.parse((await adminCall(test, 'GET', `/v1/admin/orders/${id}`)).body);

  it('records a shortage: the invoice is received, the order partially delivered with the quantities that arrived', async () => {
    test.clock.advance(60_000);
    const receipt = receiptOf(invoice, world.receiver, { 1: { quantity: 3, discrepancy: { kind: 'damaged', note: 'один розбитий при транспортуванні' } } });
    const result = await pushOne(test, await receiptIntent(test, invoice, receipt, world.receiver), world.receiver);
    expect(result.status).toBe('applied');
    const received = InvoiceSchema.parse((result.result as { invoice: unknown }).invoice);
    expect(received).toMatchObject({ id: invoice.id, status: 'received', content: invoice.content, supplierSignature: invoice.supplierSignature });
    expect(received.receipt?.content).toEqual(receipt);
    expect(received.receipt?.signature.receivedAt).toBe(new Date(test.clock()).toISOString());
    const check = checkInvoice(received, trust());
    expect(check.receipt).toMatchObject({ slot: 'receiver', valid: true, signer: { kind: 'person', name: world.receiver.fullName, unitNumber: 'А4271' } });

    const current = await orderNow(order.id);
    expect(current.status).toBe('partially_delivered');
    expect(current.lines.map((l) => [l.quantity, l.deliveredQuantity])).toEqual([
      [4, 3],
      [2, 2],
    ]);
    expect(current.timeline.at(-1)).toEqual({
      status: 'partially_delivered',
      at: new Date(test.clock()).toISOString(),
      actor: 'unit',
      note: `Invoice ${invoice.number} received with discrepancies: DZ-10 received 3 of 4 (damaged: один розбитий при транспортуванні)`,
    });
    expect(readRows(test.dataDir, 'SELECT position, received_quantity FROM invoice_lines WHERE invoice_id = ? ORDER BY position', invoice.id)).toEqual([
      { position: 1, received_quantity: 3 },
      { position: 2, received_quantity: 2 },
    ]);
    invoice = received;
  });

  it('publishes the received invoice and the order to every laptop of the unit', async () => {
    const pulled = await pullAll(test, world.orderer.laptop.accessToken, { documents: null, orders: null });
    const published = (pulled.changes.documents ?? []).map((change) => InvoiceSchema.parse((change as { data: unknown }).data));
    expect(published).toEqual([invoice]);
    const orders = (pulled.changes.orders ?? []).map((change) => OrderSchema.parse((change as { data: unknown }).data));
    expect(orders.find((o) => o.id === order.id)?.status).toBe('partially_delivered');
  });

  it('keeps the receiver’s PDF signatures: the rebuilt PDF carries the supplier’s and the receiver’s, both valid', async () => {
    for (const language of ['uk', 'en'] as const) {
      const base = await renderDocumentPdf({ kind: 'invoice', content: invoice.content }, language);
      const pdf = assembleSignedPdf(base, [
        { reason: pdfSignatureReasons.supplier, cms: Buffer.from(invoice.supplierSignature.pdf[language], 'base64') },
        { reason: pdfSignatureReasons.receiver, cms: Buffer.from(invoice.receipt?.signature.pdf[language] ?? '', 'base64') },
      ]);
      const signatures = readPdfSignatures(pdf);
      expect(signatures.map((s) => s.reason)).toEqual([pdfSignatureReasons.supplier, pdfSignatureReasons.receiver]);
      const receiver = verifySignature(signatures[1]?.signedBytes as Buffer, signatures[1]?.cms as Buffer, { ...trust(), requiredRole: 'receiver' });
      expect(receiver.signer).toMatchObject({ kind: 'person', personId: world.receiver.personId });
    }
  });

  it('answers the same signed receipt again with the invoice as it stands, and refuses a different one', async () => {
    const before = documentState(test);
    const receipt = invoice.receipt?.content as ReceiptContent;
    const sameSignature = { ...(await receiptIntent(test, invoice, receipt, world.receiver)), signature: invoice.receipt?.signature.cms as string };
    const again = await pushOne(test, sameSignature, world.receiver);
    expect(again.status).toBe('applied');
    expect((again.result as { invoice: Invoice }).invoice).toEqual(invoice);

    const other = receiptOf(invoice, world.colleague);
    const refused = await pushOne(test, await receiptIntent(test, invoice, other, world.colleague), world.colleague);
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'invoice.already_received', params: { number: invoice.number, receivedBy: 'receiver.a' } } });
    expect(documentState(test)).toEqual(before);
  });

  it('delivers the order when the shortfall arrives on the next invoice', async () => {
    const next = await issueInvoice(test, order.number);
    expect(next.content.lines.map((l) => [l.sku, l.quantity])).toEqual([['DZ-10', 1]]);
    const result = await pushOne(test, await receiptIntent(test, next, receiptOf(next, world.colleague), world.colleague), world.colleague);
    expect(result.status).toBe('applied');
    const current = await orderNow(order.id);
    expect(current.status).toBe('delivered');
    expect(current.lines.map((l) => l.deliveredQuantity)).toEqual([4, 2]);
    expect(current.timeline.at(-1)?.note).toBe(`Invoice ${next.number} received in full`);
  });

  describe('refuses, changing nothing', () => {
    let fresh: Invoice;

    beforeAll(async () => {
      const another = await committedOrder(test, world, [{ product: world.drone, quantity: 2 }]);
      fresh = await issueInvoice(test, another.id);
    });

    const refusal = async (sent: Awaited<ReturnType<typeof receiptIntent>>, sender = world.receiver) => {
      const before = documentState(test);
      const result = await pushOne(test, sent, sender);
      expect(documentState(test)).toEqual(before);
      return result.status === 'rejected' ? result.reason : { code: result.status };
    };
    const line = (receipt: ReceiptContent, patch: Partial<ReceiptContent['lines'][number]>): ReceiptContent => ({
      ...receipt,
      lines: receipt.lines.map((l, i) => (i === 0 ? { ...l, ...patch } : l)),
    });

    it('a received quantity above the shipped one, or below zero, or short with no discrepancy', async () => {
      const receipt = receiptOf(fresh, world.receiver);
      for (const bad of [
        line(receipt, { receivedQuantity: 3 }),
        line(receipt, { receivedQuantity: -1, discrepancy: { kind: 'short', note: '' } }),
        line(receipt, { receivedQuantity: 1, discrepancy: null }),
      ]) {
        expect(await refusal(await receiptIntent(test, fresh, bad, world.receiver))).toMatchObject({ code: 'sync.invalid_payload' });
      }
    });

    it('a receipt of another version of the invoice, or of other lines', async () => {
      const receipt = receiptOf(fresh, world.receiver);
      expect(await refusal(await receiptIntent(test, fresh, { ...receipt, invoiceDigest: '0'.repeat(64) }, world.receiver))).toMatchObject({
        code: 'invoice.digest_mismatch',
      });
      expect(await refusal(await receiptIntent(test, fresh, line(receipt, { shippedQuantity: 3, receivedQuantity: 3 }), world.receiver))).toMatchObject({
        code: 'invoice.lines_mismatch',
      });
      expect(await refusal(await receiptIntent(test, fresh, line(receipt, { productId: world.goggles.id }), world.receiver))).toMatchObject({
        code: 'invoice.lines_mismatch',
      });
    });

    it('a signature by someone who is not a receiver, or not the receiver the receipt names, or of another unit', async () => {
      const byOrderer = receiptOf(fresh, world.orderer);
      expect(await refusal(await receiptIntent(test, fresh, byOrderer, world.orderer), world.orderer)).toMatchObject({ code: 'invoice.signer_not_receiver' });
      const namesColleague = receiptOf(fresh, world.colleague);
      expect(await refusal(await receiptIntent(test, fresh, namesColleague, world.receiver))).toMatchObject({ code: 'invoice.signer_not_author' });
      const stranger = receiptOf(fresh, world.otherReceiver);
      expect(await refusal(await receiptIntent(test, fresh, stranger, world.otherReceiver), world.otherReceiver)).toMatchObject({ code: 'invoice.not_found' });
    });

    it('a receipt changed after signing, a PDF signature that is not of the invoice, no signature at all', async () => {
      const receipt = receiptOf(fresh, world.receiver);
      const changed = await receiptIntent(test, fresh, receipt, world.receiver, { sent: line(receipt, { receivedQuantity: 1, discrepancy: { kind: 'short', note: '' } }) });
      expect(await refusal(changed)).toMatchObject({ code: 'invoice.bad_signature', params: { problem: 'digest_mismatch' } });
      const good = await receiptIntent(test, fresh, receipt, world.receiver);
      const pdf = (good.payload as { signature: { pdf: { uk: string; en: string } } }).signature.pdf;
      const swapped = { ...good, payload: { receipt, signature: { pdf: { uk: pdf.en, en: pdf.uk } } } };
      expect(await refusal(swapped)).toMatchObject({ code: 'invoice.bad_signature', params: { problem: 'pdf_mismatch', language: 'uk' } });
      const { signature: _signature, ...unsigned } = good;
      expect(await refusal({ ...unsigned, id: uuidv7() })).toMatchObject({ code: 'sync.signature_required' });
    });
  });
});
