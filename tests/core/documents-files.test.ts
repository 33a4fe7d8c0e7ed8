import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_MAX_FILE_BYTES } from '@shared/api/documents';
import { canonicalJsonBytes, signDetached } from '@shared/node/signing';
import type { Invoice } from '@shared/service/documents';
import { loadOrCreateAuthority } from '../../src-server/ca/authority';
import { issueOrganisationCertificate } from '../../src-server/ca/issue-organisation';
import { enrolThroughProxy, startWorld, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { missing, PDFSIG, pdfsig } from '../shared/pdf/helpers';
import { closeCores, fails, ok, removeTempDirs } from './support/fixtures';
import { committedOrder, receiveInFull } from './documents-fixtures';

/**
 * Documents as files (issue 6, items 4 and 5): a signed invoice exported
 * as a PDF with its signatures embedded, as .p7s files and their JSON, and
 * checked back offline as a user would open them from disk; tampered,
 * foreign and unreadable files get clear answers.
 */

let world: SyncWorld;
let a: EnrolledCore;
let orderId: string;
let invoice: Invoice;

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world);
  await ok(a.t.core, 'syncNow');
  orderId = await committedOrder(world, a, [
    { sku: 'VZ-10U', quantity: 2 },
    { sku: 'VZ-7U', quantity: 1 },
  ]);
  invoice = await world.service.issueInvoice(orderId);
  await ok(a.t.core, 'syncNow');
  await receiveInFull(a, invoice.id);
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

type File = { name: string; base64: string };

async function exported(request: { kind: 'order' | 'invoice' | 'certificate'; id: string; format: 'pdf' | 'p7s' | 'json'; signatureIndex?: number }): Promise<File> {
  const file = await ok(a.t.core, 'documentExport', { ...request, language: 'uk' });
  return { name: file.fileName, base64: file.base64 };
}

const check = (...files: File[]) => ok(a.t.core, 'documentCheck', { files });

