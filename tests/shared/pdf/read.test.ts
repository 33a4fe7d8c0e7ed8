import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES, PdfError, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf } from '@shared/node/pdf';
import { verifyDetached } from '@shared/node/signing';
import { AT, createFixture, NOW, type Fixture, type Person } from '../signing/fixtures';
import { signAs } from './helpers';
import { invoiceContent } from './samples';

/** A PDF opened from disk: its signatures found and handed over for verification, or a clear refusal. */
describe('readPdfSignatures', () => {
  let fixture: Fixture;
  let supplier: Person;
  let receiver: Person;
  let base: Uint8Array;
  let signed: Uint8Array;
  const made: Buffer[] = [];

  beforeAll(async () => {
    fixture = await createFixture();
    supplier = fixture.person({ username: 'supplier', roles: ['orderer'] });
    receiver = fixture.person({ username: 'receiver', roles: ['receiver'] });
    base = await renderDocumentPdf({ kind: 'invoice', content: invoiceContent(2) }, 'uk');
    const one = signAs(base, supplier, pdfSignatureReasons.supplier, AT);
    const two = signAs(one.pdf, receiver, pdfSignatureReasons.receiver, new Date(AT.getTime() + 60_000));
    made.push(one.cms, two.cms);
    signed = two.pdf;
  });
  afterAll(() => fixture.close());

  function problem(pdf: Uint8Array): string {
    try {
      readPdfSignatures(pdf);
      return 'read';
    } catch (error) {
      return error instanceof PdfError ? error.problem : `not a PdfError: ${String(error)}`;
    }
  }

  it('returns each signature with its reason, its CMS and exactly the bytes it covers, oldest first', () => {
    const signatures = readPdfSignatures(signed);
    expect(signatures.map((s) => s.reason)).toEqual([pdfSignatureReasons.supplier, pdfSignatureReasons.receiver]);
    expect(signatures.map((s) => s.cms)).toEqual(made);
    for (const [i, signature] of signatures.entries()) {
      const verified = verifyDetached(signature.signedBytes, signature.cms, { caCertificatePems: [fixture.ca.certificatePem], now: NOW });
      expect(verified.signer.fullName).toBe([supplier, receiver][i]?.fullName);
    }
    // The first signature covers the file as it was when it was made; the last covers all of it.
    const [first, last] = signatures;
    expect((first?.byteRange[2] ?? 0) + (first?.byteRange[3] ?? 0)).toBeLessThan(signed.length);
    expect((last?.byteRange[2] ?? 0) + (last?.byteRange[3] ?? 0)).toBe(signed.length);
  });

  it('finds no signatures in an unsigned rendition', () => {
    expect(readPdfSignatures(base)).toEqual([]);
  });

  it('refuses what is not a PDF, or too large, with a PdfError', () => {
    expect(problem(new Uint8Array(0))).toBe('not_pdf');
    expect(problem(Buffer.from('{"schema":"qm.invoice/1"}'))).toBe('not_pdf');
    expect(problem(Buffer.from('%PDF-1.7\n%%EOF\n'))).toBe('not_pdf');
    expect(problem(Buffer.from('%PDF-1.7\nstartxref\n5\n%%EOF\n'))).toBe('malformed');
    expect(problem(signed.subarray(0, Math.floor(signed.length / 2)))).toBe('not_pdf');
    expect(problem(new Uint8Array(MAX_PDF_BYTES + 1))).toBe('too_large');
  });

  it('refuses a signature whose byte range leaves out more than its /Contents', () => {
    const text = Buffer.from(signed).toString('latin1');
    const match = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/u.exec(text.slice(text.lastIndexOf('/ByteRange')));
    expect(match).not.toBeNull();
    const [, a, b, c] = match as unknown as [string, string, string, string];
    const original = `[0 ${a} ${b} ${c}]`;
    // Ten bytes more left unsigned before the hex string, same width so the file still parses.
    const widened = `[0 ${Number(a) - 10} ${b} ${Number(c)}]`.padEnd(original.length, ' ');
    const at = text.lastIndexOf(original);
    const edited = Buffer.from(signed);
    edited.write(widened.slice(0, original.length), at, 'latin1');
    expect(problem(edited)).toBe('malformed');
  });

  it('refuses a cross-reference stream and a loop of /Prev pointers as what they are', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(problem(await doc.save({ useObjectStreams: true }))).toBe('unsupported_structure');

    const text = Buffer.from(signed).toString('latin1');
    const last = /startxref\s+(\d+)\s+%%EOF\s*$/u.exec(text)?.[1] as string;
    const prev = text.lastIndexOf('/Prev ');
    const prevValue = /\/Prev (\d+)/u.exec(text.slice(prev))?.[1] as string;
    const looped = Buffer.from(signed);
    // Point the newest section's /Prev at itself (padded to the same width).
    looped.write(`/Prev ${last.padStart(prevValue.length, '0')}`, prev, 'latin1');
    expect(last.length).toBeLessThanOrEqual(prevValue.length);
    expect(problem(looped)).toBe('malformed');
  });

  it('never throws anything but a PdfError, whatever bytes of a signed PDF are changed or cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: signed.length - 1 }), value: fc.nat({ max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat({ max: signed.length }), { nil: undefined }),
        (edits, cut) => {
          const mutated = Buffer.from(signed);
          for (const { at, value } of edits) mutated[at] = value;
          const pdf = cut === undefined ? mutated : mutated.subarray(0, cut);
          try {
            readPdfSignatures(pdf);
          } catch (error) {
            if (!(error instanceof PdfError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
