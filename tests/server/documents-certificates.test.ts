import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate } from '@shared/node/documents';
import { assembleSignedPdf, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf } from '@shared/node/pdf';
import { canonicalJsonBytes, verifySignature } from '@shared/node/signing';
import { AcceptanceCertificateSchema, InvoiceSchema, type AcceptanceCertificate, type Invoice } from '@shared/service/documents';
import type { Budget } from '@shared/service/catalogue';
import { OrderSchema, type Order } from '@shared/service/orders';
import { loadExistingAuthority } from '../../src-server/ca/authority';
import { findBudget } from '../../src-server/store/budgets';
import { issueCertificate as issueUnchecked } from '../../src-server/documents/certificate-issue';
import { OrganisationKeyring } from '../../src-server/documents/keyring';
import { dataPaths } from '../../src-server/paths';
import { openDatabase } from '../../src-server/store/database';
import { readRows, startTestService, type TestService } from './helpers';
import {
  buildDocumentWorld,
  certificateAction,
  certificateIntent,
  committedOrder,
  documentState,
  issueCertificate,
  issueInvoice,
  pushOne,
  receiptIntent,
  receiptOf,
  type DocumentWorld,
} from './documents-helpers';
import { adminCall, YEAR } from './order-helpers';
import { pullAll, withStore } from './sync-helpers';