describe('exporting and checking documents', () => {
  it('exports the invoice as a PDF carrying the supplier\'s and the receiver\'s signatures, both valid here and in pdfsig', async () => {
    for (const language of ['uk', 'en'] as const) {
      const file = await ok(a.t.core, 'documentExport', { kind: 'invoice', id: invoice.id, format: 'pdf', language });
      expect(file).toMatchObject({ fileName: `${invoice.number}.pdf`, mimeType: 'application/pdf' });
      const report = await check({ name: file.fileName, base64: file.base64 });
      expect(report).toMatchObject({ format: 'pdf', documentKind: 'invoice', documentNumber: invoice.number });
      expect(report.signatures).toMatchObject([
        { slot: 'supplier', valid: true, problem: null, signer: { kind: 'organisation', edrpou: invoice.content.supplier.edrpou } },
        { slot: 'receiver', valid: true, problem: null, signer: { kind: 'person', name: a.officer.fullName, unitNumber: a.officer.unitNumber } },
      ]);
      expect(report.signatures[1]?.signingTime).toBe(new Date(Math.floor(a.t.clock.now() / 1000) * 1000).toISOString());
      if (missing(PDFSIG)) continue;
      expect(pdfsig(Buffer.from(file.base64, 'base64')).signatures.map((signature) => signature.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    }
  });

  it('finds a signed PDF changed after signing: a byte altered inside the signed ranges breaks both signatures', async () => {
    const file = await exported({ kind: 'invoice', id: invoice.id, format: 'pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    // A byte of the binary comment after the header, which every signature covers: nothing moves, so the PDF still reads.
    const at = bytes.indexOf('%', 1) + 1;
    expect(bytes[at]).toBeGreaterThan(0x7f);
    bytes[at] = bytes[at]! ^ 0x01;
    const report = await check({ name: file.name, base64: bytes.toString('base64') });
    expect(report.signatures.map((verdict) => [verdict.slot, verdict.valid, verdict.problem])).toEqual([
      ['supplier', false, 'digest_mismatch'],
      ['receiver', false, 'digest_mismatch'],
    ]);
  });

  it('exports each signature as a .p7s with the JSON it signs, in either order, and finds a changed byte', async () => {
    const invoiceJson = await exported({ kind: 'invoice', id: invoice.id, format: 'json' });
    const supplierP7s = await exported({ kind: 'invoice', id: invoice.id, format: 'p7s', signatureIndex: 0 });
    expect([invoiceJson.name, supplierP7s.name]).toEqual([`${invoice.number}.json`, `${invoice.number}.supplier.p7s`]);
    expect(Buffer.from(invoiceJson.base64, 'base64')).toEqual(canonicalJsonBytes(invoice.content));
    for (const files of [[invoiceJson, supplierP7s], [supplierP7s, invoiceJson]]) {
      expect(await check(...files)).toMatchObject({
        format: 'detached',
        documentKind: 'invoice',
        documentNumber: invoice.number,
        signatures: [{ slot: 'supplier', valid: true, signer: { kind: 'organisation', roles: ['supplier'] } }],
      });
    }

    const receiptJson = await exported({ kind: 'invoice', id: invoice.id, format: 'json', signatureIndex: 1 });
    const receiverP7s = await exported({ kind: 'invoice', id: invoice.id, format: 'p7s', signatureIndex: 1 });
    expect([receiptJson.name, receiverP7s.name]).toEqual([`${invoice.number}.receipt.json`, `${invoice.number}.receiver.p7s`]);
    expect(await check(receiptJson, receiverP7s)).toMatchObject({
      documentKind: 'receipt',
      documentNumber: invoice.number,
      signatures: [{ slot: 'receiver', valid: true, signer: { name: a.officer.fullName } }],
    });

    // A received quantity raised by one after signing: the digest no longer matches.
    const tampered = Buffer.from(receiptJson.base64, 'base64').toString('utf8').replace('"receivedQuantity":2', '"receivedQuantity":3');
    expect(tampered).not.toBe(Buffer.from(receiptJson.base64, 'base64').toString('utf8'));
    expect((await check({ name: receiptJson.name, base64: Buffer.from(tampered).toString('base64') }, receiverP7s)).signatures).toEqual([
      { slot: 'receiver', valid: false, problem: 'digest_mismatch', signer: null, signingTime: null },
    ]);
    // The supplier's signature over the receipt is no receiver's signature of it.
    expect((await check(receiptJson, supplierP7s)).signatures[0]).toMatchObject({ valid: false, problem: 'digest_mismatch' });

    await fails(a.t.core, 'documentExport', { kind: 'invoice', id: invoice.id, format: 'p7s', language: 'uk', signatureIndex: 2 }, 'document.no_such_signature');
  });

  it('exports an order as a PDF carrying the orderer\'s signature, and its .p7s with the content', async () => {
    const pdf = await exported({ kind: 'order', id: orderId, format: 'pdf' });
    const order = await ok(a.t.core, 'orderGet', { id: orderId });
    expect(pdf.name).toBe(`${order.number}.pdf`);
    expect(await check(pdf)).toMatchObject({ format: 'pdf', documentKind: 'order', documentNumber: order.number });
    expect((await check(pdf)).signatures).toMatchObject([{ slot: 'orderer', valid: true, problem: null, signer: { kind: 'person', name: a.officer.fullName } }]);
    if (!missing(PDFSIG)) expect(pdfsig(Buffer.from(pdf.base64, 'base64')).signatures.map((signature) => signature.validation)).toEqual(['Signature is Valid.']);
    const report = await check(await exported({ kind: 'order', id: orderId, format: 'json' }), await exported({ kind: 'order', id: orderId, format: 'p7s' }));
    expect(report).toMatchObject({ documentKind: 'order', documentNumber: order.number, signatures: [{ slot: 'orderer', valid: true, signer: { kind: 'person' } }] });
  });

  it('reports a signature from another CA as untrusted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-other-ca-'));
    try {
      const other = await loadOrCreateAuthority({ caKey: join(dir, 'key.pem'), caCertificate: join(dir, 'cert.pem') }, Date.now());
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const issued = issueOrganisationCertificate(other, {
        publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
        claims: { kind: 'supplier', organisationId: invoice.supplierId, edrpou: invoice.content.supplier.edrpou, name: invoice.content.supplier.name },
        nowMs: Date.now(),
      });
      const content = canonicalJsonBytes(invoice.content);
      const cms = signDetached(content, { certificatePem: issued.pem, signSha256: (data) => sign('sha256', data, privateKey) }, new Date());
      const report = await check({ name: 'invoice.json', base64: content.toString('base64') }, { name: 'invoice.json.p7s', base64: cms.toString('base64') });
      expect(report.signatures).toEqual([{ slot: 'supplier', valid: false, problem: 'untrusted_certificate', signer: null, signingTime: null }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses empty, oversized, corrupt or unpaired files as unreadable', async () => {
    const json = await exported({ kind: 'invoice', id: invoice.id, format: 'json' });
    const pdf = await exported({ kind: 'invoice', id: invoice.id, format: 'pdf' });
    const unreadable = (...files: File[]) => fails(a.t.core, 'documentCheck', { files }, 'document.unreadable');
    await unreadable({ name: 'empty.pdf', base64: '' });
    await unreadable(json);
    await unreadable(json, json);
    await unreadable({ name: 'broken.pdf', base64: Buffer.from('%PDF-1.7\n% not really a PDF\n').toString('base64') });
    const bytes = Buffer.from(pdf.base64, 'base64');
    await unreadable({ name: 'cut.pdf', base64: bytes.subarray(0, bytes.length >> 1).toString('base64') });
    await unreadable({ name: 'huge.pdf', base64: Buffer.alloc(CHECK_MAX_FILE_BYTES + 1, 0x25).toString('base64') });
    await unreadable({ name: 'not-base64.pdf', base64: '%%%%' });
  });
});
