import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminCertificateListSchema, AdminInvoiceListSchema } from '@shared/service/documents-admin';
import { InvoiceSchema, type AcceptanceCertificate, type Invoice } from '@shared/service/documents';
import type { Order } from '@shared/service/orders';
import { runAdmin } from '../../src-server/admin/cli';
import { openDatabase } from '../../src-server/store/database';
import { dataPaths } from '../../src-server/paths';
import { startTestService, tempDir, type TestService } from './helpers';
import { buildDocumentWorld, certificateIntent, committedOrder, documentState, issueInvoice, pushOne, receiptIntent, receiptOf, type DocumentWorld } from './documents-helpers';
import { adminCall, adminTokenOf } from './order-helpers';
import { admin } from './sync-helpers';

describe('the admin API and command line of delivery documents', () => {
  let test: TestService;
  let world: DocumentWorld;
  let mine: Invoice;
  let theirs: Invoice;
  let cliOrder: Order;

  beforeAll(async () => {
    test = await startTestService();
    world = await buildDocumentWorld(test);
    mine = await issueInvoice(test, (await committedOrder(test, world, [{ product: world.drone, quantity: 1 }])).id);
    test.clock.advance(1_000);
    theirs = await issueInvoice(test, (await committedOrder(test, world, [{ product: world.drone, quantity: 1 }], world.stranger)).id);
    cliOrder = await committedOrder(test, world, [
      { product: world.drone, quantity: 2 },
      { product: world.goggles, quantity: 1 },
    ]);
  }, 240_000);
  afterAll(() => test.close());

  it('refuses a caller without the admin token (401) on every route, changing nothing', async () => {
    const before = documentState(test);
    const token = adminTokenOf(test);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const routes: Array<[string, string, unknown]> = [
      ['POST', `/v1/admin/orders/${cliOrder.id}/invoices`, {}],
      ['GET', '/v1/admin/invoices', undefined],
      ['GET', `/v1/admin/invoices/${mine.id}`, undefined],
      ['POST', '/v1/admin/certificates', { unitNumber: 'А4271', supplierId: world.supplier.id, period: { from: '2025-06-01', to: '2025-06-30' } }],
      ['GET', '/v1/admin/certificates', undefined],
      ['GET', `/v1/admin/certificates/${mine.id}`, undefined],
      ['POST', `/v1/admin/certificates/${mine.id}/actions`, { action: 'pay' }],
    ];
    for (const [method, path, body] of routes) {
      const none = await test.call(method, path, body === undefined ? {} : { body });
      expect([none.status, none.body.code], `${method} ${path}`).toEqual([401, 'auth.required']);
      for (const bad of [wrong, world.receiver.laptop.accessToken]) {
        const reply = await adminCall(test, method, path, body, bad);
        expect([reply.status, reply.body.code], `${method} ${path}`).toEqual([401, 'auth.token_invalid']);
      }
    }
    expect(documentState(test)).toEqual(before);
  });

  it('lists every unit’s invoices newest first, by unit (look-alikes folded) and status, and finds one by id or number', async () => {
    const all = AdminInvoiceListSchema.parse((await adminCall(test, 'GET', '/v1/admin/invoices')).body).invoices;
    expect(all.map((i) => i.id)).toEqual([theirs.id, mine.id]);
    const ours = AdminInvoiceListSchema.parse((await adminCall(test, 'GET', '/v1/admin/invoices?unit=A4271&status=issued')).body).invoices;
    expect(ours.map((i) => i.id)).toEqual([mine.id]);
    expect(AdminInvoiceListSchema.parse((await adminCall(test, 'GET', '/v1/admin/invoices?status=received')).body).invoices).toEqual([]);
    expect(AdminInvoiceListSchema.parse((await adminCall(test, 'GET', '/v1/admin/invoices?limit=1')).body).invoices).toHaveLength(1);
    const byNumber = await adminCall(test, 'GET', `/v1/admin/invoices/${encodeURIComponent(mine.number)}`);
    expect(InvoiceSchema.parse(byNumber.body)).toEqual(mine);
    expect((await adminCall(test, 'GET', `/v1/admin/invoices/${mine.id}`)).body).toEqual(byNumber.body);
    const missing = await adminCall(test, 'GET', '/v1/admin/invoices/ВН-2025-999999');
    expect([missing.status, missing.body.code]).toEqual([404, 'invoice.not_found']);
    const noCertificate = await adminCall(test, 'GET', '/v1/admin/certificates/АПП-2025-999999');
    expect([noCertificate.status, noCertificate.body.code]).toEqual([404, 'certificate.not_found']);
    expect(AdminCertificateListSchema.parse((await adminCall(test, 'GET', '/v1/admin/certificates?unit=А4271')).body).certificates).toEqual([]);
  });

  it('validates queries and bodies (400 with the issues)', async () => {
    for (const path of ['/v1/admin/invoices?status=lost', '/v1/admin/invoices?unit=А9999', '/v1/admin/invoices?limit=0', '/v1/admin/certificates?status=signed', '/v1/admin/certificates?colour=red']) {
      const reply = await adminCall(test, 'GET', path);
      expect([reply.status, reply.body.code], path).toEqual([400, 'request.invalid']);
    }
    for (const body of [{}, { action: 'sign' }, { action: 'pay', extra: 1 }]) {
      const reply = await adminCall(test, 'POST', `/v1/admin/certificates/${mine.id}/actions`, body);
      expect([reply.status, reply.body.code], JSON.stringify(body)).toEqual([400, 'request.invalid']);
      expect(reply.body.issues).toEqual(expect.any(Array));
    }
    const notJson = await test.call('POST', '/v1/admin/certificates', { token: adminTokenOf(test), rawBody: '{"unitNumber":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });

  describe('the command line', () => {
    it('lists the document commands in its help', async () => {
      const help = await admin(test, 'help');
      for (const command of ['invoices issue', 'invoices list', 'invoices show', 'certificates issue', 'certificates sign', 'certificates pay', 'certificates list', 'certificates show']) {
        expect(help.out).toContain(command);
      }
    });

    it('issues, lists and shows invoices, by SKU or product id', async () => {
      const issued = await admin(test, 'invoices', 'issue', cliOrder.number, '--line', 'dz-10:1', '--line', `${world.goggles.id}:1`);
      expect(issued.code, issued.err).toBe(0);
      expect(issued.out).toMatch(/^Invoice ВН-2025-\d{6} \(.+\): issued; order ЗМ-2025-\d{6}; unit А4271; ТОВ «Джміль»; 60 500,50 грн/u);
      expect(issued.out).toMatch(/1\s+DZ-10\s+Джміль-10\s+1\s+шт\.\s+48 000 грн\s+48 000 грн\s+—/u);
      expect(issued.out).toContain('Awaiting the unit’s receipt');
      const list = await admin(test, 'invoices', 'list', '--unit', 'А4271');
      expect(list.out.split('\n')).toHaveLength(4);
      expect(list.out).not.toContain(theirs.number);
      expect((await admin(test, 'invoices', 'show', mine.number)).out).toContain(`Invoice ${mine.number} (${mine.id}): issued`);
    });

    it('draws up, signs and pays a certificate, the commander signing in between', async () => {
      const [cliInvoice] = AdminInvoiceListSchema.parse((await adminCall(test, 'GET', '/v1/admin/invoices?unit=А4271')).body).invoices;
      const invoice = cliInvoice as Invoice;
      expect((await pushOne(test, await receiptIntent(test, invoice, receiptOf(invoice, world.receiver), world.receiver), world.receiver)).status).toBe('applied');

      const issued = await admin(test, 'certificates', 'issue', '--unit', 'A4271', '--supplier', '44182634', '--from', '2025-06-01', '--to', '2025-06-30');
      expect(issued.code, issued.err).toBe(0);
      expect(issued.out).toMatch(/^Certificate АПП-2025-\d{6} \(.+\): issued; unit А4271; ТОВ «Джміль»; 2025-06-01 – 2025-06-30; 60 500,50 грн/u);
      expect(issued.out).toContain('Signatures: supplier signed');
      expect(issued.out).toContain(invoice.number);
      const number = /АПП-2025-\d{6}/u.exec(issued.out)?.[0] as string;

      const early = await admin(test, 'certificates', 'sign', number);
      expect([early.code, early.err]).toEqual([1, expect.stringContaining(`Certificate ${number} is issued; only a certificate that is unit_signed can be signed by the agency`)]);
      const [certificate] = AdminCertificateListSchema.parse((await adminCall(test, 'GET', '/v1/admin/certificates')).body).certificates;
      expect((await pushOne(test, await certificateIntent(test, certificate as AcceptanceCertificate, world.commander), world.commander)).status).toBe('applied');

      const signed = await admin(test, 'certificates', 'sign', number);
      expect([signed.code, signed.out]).toEqual([0, expect.stringContaining(': complete;')]);
      const paid = await admin(test, 'certificates', 'pay', number);
      expect([paid.code, paid.out]).toEqual([0, expect.stringMatching(/: paid;[\s\S]*; paid 2025-/u)]);
      expect((await admin(test, 'certificates', 'list', '--status', 'paid')).out).toContain(number);
      expect((await admin(test, 'certificates', 'show', number)).out).toContain('agency signed');
    });

    it('refuses mistakes with a clear error and no change', async () => {
      const before = documentState(test);
      const usage = [
        ['invoices', 'issue'],
        ['invoices', 'issue', cliOrder.id, '--line', 'DZ-10'],
        ['invoices', 'issue', cliOrder.id, '--line', 'DZ-10:0'],
        ['invoices', 'list', '--status', 'lost'],
        ['certificates', 'issue', '--unit', 'А4271'],
        ['certificates', 'issue', '--unit', 'А4271', '--supplier', '44182634', '--from', 'June', '--to', '2025-06-30'],
        ['certificates', 'sign'],
        ['certificates', 'list', '--status', 'signed'],
      ];
      for (const argv of usage) expect((await admin(test, ...argv)).code, argv.join(' ')).toBe(2);
      const outstanding = await admin(test, 'invoices', 'issue', cliOrder.id, '--line', 'DZ-10:5');
      expect([outstanding.code, outstanding.err]).toEqual([1, expect.stringContaining('DZ-10: asked 5, outstanding 1')]);
      const supplier = await admin(test, 'certificates', 'issue', '--unit', 'А4271', '--supplier', '12345678', '--from', '2025-06-01', '--to', '2025-06-30');
      expect([supplier.code, supplier.err]).toEqual([1, expect.stringContaining('No supplier 12345678')]);
      const none = await admin(test, 'certificates', 'issue', '--unit', 'А4271', '--supplier', '44182634', '--from', '2025-06-01', '--to', '2025-06-30');
      expect([none.code, none.err]).toEqual([1, expect.stringContaining('has no received invoice')]);
      expect((await admin(test, 'certificates', 'pay', 'АПП-2025-999999')).err).toContain('No acceptance certificate АПП-2025-999999');
      expect(documentState(test)).toEqual(before);
    });

    it('will not sign documents in a data directory whose service never made its CA', async () => {
      const dir = tempDir('qm-admin-noca-');
      try {
        openDatabase(dataPaths(dir).database).close();
        const out: string[] = [];
        const err: string[] = [];
        const code = await runAdmin(['certificates', 'sign', 'АПП-2025-000001', '--data', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
        expect(code).toBe(1);
        expect(err.join('\n')).toContain('This data directory has no CA yet');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
