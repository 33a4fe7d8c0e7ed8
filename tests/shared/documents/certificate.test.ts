import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate, invoiceDigest, receiptDigest } from '@shared/node/documents';
import type { AcceptanceCertificate, Invoice } from '@shared/service/documents';
import { T0, UNIT, type Organisation, type Person } from '../signing/fixtures';
import { byId, createWorld, drawUpCertificate, edrpou, id, invoiceContent, issueInvoice, receiveInvoice, signCertificate, type World } from './fixtures';

/**
 * checkCertificate as the commander's laptop runs it before offering to
 * sign: the three slots, and every listed invoice against the unit's own
 * copy. Each way a certificate can be wrong shows up as the reason the
 * commander would read, and signing is not offered.
 */

const DAY = 24 * 3600_000;
const OTHER_UNIT = { id: id(0x50, 2), number: 'В7777', name: '47-ма окрема механізована бригада' };

describe('checkCertificate', () => {
  let world: World;
  let invoices: Invoice[];
  let certificate: AcceptanceCertificate;
  let otherUnitCommander: Person;
  let expiredCommander: Person;
  let foreignAgency: Organisation;

  beforeAll(async () => {
    world = await createWorld();
    invoices = [1, 2, 3].map((n) => receiveInvoice(issueInvoice(world, n), world.receiver, n === 2 ? { received: [1] } : {}));
    certificate = drawUpCertificate(world, invoices);
    otherUnitCommander = world.fx.person({ username: 'other-commander', roles: ['commander'], unit: OTHER_UNIT });
    expiredCommander = world.fx.person({ username: 'old-commander', roles: ['commander'], nowMs: T0 - 400 * DAY });
    foreignAgency = world.fx.organisation({ ...world.agency.identity, ca: world.fx.otherCa });
  });
  afterAll(() => world.close());

  const check = (cert: AcceptanceCertificate, local: readonly Invoice[] = invoices, trust = world.trust) => checkCertificate(cert, byId(local), trust, UNIT.id);
  const problems = (cert: AcceptanceCertificate, local?: readonly Invoice[]) => check(cert, local).invoices.map((i) => i.problem);

  it('offers to sign a certificate that lists exactly the unit’s received invoices', () => {
    const checked = check(certificate);
    expect(checked.signatures.supplier).toMatchObject({ slot: 'supplier', valid: true, signer: { kind: 'organisation', roles: ['supplier'] } });
    expect(checked.signatures.unit).toBeNull();
    expect(checked.signatures.agency).toBeNull();
    expect(checked.invoices).toEqual(
      certificate.content.invoices.map((ref) => ({ invoiceId: ref.invoiceId, number: ref.number, acceptedKopiykas: ref.acceptedKopiykas, problem: null })),
    );
    expect(checked.problem).toBeNull();
    expect(checked.signable).toBe(true);
  });

  it('shows all three signatures once the commander and the agency signed, and no longer offers to sign', () => {
    const unitSigned = signCertificate(certificate, 'unit', world.commander.signer);
    const complete = signCertificate(unitSigned, 'agency', world.agency.signer);
    const checked = check(complete);
    expect(checked.signatures.unit).toMatchObject({ slot: 'commander', valid: true, signer: { kind: 'person', roles: ['commander'], unitNumber: UNIT.number } });
    expect(checked.signatures.agency).toMatchObject({ slot: 'agency', valid: true, signer: { kind: 'organisation', roles: ['agency'] } });
    expect(checked.signable).toBe(false);
    expect(check(unitSigned).signable).toBe(false);
  });

  describe('an invoice swapped inside the certificate', () => {
    it('refuses a different invoice under a listed id (the unit holds another version)', () => {
      const content = invoiceContent(2, world.supplier);
      content.lines[0]!.name = 'FPV-дрон ударний 7"';
      const otherVersion = receiveInvoice(issueInvoice(world, 2, { content }), world.receiver);
      const local = [invoices[0]!, otherVersion, invoices[2]!];
      expect(problems(certificate, local)).toEqual([null, 'invoice_digest_mismatch', null]);
      expect(check(certificate, local).signable).toBe(false);
    });

    it('refuses a listed invoice digest that does not match the unit’s invoice, though the supplier signed the list', () => {
      const swapped = drawUpCertificate(world, invoices, {
        edit: (content) => {
          content.invoices[1]!.invoiceDigest = invoiceDigest(invoiceContent(42, world.supplier));
        },
      });
      expect(check(swapped).signatures.supplier.valid).toBe(true);
      expect(problems(swapped)).toEqual([null, 'invoice_digest_mismatch', null]);
    });

    it('refuses a listed receipt digest that is not the unit’s receipt', () => {
      const swapped = drawUpCertificate(world, invoices, {
        edit: (content) => {
          content.invoices[0]!.receiptDigest = receiptDigest(invoices[1]!.receipt!.content);
        },
      });
      expect(problems(swapped)).toEqual(['receipt_digest_mismatch', null, null]);
    });

    it('refuses a certificate changed after the supplier signed it', () => {
      const changed = structuredClone(certificate);
      changed.content.invoices.pop();
      changed.content.totalKopiykas = changed.content.invoices.reduce((sum, ref) => sum + ref.acceptedKopiykas, 0);
      const checked = check(changed);
      expect(checked.signatures.supplier).toMatchObject({ valid: false, problem: 'digest_mismatch' });
      expect(checked.signable).toBe(false);
    });
  });

  it('refuses invoices the laptop does not have, the unit never signed, or listed twice', () => {
    expect(problems(certificate, [invoices[0]!, invoices[2]!])).toEqual([null, 'not_present', null]);

    const unsigned = issueInvoice(world, 7);
    const listed = drawUpCertificate(world, [...invoices, receiveInvoice(unsigned, world.receiver)]);
    expect(problems(listed, [...invoices, unsigned])).toEqual([null, null, null, 'not_received_by_unit']);

    const twice = drawUpCertificate(world, [...invoices, invoices[0]!]);
    expect(problems(twice)).toEqual([null, null, null, 'duplicate']);
    expect(check(twice).signable).toBe(false);
  });

  it("refuses another unit's or another supplier's invoice", () => {
    const theirs = receiveInvoice(issueInvoice(world, 8, { content: invoiceContent(8, world.supplier, OTHER_UNIT) }), world.fx.person({ username: 'their-receiver', roles: ['receiver'], unit: OTHER_UNIT }));
    expect(problems(drawUpCertificate(world, [...invoices, theirs]), [...invoices, theirs])).toEqual([null, null, null, 'other_unit']);

    const otherSupplier = world.fx.organisation({ kind: 'supplier', name: 'ТОВ «Інший постачальник»', edrpou: edrpou('3987654') });
    const foreign = receiveInvoice(issueInvoice(world, 9, { content: invoiceContent(9, otherSupplier), by: otherSupplier }), world.receiver);
    expect(problems(drawUpCertificate(world, [...invoices, foreign]), [...invoices, foreign])).toEqual([null, null, null, 'other_supplier']);
  });

  it('refuses an accepted amount or a total that is not what the unit received', () => {
    const inflated = drawUpCertificate(world, invoices, {
      edit: (content) => {
        content.invoices[1]!.acceptedKopiykas += 1_000_000;
        content.totalKopiykas += 1_000_000;
      },
    });
    expect(problems(inflated)).toEqual([null, 'amount_mismatch', null]);

    const badTotal = drawUpCertificate(world, invoices, { edit: (content) => void (content.totalKopiykas += 1) });
    const checked = check(badTotal);
    expect(checked.problem).toBe('total_mismatch');
    expect(checked.signable).toBe(false);
  });

  it('refuses listed invoices whose own signatures do not hold', () => {
    // The supplier quotes the digests of what the unit holds, but what it holds was changed after signing.
    const tamperedInvoice = structuredClone(invoices[0]!);
    tamperedInvoice.content.handedOverBy[0]!.fullName = 'Хтось Інший';
    tamperedInvoice.receipt!.content.invoiceDigest = invoiceDigest(tamperedInvoice.content);
    const tamperedReceipt = structuredClone(invoices[1]!);
    tamperedReceipt.receipt!.content.receivedAt = new Date(T0).toISOString();
    const local = [tamperedInvoice, tamperedReceipt, invoices[2]!];
    const quoting = drawUpCertificate(world, local);
    expect(problems(quoting, local)).toEqual(['supplier_signature_invalid', 'receipt_signature_invalid', null]);
  });

  describe('signatures by the wrong signer', () => {
    it.each<[string, () => { signer: Parameters<typeof signCertificate>[2] }, 'unit' | 'agency', string]>([
      ['the receiver signing as commander', () => world.receiver, 'unit', 'role_missing'],
      ["another unit's commander", () => otherUnitCommander, 'unit', 'signer_mismatch'],
      ['the supplier in the unit slot', () => world.supplier, 'unit', 'role_missing'],
      ['a commander whose certificate expired before signing', () => expiredCommander, 'unit', 'not_valid_at_signing_time'],
      ['the commander in the agency slot', () => world.commander, 'agency', 'role_missing'],
      ['the supplier in the agency slot', () => world.supplier, 'agency', 'role_missing'],
      ['an agency certificate of another CA', () => foreignAgency, 'agency', 'untrusted_certificate'],
    ])('refuses %s', (_name, who, slot, problem) => {
      const signed = signCertificate(slot === 'agency' ? signCertificate(certificate, 'unit', world.commander.signer) : certificate, slot, who().signer);
      expect(check(signed).signatures[slot]).toMatchObject({ valid: false, problem });
    });

    it.each<[string, () => { signer: Parameters<typeof signCertificate>[2] }, string]>([
      ['a person (the commander)', () => world.commander, 'role_missing'],
      ['the agency', () => world.agency, 'role_missing'],
      ['another supplier', () => world.fx.organisation({ kind: 'supplier', name: 'ТОВ «Третій»', edrpou: edrpou('3111111') }), 'signer_mismatch'],
    ])('refuses %s in the supplier slot, and does not offer to sign', (_name, who, problem) => {
      const forged = drawUpCertificate(world, invoices, { by: who().signer });
      const checked = check(forged);
      expect(checked.signatures.supplier).toMatchObject({ valid: false, problem });
      expect(checked.signable).toBe(false);
    });

    it('refuses a revoked agency certificate', () => {
      const complete = signCertificate(signCertificate(certificate, 'unit', world.commander.signer), 'agency', world.agency.signer);
      const checked = check(complete, invoices, { ...world.trust, revokedSerials: new Set([world.agency.certificate.serial]) });
      expect(checked.signatures.agency).toMatchObject({ valid: false, problem: 'revoked' });
      expect(checked.signatures.unit?.valid).toBe(true);
    });

    it("refuses a listed invoice whose receiver's certificate was revoked", () => {
      const checked = check(certificate, invoices, { ...world.trust, revokedSerials: new Set([world.receiver.certificate.serial]) });
      expect(checked.invoices.map((i) => i.problem)).toEqual(['receipt_signature_invalid', 'receipt_signature_invalid', 'receipt_signature_invalid']);
      expect(checked.signable).toBe(false);
    });
  });

  it("is not this unit's certificate to sign when it names another unit", () => {
    const checked = checkCertificate(certificate, byId(invoices), world.trust, OTHER_UNIT.id);
    expect(checked.problem).toBe('other_unit');
    expect(checked.signable).toBe(false);
  });
});
