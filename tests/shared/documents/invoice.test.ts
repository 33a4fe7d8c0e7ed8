import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvoice, checkReceipt, invoiceDigest } from '@shared/node/documents';
import type { Invoice } from '@shared/service/documents';
import { T0, UNIT, type Organisation, type Person } from '../signing/fixtures';
import { createWorld, edrpou, id, invoiceContent, issueInvoice, receiptContent, receiveInvoice, type World } from './fixtures';

/**
 * checkInvoice as the receiver's laptop runs it before signing, and the
 * service when a receipt arrives: who signed, whether the content is what
 * they signed, and whether the receipt is of this invoice.
 */

const DAY = 24 * 3600_000;
const OTHER_UNIT = { id: id(0x50, 2), number: 'В7777', name: '47-ма окрема механізована бригада' };

describe('checkInvoice', () => {
  let world: World;
  let otherSupplier: Organisation;
  let expiredSupplier: Organisation;
  let foreignSupplier: Organisation;
  let otherUnitReceiver: Person;
  let orderer: Person;
  let invoice: Invoice;

  beforeAll(async () => {
    world = await createWorld();
    const { fx, supplier } = world;
    otherSupplier = fx.organisation({ kind: 'supplier', name: 'ТОВ «Інший постачальник»', edrpou: edrpou('3987654') });
    // The same supplier, but a certificate that expired 35 days before the signing time.
    expiredSupplier = fx.organisation({ ...supplier.identity, nowMs: T0 - 400 * DAY });
    // The same supplier as another CA would certify it.
    foreignSupplier = fx.organisation({ ...supplier.identity, ca: fx.otherCa });
    otherUnitReceiver = fx.person({ username: 'stranger', roles: ['receiver'], unit: OTHER_UNIT });
    orderer = fx.person({ username: 'orderer', roles: ['orderer'] });
    invoice = issueInvoice(world, 1);
  });
  afterAll(() => world.close());

  it("verifies the supplier's signature offline and names the supplier", () => {
    const checked = checkInvoice(invoice, world.trust);
    expect(checked).toEqual({
      supplier: {
        slot: 'supplier',
        valid: true,
        problem: null,
        signer: { kind: 'organisation', name: 'ТОВ «Небесний щит»', roles: ['supplier'], unitNumber: null, edrpou: world.supplier.identity.edrpou },
        signingTime: expect.any(String),
      },
      receipt: null,
      problem: null,
    });
  });

  it('refuses an invoice changed after the supplier signed it', () => {
    const changed = structuredClone(invoice);
    changed.content.lines[0]!.quantity += 1;
    changed.content.lines[0]!.totalKopiykas = changed.content.lines[0]!.quantity * changed.content.lines[0]!.unitPriceKopiykas;
    changed.content.totalKopiykas = changed.content.lines.reduce((sum, line) => sum + line.totalKopiykas, 0);
    const checked = checkInvoice(changed, world.trust);
    expect(checked.supplier).toMatchObject({ valid: false, problem: 'digest_mismatch', signer: null });
    expect(checked.problem).toBeNull();
  });

  it.each<[string, () => Parameters<typeof issueInvoice>[2], string]>([
    ['another supplier than the one the invoice names', () => ({ by: otherSupplier }), 'signer_mismatch'],
    ['the agency', () => ({ by: world.agency }), 'role_missing'],
    ['a person (the unit’s own receiver) in the supplier slot', () => ({ by: world.receiver }), 'role_missing'],
    ['a certificate that expired before the signing time', () => ({ by: expiredSupplier }), 'not_valid_at_signing_time'],
    ['a certificate of another CA', () => ({ by: foreignSupplier }), 'untrusted_certificate'],
  ])('refuses a supplier signature by %s', (_name, options, problem) => {
    const checked = checkInvoice(issueInvoice(world, 2, options()), world.trust);
    expect(checked.supplier).toMatchObject({ slot: 'supplier', valid: false, problem });
  });

  it('refuses a supplier whose ЄДРПОУ is not the one printed on the invoice', () => {
    const content = invoiceContent(3, world.supplier);
    content.supplier.edrpou = edrpou('3987654');
    expect(checkInvoice(issueInvoice(world, 3, { content }), world.trust).supplier.problem).toBe('signer_mismatch');
  });

  it('refuses a revoked supplier certificate', () => {
    const revokedSerials = new Set([world.supplier.certificate.serial]);
    expect(checkInvoice(invoice, { ...world.trust, revokedSerials }).supplier).toMatchObject({ valid: false, problem: 'revoked' });
  });

  it("reports wrong arithmetic, and a record that names another invoice than the signed content", () => {
    const content = invoiceContent(4, world.supplier);
    content.totalKopiykas += 100;
    const wrongTotal = issueInvoice(world, 4, { content });
    expect(checkInvoice(wrongTotal, world.trust)).toMatchObject({ supplier: { valid: true }, problem: 'total_mismatch' });
    const relabelled = { ...invoice, id: id(0x20, 99) };
    expect(checkInvoice(relabelled, world.trust).problem).toBe('document_mismatch');
  });

  describe("the unit's receipt", () => {
    it("verifies the receiver's signature with a shortfall noted", () => {
      const received = receiveInvoice(invoice, world.receiver, { received: [1] });
      const checked = checkInvoice(received, world.trust);
      expect(checked.supplier.valid).toBe(true);
      expect(checked.receipt).toMatchObject({
        slot: 'receiver',
        valid: true,
        problem: null,
        signer: { kind: 'person', name: world.receiver.fullName, roles: ['receiver'], unitNumber: UNIT.number, edrpou: null },
      });
    });

    it.each<[string, () => Person, string]>([
      ['the commander (no receiver role)', () => world.commander, 'role_missing'],
      ['an orderer', () => orderer, 'role_missing'],
      ["another unit's receiver", () => otherUnitReceiver, 'signer_mismatch'],
    ])('refuses a receipt signed by %s', (_name, who, problem) => {
      const signer = who();
      const received = receiveInvoice(invoice, signer);
      expect(checkInvoice(received, world.trust).receipt).toMatchObject({ valid: false, problem });
    });

    it('refuses a receipt signed by a supplier organisation', () => {
      const received = receiveInvoice(invoice, world.receiver, { by: world.supplier.signer });
      expect(checkInvoice(received, world.trust).receipt).toMatchObject({ valid: false, problem: 'role_missing' });
    });

    it('refuses a receipt signed by one receiver in the name of another', () => {
      const colleague = world.fx.person({ username: 'colleague', roles: ['receiver'] });
      const received = receiveInvoice(invoice, world.receiver, { by: colleague.signer });
      expect(checkInvoice(received, world.trust).receipt?.problem).toBe('signer_mismatch');
    });

    it('refuses a receipt changed after signing', () => {
      const received = receiveInvoice(invoice, world.receiver, { received: [1] });
      received.receipt!.content.lines[0]!.receivedQuantity = received.receipt!.content.lines[0]!.shippedQuantity;
      received.receipt!.content.lines[0]!.discrepancy = null;
      expect(checkInvoice(received, world.trust).receipt?.problem).toBe('digest_mismatch');
    });

    it('refuses a receipt of another version of the invoice (its digest differs)', () => {
      const content = receiptContent(invoice, world.receiver);
      content.invoiceDigest = invoiceDigest(invoiceContent(5, world.supplier));
      expect(checkInvoice(receiveInvoice(invoice, world.receiver, { content }), world.trust).receipt?.problem).toBe('receipt_mismatch');
    });

    it('refuses a receipt with more received than shipped, or with lines that are not the invoice’s', () => {
      const more = receiptContent(invoice, world.receiver);
      more.lines[0]!.receivedQuantity = more.lines[0]!.shippedQuantity + 1;
      expect(checkInvoice(receiveInvoice(invoice, world.receiver, { content: more }), world.trust).receipt?.problem).toBe('receipt_mismatch');

      const reordered = receiptContent(invoice, world.receiver);
      reordered.lines.reverse();
      expect(checkInvoice(receiveInvoice(invoice, world.receiver, { content: reordered }), world.trust).receipt?.problem).toBe('receipt_mismatch');

      const shippedMore = receiptContent(invoice, world.receiver);
      shippedMore.lines[1]!.shippedQuantity += 1;
      shippedMore.lines[1]!.receivedQuantity = shippedMore.lines[1]!.shippedQuantity;
      expect(checkInvoice(receiveInvoice(invoice, world.receiver, { content: shippedMore }), world.trust).receipt?.problem).toBe('receipt_mismatch');
    });

    it('judges an incoming receipt before it is attached, as the service does', () => {
      const content = receiptContent(invoice, world.receiver, [0, 1]);
      const incoming = receiveInvoice(invoice, world.receiver, { content }).receipt!;
      expect(checkReceipt(invoice, { content, signature: { cms: incoming.signature.cms } }, world.trust)).toMatchObject({ valid: true });
      const revokedSerials = new Set([world.receiver.certificate.serial]);
      expect(checkReceipt(invoice, incoming, { ...world.trust, revokedSerials })).toMatchObject({ valid: false, problem: 'revoked' });
    });
  });
});
