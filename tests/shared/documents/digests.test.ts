import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedKopiykas, certificateDigest, invoiceDigest, receiptDigest } from '@shared/node/documents';
import { canonicalJsonBytes } from '@shared/node/signing';
import { byId, createWorld, drawUpCertificate, invoiceContent, issueInvoice, receiveInvoice, type World } from './fixtures';

/** The digests documents quote of each other are of exactly the bytes a signature covers. */
describe('document digests', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.close());

  it('is the SHA-256 hex of the canonical JSON, whatever the key order', () => {
    const content = invoiceContent(1, world.supplier);
    const expected = createHash('sha256').update(canonicalJsonBytes(content)).digest('hex');
    expect(invoiceDigest(content)).toBe(expected);
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as typeof content;
    expect(invoiceDigest(reordered)).toBe(expected);
  });

  it('changes with any field: one kopiyka, one letter of a name', () => {
    const content = invoiceContent(1, world.supplier);
    const digest = invoiceDigest(content);
    const dearer = structuredClone(content);
    dearer.lines[0]!.unitPriceKopiykas += 1;
    expect(invoiceDigest(dearer)).not.toBe(digest);
    const renamed = structuredClone(content);
    renamed.handedOverBy[0]!.fullName = 'Петренко Петро Павлович';
    expect(invoiceDigest(renamed)).not.toBe(digest);
  });

  it('digests receipts and certificates the same way, and counts what was accepted at invoice prices', () => {
    const invoice = receiveInvoice(issueInvoice(world, 1), world.receiver, { received: [1, 0] });
    const receipt = invoice.receipt!.content;
    expect(receiptDigest(receipt)).toBe(createHash('sha256').update(canonicalJsonBytes(receipt)).digest('hex'));
    const [first, second, third] = invoice.content.lines;
    expect(acceptedKopiykas(invoice.content, receipt)).toBe(1 * first!.unitPriceKopiykas + 0 * second!.unitPriceKopiykas + third!.quantity * third!.unitPriceKopiykas);

    const certificate = drawUpCertificate(world, [invoice]);
    expect(certificateDigest(certificate.content)).toBe(createHash('sha256').update(canonicalJsonBytes(certificate.content)).digest('hex'));
    expect(certificate.content.invoices[0]).toMatchObject({ invoiceDigest: invoiceDigest(invoice.content), receiptDigest: receiptDigest(receipt) });
    expect(byId([invoice]).get(invoice.id)).toBe(invoice);
  });
});
