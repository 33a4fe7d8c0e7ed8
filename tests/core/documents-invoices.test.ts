import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, verifySignature } from '@shared/node/signing';
import { InvoiceSignPayloadSchema, type Invoice } from '@shared/service/documents';
import { pass } from '../faults/support/fault-proxy';
import { enrolThroughProxy, startWorld, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, startCore } from './support/fixtures';
import { ManualClock } from './support/manual-clock';
import { caOf, committedOrder, notificationsSince, offline, outboxOf, productId, receiveInFull } from './documents-fixtures';

/**
 * Receiving an expenditure invoice (issue 6, item 2) with a real enrolled
 * receiver, the real reference service on loopback and the supplier's real
 * signature: the invoice arrives, the laptop goes offline, the receiver
 * signs what actually arrived, and the service learns it on the next sync.
 */

let world: SyncWorld;
let a: EnrolledCore;

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world);
  await ok(a.t.core, 'syncNow');
});

afterEach(() => {
  world.proxy.rule = pass;
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

/** An invoice the supplier issued for all of a committed order, pulled by the laptop. */
async function issuedInvoice(lines: ReadonlyArray<{ sku: string; quantity: number }>): Promise<{ orderId: string; invoice: Invoice }> {
  const orderId = await committedOrder(world, a, lines);
  const invoice = await world.service.issueInvoice(orderId);
  await ok(a.t.core, 'syncNow');
  return { orderId, invoice };
}

describe('receiving an invoice', () => {
  it('the issue\'s path: offline, the receiver signs a shortage; the order counts it at once, and the service after sync', async () => {
    const orderId = await committedOrder(world, a, [
      { sku: 'VZ-10U', quantity: 4 },
      { sku: 'VZ-7U', quantity: 2 },
    ]);
    const invoice = await world.service.issueInvoice(orderId);
    const mark = a.t.events.length;
    await ok(a.t.core, 'syncNow');
    expect(notificationsSince(a, mark).filter((n) => n.kind === 'document')).toEqual([
      { kind: 'document', document: 'invoice', id: invoice.id, number: invoice.number, supplierName: invoice.content.supplier.name, status: 'issued' },
    ]);
    const [first] = await ok(a.t.core, 'invoiceList');
    expect(first).toMatchObject({ id: invoice.id, number: invoice.number, orderId, status: 'issued', awaitingUnit: true, pending: false, lineCount: 2 });

    world.proxy.rule = offline;
    const detail = await ok(a.t.core, 'invoiceGet', { id: invoice.id });
    expect(detail).toMatchObject({ canReceive: true, receiveBlockedBy: null, receipt: null });
    expect(detail.supplierSignature).toMatchObject({ slot: 'supplier', valid: true, problem: null, signer: { kind: 'organisation', edrpou: invoice.content.supplier.edrpou } });
    expect(detail.content.lines.map((line) => [line.sku, line.quantity])).toEqual([
      ['VZ-10U', 4],
      ['VZ-7U', 2],
    ]);
    expect(detail.content.vatNote).toMatch(/ПДВ/u);

    const short = { kind: 'short' as const, note: 'Один дрон не надійшов' };
    const preview = await ok(a.t.core, 'invoiceReceiptPreview', {
      id: invoice.id,
      lines: [
        { position: 1, receivedQuantity: 3, discrepancy: short },
        { position: 2, receivedQuantity: 2, discrepancy: null },
      ],
    });
    expect(preview).toMatchObject({ id: invoice.id, kind: 'receipt', certificate: null, passphraseRequired: true, budget: null });
    expect(preview.receipt).toMatchObject({
      schema: 'qm.receipt/1',
      invoiceId: invoice.id,
      invoiceDigest: createHash('sha256').update(canonicalJsonBytes(invoice.content)).digest('hex'),
      unit: { number: a.officer.unitNumber },
      receivedBy: { username: a.officer.username, fullName: a.officer.fullName },
      receivedAt: new Date(a.t.clock.now()).toISOString(),
      lines: [
        { position: 1, productId: productId(a, 'VZ-10U'), shippedQuantity: 4, receivedQuantity: 3, discrepancy: short },
        { position: 2, productId: productId(a, 'VZ-7U'), shippedQuantity: 2, receivedQuantity: 2, discrepancy: null },
      ],
    });
    expect(preview.canonicalJson).toBe(canonicalize(preview.receipt));
    expect(preview.digest).toBe(createHash('sha256').update(preview.canonicalJson, 'utf8').digest('hex'));

    await fails(a.t.core, 'invoiceSign', { id: invoice.id, digest: '0'.repeat(64), passphrase: PASSPHRASE }, 'document.content_changed');
    await fails(a.t.core, 'invoiceSign', { id: invoice.id, digest: preview.digest }, 'signing.passphrase_required');
    const signed = await ok(a.t.core, 'invoiceSign', { id: invoice.id, digest: preview.digest, passphrase: PASSPHRASE });
    expect(signed).toMatchObject({ status: 'signed', awaitingUnit: false, pending: true, canReceive: false, receiveBlockedBy: null });
    expect(signed.receipt?.content).toEqual(preview.receipt);
    expect(signed.receipt?.signature).toMatchObject({ slot: 'receiver', valid: true, signer: { kind: 'person', name: a.officer.fullName } });

    // Committed with its signature before the answer came: read from a second connection.
    const [intent, ...more] = outboxOf(a, 'invoice.sign');
    expect(more).toEqual([]);
    expect(intent).toMatchObject({ entity_id: invoice.id, state: 'pending' });
    const payload = InvoiceSignPayloadSchema.parse(JSON.parse(intent!.payload));
    expect(payload.receipt).toEqual(preview.receipt);
    const verified = verifySignature(canonicalJsonBytes(payload.receipt), Buffer.from(intent!.signature!, 'base64'), { caCertificatePems: [caOf(a)], requiredRole: 'receiver' });
    expect(verified.signer).toMatchObject({ kind: 'person', username: a.officer.username });

    // The order counts what arrived at once, offline.
    const order = await ok(a.t.core, 'orderGet', { id: orderId });
    expect(order.status).toBe('partially_delivered');
    expect(order.lines.map((line) => [line.sku, line.delivered, line.outstanding])).toEqual([
      ['VZ-10U', 3, 1],
      ['VZ-7U', 2, 0],
    ]);
    expect((await ok(a.t.core, 'orderList', {})).find((summary) => summary.id === orderId)?.status).toBe('partially_delivered');

    // Signing the same invoice twice is refused, and nothing more is queued.
    await fails(a.t.core, 'invoiceReceiptPreview', { id: invoice.id, lines: preview.receipt!.lines.map(({ position, receivedQuantity, discrepancy }) => ({ position, receivedQuantity, discrepancy })) }, 'invoice.already_received');
    await fails(a.t.core, 'invoiceSign', { id: invoice.id, digest: preview.digest, passphrase: PASSPHRASE }, 'invoice.already_received');
    expect(outboxOf(a, 'invoice.sign')).toHaveLength(1);
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ online: false, pendingIntents: 1 });

    world.proxy.rule = pass;
    const back = a.t.events.length;
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ online: true, pendingIntents: 0, needsAttention: 0 });
    expect(await ok(a.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'received', pending: false, receipt: { signature: { valid: true } } });
    const onService = (await world.service.invoices(a.officer.unitNumber)).find((candidate) => candidate.id === invoice.id);
    expect(onService?.status).toBe('received');
    expect(onService?.receipt?.content.lines.map((line) => [line.receivedQuantity, line.discrepancy?.kind ?? null])).toEqual([
      [3, 'short'],
      [2, null],
    ]);
    const serviceOrder = (await world.service.orders(a.officer.unitNumber)).find((candidate) => candidate.id === orderId);
    expect(serviceOrder?.status).toBe('partially_delivered');
    expect(serviceOrder?.lines.map((line) => line.deliveredQuantity)).toEqual([3, 2]);
    const after = await ok(a.t.core, 'orderGet', { id: orderId });
    expect(after).toMatchObject({ status: 'partially_delivered', pending: false });
    expect(after.lines.map((line) => line.delivered)).toEqual([3, 2]);
    // The laptop's own receipt arriving back is not news; the order moving on is the order's.
    expect(notificationsSince(a, back).filter((n) => n.kind === 'document')).toEqual([]);
    expect(a.local.count('receipt_signed')).toBe(0);
  });

  it('refuses a received quantity above the shipped one or below zero, a missing or doubled line, and a shortfall without a reason', async () => {
    const { invoice } = await issuedInvoice([{ sku: 'DZ-7', quantity: 3 }]);
    const preview = (lines: unknown) => a.t.core.dispatch('invoiceReceiptPreview', { id: invoice.id, lines });
    const codeOf = async (lines: unknown) => {
      const envelope = await preview(lines);
      return envelope.ok ? 'ok' : envelope.error.code;
    };
    expect(await codeOf([{ position: 1, receivedQuantity: 4, discrepancy: null }])).toBe('invoice.bad_receipt');
    expect(await codeOf([{ position: 1, receivedQuantity: -1, discrepancy: { kind: 'damaged', note: '' } }])).toBe('request.invalid');
    expect(await codeOf([{ position: 1, receivedQuantity: 2, discrepancy: null }])).toBe('invoice.bad_receipt');
    expect(await codeOf([{ position: 2, receivedQuantity: 3, discrepancy: null }])).toBe('invoice.bad_receipt');
    expect(
      await codeOf([
        { position: 1, receivedQuantity: 3, discrepancy: null },
        { position: 1, receivedQuantity: 3, discrepancy: null },
      ]),
    ).toBe('invoice.bad_receipt');
    await fails(a.t.core, 'invoiceReceiptPreview', { id: crypto.randomUUID(), lines: [{ position: 1, receivedQuantity: 1, discrepancy: null }] }, 'invoice.not_found');
    // Nothing was prepared, nothing queued: the invoice still awaits the unit.
    expect(a.local.count('receipt_prepared')).toBe(0);
    expect(outboxOf(a, 'invoice.sign').filter((intent) => intent.entity_id === invoice.id)).toEqual([]);
    expect(await ok(a.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'issued', awaitingUnit: true, canReceive: true });

    // Nothing arrived in usable order at all: zero, with the reason.
    const none = await ok(a.t.core, 'invoiceReceiptPreview', { id: invoice.id, lines: [{ position: 1, receivedQuantity: 0, discrepancy: { kind: 'damaged', note: 'Розбиті при перевезенні' } }] });
    expect(none.receipt?.lines[0]).toMatchObject({ shippedQuantity: 3, receivedQuantity: 0, discrepancy: { kind: 'damaged' } });
  });

  it('a receipt signed offline shows as signed after a restart, and goes out when the link returns', async () => {
    const { invoice } = await issuedInvoice([{ sku: 'VZ-13H', quantity: 1 }]);
    world.proxy.rule = offline;
    const lines = [{ position: 1, receivedQuantity: 1, discrepancy: null }];
    const preview = await ok(a.t.core, 'invoiceReceiptPreview', { id: invoice.id, lines });
    await ok(a.t.core, 'invoiceSign', { id: invoice.id, digest: preview.digest, passphrase: PASSPHRASE });
    await a.t.core.close();

    a = { ...a, t: startCore(a.t.dataDir, new ManualClock(Date.now())) };
    await ok(a.t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(a.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'signed', pending: true, receipt: { signature: { valid: true } } });
    world.proxy.rule = pass;
    await ok(a.t.core, 'syncNow');
    expect(await ok(a.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'received', pending: false });
  });

  it('only a receiver may sign, and never an invoice whose supplier signature does not verify', async () => {
    const { invoice } = await issuedInvoice([{ sku: 'VZ-10U', quantity: 1 }]);
    // The supplier's signature as the laptop holds it is damaged (a bit flipped in transit or on disk).
    a.local.read((db) => {
      const row = db.prepare('SELECT supplier_signature FROM invoices WHERE id = ?').pluck().get(invoice.id) as string;
      const signature = JSON.parse(row) as { cms: string };
      const bytes = Buffer.from(signature.cms, 'base64');
      bytes[bytes.length - 10]! ^= 0x01;
      db.prepare('UPDATE invoices SET supplier_signature = ? WHERE id = ?').run(JSON.stringify({ ...signature, cms: bytes.toString('base64') }), invoice.id);
    });
    const detail = await ok(a.t.core, 'invoiceGet', { id: invoice.id });
    expect(detail).toMatchObject({ awaitingUnit: true, canReceive: false, receiveBlockedBy: 'supplier_signature_invalid', supplierSignature: { valid: false } });
    const lines = [{ position: 1, receivedQuantity: 1, discrepancy: null }];
    const refusal = await fails(a.t.core, 'invoiceReceiptPreview', { id: invoice.id, lines }, 'invoice.supplier_signature_invalid');
    expect(refusal.params?.problem).toBe('bad_signature');
    expect(outboxOf(a, 'invoice.sign').filter((intent) => intent.entity_id === invoice.id)).toEqual([]);

    // A commander of the same unit (no receiver role) sees it, and may not sign it.
    const commander = await enrolThroughProxy(world, {}, await world.service.provision({ unitNumber: a.officer.unitNumber, roles: ['commander'] }));
    await ok(commander.t.core, 'syncNow');
    // A new laptop's first sync brings the unit's invoices as they stand: old news, no notifications.
    expect(commander.local.count('invoices')).toBeGreaterThan(0);
    expect(notificationsSince(commander, 0).filter((n) => n.kind === 'document')).toEqual([]);
    const { invoice: other } = await issuedInvoice([{ sku: 'VZ-7U', quantity: 1 }]);
    await ok(commander.t.core, 'syncNow');
    expect(await ok(commander.t.core, 'invoiceGet', { id: other.id })).toMatchObject({ canReceive: false, receiveBlockedBy: 'role_missing', supplierSignature: { valid: true } });
    await fails(commander.t.core, 'invoiceReceiptPreview', { id: other.id, lines }, 'invoice.role_missing');
  });

  it('of two receivers who signed the same invoice offline, the second is refused by the service and waits in "needs attention"', async () => {
    const b = await enrolThroughProxy(world, {}, await world.service.provision({ unitNumber: a.officer.unitNumber, roles: ['receiver'] }));
    const { invoice } = await issuedInvoice([{ sku: 'DZ-7', quantity: 2 }]);
    await ok(b.t.core, 'syncNow');
    world.proxy.rule = offline;
    await receiveInFull(a, invoice.id);
    await receiveInFull(b, invoice.id);

    world.proxy.rule = pass;
    await ok(a.t.core, 'syncNow');
    expect(await ok(b.t.core, 'syncNow')).toMatchObject({ pendingIntents: 0, needsAttention: 1 });
    const [item] = await ok(b.t.core, 'attentionList');
    expect(item).toMatchObject({ type: 'invoice.sign', entityId: invoice.id, entityLabel: invoice.number, reason: { code: 'invoice.already_received' } });
    // The service's receipt (a's) is what the invoice shows; b's own copy gave way to it.
    const shown = await ok(b.t.core, 'invoiceGet', { id: invoice.id });
    expect(shown).toMatchObject({ status: 'received', pending: false, attention: true, receipt: { content: { receivedBy: { username: a.officer.username } } } });
    await ok(b.t.core, 'attentionDiscard', { intentId: item!.intentId });
    expect(await ok(b.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'received', attention: false });
    expect((await world.service.invoices(a.officer.unitNumber)).filter((candidate) => candidate.id === invoice.id)).toHaveLength(1);
  });
});
