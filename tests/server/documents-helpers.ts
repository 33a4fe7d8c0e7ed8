import { createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { certificateDigest, invoiceDigest } from '@shared/node/documents';
import { assembleSignedPdf, pdfSignatureReasons, renderDocumentPdf, signPdfIncrement } from '@shared/node/pdf';
import { canonicalJsonBytes, signDetached, type CmsSigner } from '@shared/node/signing';
import type { Role } from '@shared/service/common';
import {
  RECEIPT_CONTENT_SCHEMA,
  type AcceptanceCertificate,
  type CertificateContent,
  type DiscrepancyKindSchema,
  type Invoice,
  type InvoiceContent,
  type ReceiptContent,
} from '@shared/service/documents';
import type { Order, OrderContent } from '@shared/service/orders';
import type { Intent } from '@shared/sync/intents';
import type { z } from 'zod';
import { findPersonByUsername } from '../../src-server/store/persons';
import { enrol, provision, readRows, type TestService } from './helpers';
import { act, adminCall, buildOrderWorld, orderContent, submit, type LineSpec, type Officer, type OrderWorld, type WorldUnit } from './order-helpers';
import { intent, push, withStore } from './sync-helpers';

/**
 * The world of the order tests plus the unit's commander and the other
 * unit's receiver, and the laptop's side of delivery documents: receipts
 * and certificate signatures made as the client makes them, with the
 * enrolled keys, CMS over the canonical JSON and incremental PDF
 * signatures on the renditions.
 */

export interface DocumentWorld extends OrderWorld {
  commander: Officer;
  /** The other unit's receiver and commander. */
  otherReceiver: Officer;
  otherCommander: Officer;
}

async function officer(test: TestService, username: string, roles: Role[], unit: WorldUnit, fullName: string): Promise<Officer> {
  const person = await provision(test, { username, roles, unitNumber: unit.number, fullName });
  const laptop = await enrol(test, person);
  const personId = withStore(test, (db) => findPersonByUsername(db, username)?.id as string);
  return { username, personId, fullName, unit, laptop, person };
}

export async function buildDocumentWorld(test: TestService): Promise<DocumentWorld> {
  const world = await buildOrderWorld(test);
  return {
    ...world,
    commander: await officer(test, 'commander.a', ['commander'], world.unit, 'Бойко Сергій Анатолійович'),
    otherReceiver: await officer(test, 'receiver.b', ['receiver'], world.otherUnit, 'Кузьменко Алла Петрівна'),
    otherCommander: await officer(test, 'commander.b', ['commander'], world.otherUnit, 'Олійник Василь Іванович'),
  };
}

/** An order signed by the unit's orderer and committed by the agency. */
export async function committedOrder(test: TestService, world: OrderWorld, lines: readonly LineSpec[], author = world.orderer): Promise<Order> {
  const submitted = await submit(test, world, orderContent(world, lines, { author }));
  if (!submitted.order) throw new Error(`order not applied: ${JSON.stringify(submitted.result)}`);
  const committed = await act(test, submitted.order.id, { action: 'commit' });
  if (committed.status !== 200) throw new Error(`commit failed: ${JSON.stringify(committed.body)}`);
  return committed.body as unknown as Order;
}

export function issueInvoiceCall(test: TestService, orderRef: string, body: unknown = {}) {
  return adminCall(test, 'POST', `/v1/admin/orders/${encodeURIComponent(orderRef)}/invoices`, body);
}

export async function issueInvoice(test: TestService, orderRef: string, body: unknown = {}): Promise<Invoice> {
  const reply = await issueInvoiceCall(test, orderRef, body);
  if (reply.status !== 200) throw new Error(`invoice not issued: ${reply.status} ${JSON.stringify(reply.body)} ${test.log.errors.join("\n")}`);
  return reply.body as unknown as Invoice;
}

export async function issueCertificate(test: TestService, body: unknown): Promise<AcceptanceCertificate> {
  const reply = await adminCall(test, 'POST', '/v1/admin/certificates', body);
  if (reply.status !== 200) throw new Error(`certificate not issued: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as unknown as AcceptanceCertificate;
}

export function certificateAction(test: TestService, ref: string, action: string) {
  return adminCall(test, 'POST', `/v1/admin/certificates/${encodeURIComponent(ref)}/actions`, { action });
}

export function officerSigner(officer: Officer): CmsSigner {
  const key = createPrivateKey(forge.pki.privateKeyToPem(officer.laptop.keys.privateKey));
  return { certificatePem: officer.laptop.certificate, signSha256: (data) => sign('sha256', data, key) };
}

type Discrepancy = { kind: z.infer<typeof DiscrepancyKindSchema>; note: string } | null;

/** The receipt the laptop builds: every line received in full unless `received` says otherwise (by invoice position). */
export function receiptOf(invoice: Invoice, by: Officer, received: Record<number, { quantity: number; discrepancy?: Discrepancy }> = {}): ReceiptContent {
  return {
    schema: RECEIPT_CONTENT_SCHEMA,
    invoiceId: invoice.id,
    invoiceDigest: invoiceDigest(invoice.content),
    unit: { id: invoice.unitId, number: invoice.content.unit.number },
    lines: invoice.content.lines.map((line) => {
      const got = received[line.position];
      const quantity = got?.quantity ?? line.quantity;
      return {
        position: line.position,
        productId: line.productId,
        shippedQuantity: line.quantity,
        receivedQuantity: quantity,
        discrepancy: got?.discrepancy !== undefined ? got.discrepancy : quantity === line.quantity ? null : { kind: 'short', note: '' },
      };
    }),
    receivedBy: { personId: by.personId, username: by.username, fullName: by.fullName },
    receivedAt: '2025-06-03T10:00:00.000Z',
  };
}

type Signed = { kind: 'order'; content: OrderContent } | { kind: 'invoice'; content: InvoiceContent } | { kind: 'certificate'; content: CertificateContent };

/** The next PDF signature of both renditions, on top of `earlier`, as the laptop makes it. */
export async function pdfSignature(
  document: Signed,
  earlier: ReadonlyArray<{ reason: string; pdf: { uk: string; en: string } }>,
  reason: string,
  signer: Officer,
  at: Date,
): Promise<{ uk: string; en: string }> {
  const one = async (language: 'uk' | 'en') => {
    const base = await renderDocumentPdf(document, language);
    const current = assembleSignedPdf(
      base,
      earlier.map((s) => ({ reason: s.reason, cms: Buffer.from(s.pdf[language], 'base64') })),
    );
    const meta = { reason, signingTime: at, signerName: signer.fullName };
    return signPdfIncrement(current, meta, (bytes) => signDetached(bytes, officerSigner(signer), at)).cms.toString('base64');
  };
  return { uk: await one('uk'), en: await one('en') };
}

/** A CMS over the canonical JSON of `content`, with the officer's enrolled key. */
export function cmsOf(content: unknown, signer: Officer, at: Date): string {
  return signDetached(canonicalJsonBytes(content), officerSigner(signer), at).toString('base64');
}

/** `invoice.sign` as the receiver's laptop queues it; `signer` signs (the receipt's receiver by default), `receipt` may be tampered with after. */
export async function receiptIntent(
  test: TestService,
  invoice: Invoice,
  receipt: ReceiptContent,
  signer: Officer,
  options: { sent?: ReceiptContent; pdf?: { uk: string; en: string } } = {},
): Promise<Intent> {
  const at = new Date(test.clock());
  const pdf =
    options.pdf ??
    (await pdfSignature({ kind: 'invoice', content: invoice.content }, [{ reason: pdfSignatureReasons.supplier, pdf: invoice.supplierSignature.pdf }], pdfSignatureReasons.receiver, signer, at));
  const sent = options.sent ?? receipt;
  return intent('invoice.sign', sent.invoiceId, { receipt: sent, signature: { pdf } }, { signature: cmsOf(receipt, signer, at) });
}

/** `certificate.sign` as the commander's laptop queues it. */
export async function certificateIntent(test: TestService, certificate: AcceptanceCertificate, signer: Officer, options: { contentDigest?: string } = {}): Promise<Intent> {
  const at = new Date(test.clock());
  const pdf = await pdfSignature(
    { kind: 'certificate', content: certificate.content },
    [{ reason: pdfSignatureReasons.supplier, pdf: certificate.signatures.supplier.pdf }],
    pdfSignatureReasons.commander,
    signer,
    at,
  );
  return intent(
    'certificate.sign',
    certificate.id,
    { certificateId: certificate.id, contentDigest: options.contentDigest ?? certificateDigest(certificate.content), signature: { pdf } },
    { signature: cmsOf(certificate.content, signer, at) },
  );
}

/** Push one intent from the officer's laptop: the result as answered. */
export async function pushOne(test: TestService, sent: Intent, sender: Officer): Promise<{ status: string; result?: Record<string, unknown>; reason?: { code: string; message: string; params?: Record<string, unknown> } }> {
  const reply = await push(test, sender.laptop.accessToken, [sent]);
  if (reply.status !== 200) throw new Error(`push failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.results[0] as { status: string };
}

/** The rows of documents and of what they touch: equal before and after means nothing changed. */
export function documentState(test: TestService): Record<string, unknown[]> {
  return Object.fromEntries(
    [
      'invoices',
      'invoice_lines',
      'invoice_signatures',
      'certificates',
      'certificate_invoices',
      'certificate_signatures',
      'document_numbers',
      'orders',
      'order_lines',
      'order_events',
      'budgets',
    ].map((table) => [table, readRows(test.dataDir, `SELECT * FROM ${table} ORDER BY rowid`)]),
  );
}
