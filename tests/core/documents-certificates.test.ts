import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificateDigest } from '@shared/node/documents';
import { canonicalJsonBytes, verifySignature } from '@shared/node/signing';
import { CertificateSignPayloadSchema, type Invoice } from '@shared/service/documents';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import { pass } from '../faults/support/fault-proxy';
import { enrolThroughProxy, startWorld, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { missing, PDFSIG, pdfsig } from '../shared/pdf/helpers';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs } from './support/fixtures';
import { caOf, committedOrder, DEMO_UNIT, notificationsSince, offline, outboxOf, receiveInFull } from './documents-fixtures';

/**
 * Acceptance certificates (issue 6, item 3): the supplier draws one up from
 * the unit's signed invoices and signs it; the commander's laptop checks
 * every listed invoice against its own copies and signs second, offline if
 * need be; the agency signs third and pays; the orders close. A
 * certificate that lists an invoice the unit never signed is refused.
 */

let world: SyncWorld;
/** The receiver (and orderer) of unit А4271. */
let receiver: EnrolledCore;
/** Its commander, on a laptop of their own. */
let commander: EnrolledCore;

beforeAll(async () => {
  world = await startWorld();
  receiver = await enrolThroughProxy(world);
  commander = await enrolThroughProxy(world, {}, await world.service.provision({ unitNumber: DEMO_UNIT, roles: ['commander'], fullName: 'Мельник Тарас Богданович' }));
  await ok(receiver.t.core, 'syncNow');
  await ok(commander.t.core, 'syncNow');
});