describe('acceptance certificates: supplier, commander, agency', () => {
  let test: TestService;
  let world: DocumentWorld;
  let delivered: Order;
  let partial: Order;
  let full: Invoice;
  let short: Invoice;
  let unreceived: Invoice;
  let certificate: AcceptanceCertificate;

  const period = { from: '2025-06-01', to: '2025-06-30' };
  const trust = () => ({ caCertificatePems: [world.commander.laptop.caCertificate], now: new Date(test.clock()) });
  const receive = async (invoice: Invoice, received: Parameters<typeof receiptOf>[2] = {}) => {
    const result = await pushOne(test, await receiptIntent(test, invoice, receiptOf(invoice, world.receiver, received), world.receiver), world.receiver);
    if (result.status !== 'applied') throw new Error(`receipt refused: ${JSON.stringify(result.reason)}`);
    return (result.result as { invoice: Invoice }).invoice;
  };
  const orderNow = async (id: string) => OrderSchema.parse((await adminCall(test, 'GET', `/v1/admin/orders/${id}`)).body);
  const budget = () => withStore(test, (db) => findBudget(db, world.unit.id, YEAR) as Budget);

  beforeAll(async () => {
    test = await startTestService();
    world = await buildDocumentWorld(test);
    delivered = await committedOrder(test, world, [{ product: world.drone, quantity: 2 }]);
    partial = await committedOrder(test, world, [{ product: world.drone, quantity: 3 }]);
    const other = await committedOrder(test, world, [{ product: world.drone, quantity: 1 }]);
    full = await receive(await issueInvoice(test, delivered.id));
    short = await receive(await issueInvoice(test, partial.id), { 1: { quantity: 2, discrepancy: { kind: 'short', note: 'одного бракує' } } });
    unreceived = await issueInvoice(test, other.id);
  }, 240_000);
  afterAll(() => test.close());

  it('refuses to list an invoice the unit has not signed for, and asks for a real unit, supplier and period (nothing changed)', async () => {
    const before = documentState(test);
    const base = { unitNumber: 'А4271', supplierId: world.supplier.id, period };
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, invoiceIds: [unreceived.id] }, 409, 'certificate.invoice_not_received'],
      [{ ...base, unitNumber: 'А7318', invoiceIds: [full.id] }, 409, 'certificate.invoice_not_received'],
      [{ ...base, supplierId: world.otherSupplier.id }, 409, 'certificate.no_invoices'],
      [{ ...base, period: { from: '2025-07-01', to: '2025-07-31' } }, 409, 'certificate.no_invoices'],
      [{ ...base, period: { from: '2025-07-01', to: '2025-07-31' }, invoiceIds: [full.id] }, 409, 'certificate.invoice_outside_period'],
      [{ ...base, invoiceIds: ['0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d'] }, 404, 'invoice.not_found'],
      [{ ...base, invoiceIds: [full.id, full.id] }, 400, 'request.invalid'],
      [{ ...base, unitNumber: 'А9999' }, 400, 'request.invalid'],
      [{ ...base, supplierId: '0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d' }, 400, 'request.invalid'],
      [{ ...base, period: { from: '2025-06-30', to: '2025-06-01' } }, 400, 'request.invalid'],
      [{ ...base, period: { from: '30.06.2025', to: '2025-06-01' } }, 400, 'request.invalid'],
      [{ ...base, invoiceIds: [] }, 400, 'request.invalid'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await adminCall(test, 'POST', '/v1/admin/certificates', body);
      expect([reply.status, reply.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(documentState(test)).toEqual(before);
  });

  it('draws up the certificate from the unit’s received invoices of the period, quoting each by digest, and signs it first', async () => {
    certificate = AcceptanceCertificateSchema.parse(await issueCertificate(test, { unitNumber: 'А4271', supplierId: world.supplier.id, period }));
    expect(certificate).toMatchObject({
      number: expect.stringMatching(/^АПП-2025-\d{6}$/u),
      unitId: world.unit.id,
      supplierId: world.supplier.id,
      status: 'issued',
      signatures: { unit: null, agency: null },
      paidAt: null,
    });
    const { content } = certificate;
    expect(content).toMatchObject({ certificateId: certificate.id, date: '2025-06-02', period, unit: { number: 'А4271' }, supplier: { edrpou: '44182634' } });
    expect(content.invoices.map((ref) => [ref.number, ref.acceptedKopiykas])).toEqual([
      [full.number, 2 * 4_800_000],
      [short.number, 2 * 4_800_000],
    ]);
    expect(content.totalKopiykas).toBe(4 * 4_800_000);
    const supplier = verifySignature(canonicalJsonBytes(content), Buffer.from(certificate.signatures.supplier.cms, 'base64'), { ...trust(), requiredRole: 'supplier' });
    expect(supplier.signer).toMatchObject({ kind: 'supplier', organisationId: world.supplier.id });
    const statuses = readRows<{ id: string; status: string }>(test.dataDir, 'SELECT id, status FROM invoices ORDER BY number');
    expect(statuses).toEqual([
      { id: full.id, status: 'certified' },
      { id: short.id, status: 'certified' },
      { id: unreceived.id, status: 'issued' },
    ]);
    const again = await adminCall(test, 'POST', '/v1/admin/certificates', { unitNumber: 'А4271', supplierId: world.supplier.id, period, invoiceIds: [full.id] });
    expect([again.status, again.body.code]).toEqual([409, 'certificate.invoice_already_certified']);
  });

  it('reaches the commander’s laptop, which finds every listed invoice present, received and as quoted', async () => {
    const pulled = await pullAll(test, world.commander.laptop.accessToken, { documents: null });
    const changes = pulled.changes.documents ?? [];
    const invoices = new Map(changes.filter((c) => c.entity === 'invoice').map((c) => InvoiceSchema.parse((c as { data: unknown }).data)).map((i) => [i.id, i]));
    const published = changes.filter((c) => c.entity === 'certificate').map((c) => AcceptanceCertificateSchema.parse((c as { data: unknown }).data));
    expect(published).toEqual([certificate]);
    const check = checkCertificate(certificate, invoices, trust(), world.unit.id);
    expect(check).toMatchObject({ signable: true, problem: null, signatures: { supplier: { valid: true }, unit: null, agency: null } });
    expect((await pullAll(test, world.otherCommander.laptop.accessToken, { documents: null })).changes.documents).toEqual([]);
  });

  it('refuses the agency before the unit, and a commander’s signature that is not right (nothing changed)', async () => {
    const before = documentState(test);
    for (const action of ['agency_sign', 'pay']) {
      const reply = await certificateAction(test, certificate.number, action);
      expect([reply.status, reply.body.code], action).toEqual([409, 'certificate.invalid_state']);
    }
    const code = async (sent: Awaited<ReturnType<typeof certificateIntent>>, sender = world.commander) => {
      const result = await pushOne(test, sent, sender);
      return result.reason?.code ?? result.status;
    };
    expect(await code(await certificateIntent(test, certificate, world.commander, { contentDigest: 'f'.repeat(64) }))).toBe('certificate.digest_mismatch');
    expect(await code(await certificateIntent(test, certificate, world.receiver), world.receiver)).toBe('certificate.signer_not_commander');
    expect(await code(await certificateIntent(test, certificate, world.otherCommander), world.otherCommander)).toBe('certificate.not_found');
    expect(documentState(test)).toEqual(before);
  });

  it('takes the commander’s signature second: unit_signed, once', async () => {
    test.clock.advance(60_000);
    const sent = await certificateIntent(test, certificate, world.commander);
    const result = await pushOne(test, sent, world.commander);
    expect(result.status).toBe('applied');
    const signed = AcceptanceCertificateSchema.parse((result.result as { certificate: unknown }).certificate);
    expect(signed).toMatchObject({ status: 'unit_signed', signatures: { supplier: certificate.signatures.supplier, unit: { cms: sent.signature }, agency: null } });
    expect(checkCertificate(signed, new Map([[full.id, full]]), trust(), world.unit.id).signatures.unit).toMatchObject({ slot: 'commander', valid: true });

    const before = documentState(test);
    const same = await pushOne(test, { ...(await certificateIntent(test, certificate, world.commander)), signature: sent.signature as string }, world.commander);
    expect(same.status).toBe('applied');
    test.clock.advance(1_000);
    const another = await pushOne(test, await certificateIntent(test, certificate, world.commander), world.commander);
    expect(another.reason?.code).toBe('certificate.not_awaiting_unit');
    expect(documentState(test)).toEqual(before);
    certificate = signed;
  });

  it('takes the agency’s signature third (complete), with all three PDF signatures valid in pdfsig', async () => {
    test.clock.advance(60_000);
    const reply = await certificateAction(test, certificate.id, 'agency_sign');
    expect(reply.status).toBe(200);
    const complete = AcceptanceCertificateSchema.parse(reply.body);
    expect(complete.status).toBe('complete');
    const agency = verifySignature(canonicalJsonBytes(complete.content), Buffer.from(complete.signatures.agency?.cms ?? '', 'base64'), { ...trust(), requiredRole: 'agency' });
    expect(agency.signer).toMatchObject({ kind: 'agency' });

    const dir = mkdtempSync(join(tmpdir(), 'qm-pdfsig-'));
    try {
      for (const language of ['uk', 'en'] as const) {
        const slots = [
          [pdfSignatureReasons.supplier, complete.signatures.supplier],
          [pdfSignatureReasons.commander, complete.signatures.unit],
          [pdfSignatureReasons.agency, complete.signatures.agency],
        ] as const;
        const pdf = assembleSignedPdf(
          await renderDocumentPdf({ kind: 'certificate', content: complete.content }, language),
          slots.map(([reason, signature]) => ({ reason, cms: Buffer.from(signature?.pdf[language] ?? '', 'base64') })),
        );
        const signatures = readPdfSignatures(pdf);
        expect(signatures.map((s) => s.reason)).toEqual(slots.map(([reason]) => reason));
        signatures.forEach((s, i) => {
          const role = (['supplier', 'commander', 'agency'] as const)[i];
          expect(() => verifySignature(s.signedBytes, s.cms, { ...trust(), requiredRole: role })).not.toThrow();
        });
        if (existsSync('/usr/bin/pdfsig')) {
          const file = join(dir, `certificate-${language}.pdf`);
          writeFileSync(file, pdf);
          const report = execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
          expect(report.match(/Signature is Valid\./gu) ?? []).toHaveLength(3);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    certificate = complete;
  });

  it('is paid: the orders it completes close and their committed money is spent; the others stay open', async () => {
    const committedBefore = budget().committedKopiykas;
    test.clock.advance(60_000);
    const reply = await certificateAction(test, certificate.number, 'pay');
    expect(reply.status).toBe(200);
    expect(AcceptanceCertificateSchema.parse(reply.body)).toMatchObject({ status: 'paid', paidAt: new Date(test.clock()).toISOString() });
    const closed = await orderNow(delivered.id);
    expect(closed.status).toBe('closed');
    expect(closed.timeline.at(-1)).toMatchObject({ status: 'closed', actor: 'agency', note: `Paid under acceptance certificate ${certificate.number}` });
    expect((await orderNow(partial.id)).status).toBe('partially_delivered');
    expect(budget()).toMatchObject({ committedKopiykas: committedBefore - 2 * 4_800_000, spentKopiykas: 2 * 4_800_000 });
    const twice = await certificateAction(test, certificate.number, 'pay');
    expect([twice.status, twice.body.code]).toEqual([409, 'certificate.invalid_state']);
  });

  it('refuses the commander’s signature of a certificate listing an invoice the unit never signed for', async () => {
    const paths = dataPaths(test.dataDir);
    const db = openDatabase(paths.database);
    const keyring = new OrganisationKeyring(paths.organisationKeys, loadExistingAuthority(paths));
    const request = { unitNumber: 'А4271', supplierId: world.supplier.id, period, invoiceIds: [unreceived.id] };
    const careless = await issueUnchecked({ db, keyring, now: test.clock() }, request, { unchecked: true }).finally(() => db.close());
    const check = checkCertificate(careless, new Map([[unreceived.id, unreceived]]), trust(), world.unit.id);
    expect(check.signable).toBe(false);
    expect(check.invoices).toEqual([expect.objectContaining({ number: unreceived.number, problem: 'not_received_by_unit' })]);

    const before = documentState(test);
    const result = await pushOne(test, await certificateIntent(test, careless, world.commander), world.commander);
    expect(result).toMatchObject({
      status: 'rejected',
      reason: { code: 'certificate.invoice_not_received', params: { invoiceNumber: unreceived.number, problem: 'not_received_by_unit' } },
    });
    expect(documentState(test)).toEqual(before);
  });
});
