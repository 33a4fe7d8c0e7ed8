import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSignedPdf, PdfError, pdfSignatureReasons, readPdfSignatures, renderDocumentPdf, signPdfIncrement, SIGNATURE_CONTENTS_BYTES } from '@shared/node/pdf';
import { signDetached, verifyDetached } from '@shared/node/signing';
import { AT, createFixture, NOW, type Fixture, type Person } from '../signing/fixtures';
import { signAs } from './helpers';
import { certificateContent } from './samples';

/**
 * The design's promise: only the CMS blobs travel, and anyone holding the
 * base rendition rebuilds, byte for byte, the PDF each signer produced.
 */
describe('incremental PDF signatures: made once, rebuilt anywhere', () => {
  let fixture: Fixture;
  let supplier: Person;
  let commander: Person;
  let agency: Person;
  const bases: Partial<Record<'uk' | 'en', Uint8Array>> = {};
  const slots = [
    { reason: pdfSignatureReasons.supplier, at: AT },
    { reason: pdfSignatureReasons.commander, at: new Date(AT.getTime() + 3 * 60_000) },
    { reason: pdfSignatureReasons.agency, at: new Date(AT.getTime() + 7 * 60_000) },
  ];

  beforeAll(async () => {
    fixture = await createFixture();
    supplier = fixture.person({ username: 'supplier', roles: ['orderer'] });
    commander = fixture.person({ username: 'commander', roles: ['commander'] });
    agency = fixture.person({ username: 'agency', roles: ['orderer'] });
    for (const language of ['uk', 'en'] as const) bases[language] = await renderDocumentPdf({ kind: 'certificate', content: certificateContent(4) }, language);
  });
  afterAll(() => fixture.close());

  function base(language: 'uk' | 'en'): Uint8Array {
    const pdf = bases[language];
    if (!pdf) throw new Error('no base rendition');
    return pdf;
  }

  it('rebuilds exactly what each signer produced, after one, two and three signatures, in both languages', () => {
    for (const language of ['uk', 'en'] as const) {
      const signers = [supplier, commander, agency];
      let current = base(language);
      const travelled: Array<{ reason: string; cms: Buffer }> = [];
      for (const [i, slot] of slots.entries()) {
        // Each signer starts from the rebuilt PDF, as a laptop that holds only the CMS blobs would.
        const start = assembleSignedPdf(base(language), travelled);
        expect(Buffer.from(start).equals(Buffer.from(current))).toBe(true);
        const made = signAs(start, signers[i] as Person, slot.reason, slot.at);
        travelled.push({ reason: slot.reason, cms: made.cms });
        current = made.pdf;
        const rebuilt = assembleSignedPdf(base(language), travelled);
        expect(Buffer.from(rebuilt).equals(Buffer.from(made.pdf)), `${language}, ${i + 1} signature(s)`).toBe(true);
      }
      expect(readPdfSignatures(current).map((s) => s.reason)).toEqual(slots.map((s) => s.reason));
    }
  });

  it('appends to the file: every earlier revision is a prefix of the signed PDF', () => {
    const one = signAs(base('uk'), supplier, slots[0]!.reason, slots[0]!.at);
    const two = signAs(one.pdf, commander, slots[1]!.reason, slots[1]!.at);
    expect(Buffer.from(one.pdf.subarray(0, base('uk').length)).equals(Buffer.from(base('uk')))).toBe(true);
    expect(Buffer.from(two.pdf.subarray(0, one.pdf.length)).equals(Buffer.from(one.pdf))).toBe(true);
  });

  it('writes the signer, the time to the second and the reason into the signature dictionary', () => {
    const at = new Date(AT.getTime() + 999);
    const made = signPdfIncrement(base('en'), { reason: pdfSignatureReasons.supplier, signingTime: at, signerName: supplier.fullName }, (bytes) =>
      signDetached(bytes, supplier.signer, at),
    );
    const increment = Buffer.from(made.pdf.subarray(base('en').length)).toString('latin1');
    expect(increment).toContain('/M (D:20250602130000Z)');
    expect(increment).toContain('/SubFilter /adbe.pkcs7.detached');
    expect(increment).toContain('/SigFlags 3');
    expect(increment).toContain(`/Prev ${/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(Buffer.from(base('en')).toString('latin1'))?.[1]}`);
    const [signature] = readPdfSignatures(made.pdf);
    expect(signature?.cms.equals(made.cms)).toBe(true);
    const verified = verifyDetached(signature?.signedBytes ?? Buffer.alloc(0), made.cms, { caCertificatePems: [fixture.ca.certificatePem], now: NOW });
    expect(verified.signer.fullName).toBe(supplier.fullName);
    expect(verified.signingTime).toEqual(AT);
  });

  it('refuses a CMS whose signer or signing time differ from what it wrote, since nobody could rebuild that PDF', () => {
    const meta = { reason: pdfSignatureReasons.supplier, signingTime: AT, signerName: supplier.fullName };
    const problem = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return error instanceof PdfError ? error.problem : `not a PdfError: ${String(error)}`;
      }
      return undefined;
    };
    expect(problem(() => signPdfIncrement(base('uk'), meta, (bytes) => signDetached(bytes, commander.signer, AT)))).toBe('cms_mismatch');
    expect(problem(() => signPdfIncrement(base('uk'), meta, (bytes) => signDetached(bytes, supplier.signer, new Date(AT.getTime() + 1000))))).toBe('cms_mismatch');
    expect(problem(() => signPdfIncrement(base('uk'), meta, () => signDetached(Buffer.from('other bytes'), supplier.signer, AT)))).toBe('cms_mismatch');
    expect(problem(() => signPdfIncrement(base('uk'), meta, () => Buffer.from('not a CMS')))).toBe('cms_unreadable');
    expect(problem(() => signPdfIncrement(Buffer.from('%PDF-1.7\nnothing else'), meta, () => Buffer.alloc(0)))).toBe('not_pdf');
  });

  it('refuses to rebuild from the wrong base, in the wrong order or under the wrong reason', () => {
    const one = signAs(base('uk'), supplier, slots[0]!.reason, slots[0]!.at);
    const two = signAs(one.pdf, commander, slots[1]!.reason, slots[1]!.at);
    const problem = (signatures: Array<{ reason: string; cms: Buffer }>, from = base('uk')): string | undefined => {
      try {
        assembleSignedPdf(from, signatures);
      } catch (error) {
        return error instanceof PdfError ? error.problem : 'not a PdfError';
      }
      return undefined;
    };
    expect(problem([{ reason: slots[0]!.reason, cms: one.cms }])).toBeUndefined();
    expect(problem([{ reason: slots[0]!.reason, cms: one.cms }], base('en'))).toBe('cms_mismatch');
    expect(problem([{ reason: slots[1]!.reason, cms: one.cms }])).toBe('cms_mismatch');
    expect(problem([{ reason: slots[1]!.reason, cms: two.cms }, { reason: slots[0]!.reason, cms: one.cms }])).toBe('cms_mismatch');
    expect(problem([{ reason: slots[0]!.reason, cms: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) }])).toBe('cms_unreadable');
  });

  it(`refuses a CMS larger than the ${SIGNATURE_CONTENTS_BYTES} bytes reserved for it`, () => {
    const huge = Buffer.alloc(SIGNATURE_CONTENTS_BYTES + 1, 0x30);
    const meta = { reason: pdfSignatureReasons.supplier, signingTime: AT, signerName: supplier.fullName };
    expect(() => signPdfIncrement(base('uk'), meta, () => huge)).toThrow(expect.objectContaining({ problem: 'cms_too_large' }));
    expect(() => assembleSignedPdf(base('uk'), [{ reason: meta.reason, cms: huge }])).toThrow(expect.objectContaining({ problem: 'cms_too_large' }));
  });
});