afterEach(() => {
  world.proxy.rule = pass;
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

const today = (): string => kyivDate(world.service.now());
const period = () => ({ from: `${today().slice(0, 8)}01`, to: today() });

/** An order the supplier delivered in full and the receiver signed for, synced; its invoice. */
async function receivedInvoice(sku: string, quantity: number): Promise<{ orderId: string; invoice: Invoice }> {
  const orderId = await committedOrder(world, receiver, [{ sku, quantity }]);
  const invoice = await world.service.issueInvoice(orderId);
  await ok(receiver.t.core, 'syncNow');
  await receiveInFull(receiver, invoice.id);
  await ok(receiver.t.core, 'syncNow');
  return { orderId, invoice };
}

describe('acceptance certificates', () => {
  it('the commander checks and signs second, offline; the agency signs third and pays; the order closes', async () => {
    const { orderId, invoice } = await receivedInvoice('VZ-10U', 2);
    const issued = await world.service.issueCertificate({ unitNumber: DEMO_UNIT, supplierId: invoice.supplierId, period: period(), invoiceIds: [invoice.id] });
    const mark = commander.t.events.length;
    await ok(commander.t.core, 'syncNow');
    expect(notificationsSince(commander, mark).filter((n) => n.kind === 'document')).toEqual([
      { kind: 'document', document: 'certificate', id: issued.id, number: issued.number, supplierName: issued.content.supplier.name, status: 'issued' },
    ]);
    expect((await ok(commander.t.core, 'certificateList'))[0]).toMatchObject({ id: issued.id, status: 'issued', awaitingUnit: true, invoiceCount: 1 });

    // The receiver sees it, and may not sign it.
    await ok(receiver.t.core, 'syncNow');
    expect(await ok(receiver.t.core, 'certificateGet', { id: issued.id })).toMatchObject({ canSign: false, signBlockedBy: 'role_missing' });
    await fails(receiver.t.core, 'certificateSigningPreview', { id: issued.id }, 'certificate.role_missing');

    world.proxy.rule = offline;
    const detail = await ok(commander.t.core, 'certificateGet', { id: issued.id });
    expect(detail).toMatchObject({ canSign: true, signBlockedBy: null, paidAt: null, totalKopiykas: invoice.content.totalKopiykas });
    expect(detail.signatures).toMatchObject({ supplier: { slot: 'supplier', valid: true, signer: { kind: 'organisation' } }, unit: null, agency: null });
    expect(detail.invoices).toEqual([{ invoiceId: invoice.id, number: invoice.number, acceptedKopiykas: invoice.content.totalKopiykas, problem: null }]);

    const preview = await ok(commander.t.core, 'certificateSigningPreview', { id: issued.id });
    expect(preview).toMatchObject({ id: issued.id, kind: 'certificate', receipt: null, certificate: issued.content, digest: certificateDigest(issued.content) });
    expect(preview.canonicalJson).toBe(canonicalJsonBytes(issued.content).toString('utf8'));
    const signed = await ok(commander.t.core, 'certificateSign', { id: issued.id, digest: preview.digest, passphrase: PASSPHRASE });
    expect(signed).toMatchObject({ status: 'signed', pending: true, awaitingUnit: false, canSign: false });
    expect(signed.signatures.unit).toMatchObject({ slot: 'commander', valid: true, signer: { kind: 'person', name: 'Мельник Тарас Богданович' } });
    const [intent, ...more] = outboxOf(commander, 'certificate.sign');
    expect(more).toEqual([]);
    const payload = CertificateSignPayloadSchema.parse(JSON.parse(intent!.payload));
    expect(payload).toMatchObject({ certificateId: issued.id, contentDigest: preview.digest });
    verifySignature(canonicalJsonBytes(issued.content), Buffer.from(intent!.signature!, 'base64'), { caCertificatePems: [caOf(commander)], requiredRole: 'commander' });
    await fails(commander.t.core, 'certificateSign', { id: issued.id, digest: preview.digest, passphrase: PASSPHRASE }, 'certificate.already_signed');
    expect(outboxOf(commander, 'certificate.sign')).toHaveLength(1);

    world.proxy.rule = pass;
    const back = commander.t.events.length;
    expect(await ok(commander.t.core, 'syncNow')).toMatchObject({ pendingIntents: 0, needsAttention: 0 });
    expect(await ok(commander.t.core, 'certificateGet', { id: issued.id })).toMatchObject({ status: 'unit_signed', pending: false, signatures: { unit: { valid: true } } });
    expect(notificationsSince(commander, back)).toEqual([]);

    await world.service.certificateAction(issued.id, 'agency_sign');
    await ok(commander.t.core, 'syncNow');
    const complete = await ok(commander.t.core, 'certificateGet', { id: issued.id });
    expect(complete).toMatchObject({ status: 'complete', signatures: { supplier: { valid: true }, unit: { valid: true }, agency: { slot: 'agency', valid: true, signer: { kind: 'organisation', roles: ['agency'] } } } });

    await world.service.certificateAction(issued.id, 'pay');
    await ok(commander.t.core, 'syncNow');
    expect(await ok(commander.t.core, 'certificateGet', { id: issued.id })).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    // The order closing is the order's news (order_status); the certificate's own moves are these.
    expect(notificationsSince(commander, back).flatMap((n) => (n.kind === 'document' ? [[n.document, n.status]] : []))).toEqual([
      ['certificate', 'complete'],
      ['certificate', 'paid'],
    ]);
    expect((await world.service.orders(DEMO_UNIT)).find((order) => order.id === orderId)?.status).toBe('closed');
    await ok(receiver.t.core, 'syncNow');
    expect(await ok(receiver.t.core, 'orderGet', { id: orderId })).toMatchObject({ status: 'closed' });
    expect(await ok(receiver.t.core, 'invoiceGet', { id: invoice.id })).toMatchObject({ status: 'certified' });

    // The exported PDF carries the three signatures, each valid, here and in poppler's pdfsig.
    for (const language of ['uk', 'en'] as const) {
      const file = await ok(commander.t.core, 'documentExport', { kind: 'certificate', id: issued.id, format: 'pdf', language });
      expect(file).toMatchObject({ fileName: `${issued.number}.pdf`, mimeType: 'application/pdf' });
      const report = await ok(commander.t.core, 'documentCheck', { files: [{ name: file.fileName, base64: file.base64 }] });
      expect(report).toMatchObject({ format: 'pdf', documentKind: 'certificate', documentNumber: issued.number });
      expect(report.signatures.map((verdict) => [verdict.slot, verdict.valid, verdict.problem])).toEqual([
        ['supplier', true, null],
        ['commander', true, null],
        ['agency', true, null],
      ]);
      if (missing(PDFSIG)) continue;
      const checked = pdfsig(Buffer.from(file.base64, 'base64'));
      expect(checked.signatures.map((signature) => signature.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);
      expect(checked.signatures.at(-1)?.totalDocument).toBe(true);
    }
  });

  it('a certificate listing an invoice the unit never signed is refused, with the mismatch listed', async () => {
    const { invoice: received } = await receivedInvoice('VZ-7U', 1);
    const orderId = await committedOrder(world, receiver, [{ sku: 'VZ-13H', quantity: 1 }]);
    const unsigned = await world.service.issueInvoice(orderId);
    const careless = await world.service.uncheckedCertificate({
      unitNumber: DEMO_UNIT,
      supplierId: received.supplierId,
      period: period(),
      invoiceIds: [received.id, unsigned.id],
    });
    await ok(commander.t.core, 'syncNow');
    world.proxy.rule = offline;

    const detail = await ok(commander.t.core, 'certificateGet', { id: careless.id });
    expect(detail).toMatchObject({ awaitingUnit: true, canSign: false, signBlockedBy: 'invoices_mismatch', signatures: { supplier: { valid: true } } });
    expect(detail.invoices.map((check) => [check.number, check.problem])).toEqual([
      [received.number, null],
      [unsigned.number, 'not_received_by_unit'],
    ]);
    const refusal = await fails(commander.t.core, 'certificateSigningPreview', { id: careless.id }, 'certificate.invoices_mismatch');
    expect(refusal.params).toEqual({ count: 1 });
    await fails(commander.t.core, 'certificateSign', { id: careless.id, digest: certificateDigest(careless.content), passphrase: PASSPHRASE }, 'certificate.invoices_mismatch');
    expect(outboxOf(commander, 'certificate.sign').filter((intent) => intent.entity_id === careless.id)).toEqual([]);
    expect(await ok(commander.t.core, 'certificateGet', { id: careless.id })).toMatchObject({ status: 'issued', pending: false });
  });
});
