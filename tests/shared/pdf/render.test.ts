import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderDocumentPdf, type RenderableDocument } from '@shared/node/pdf';
import { formatMoney } from '@shared/node/pdf/format';
import { CERTIFICATE_MAX_INVOICES, DOCUMENT_MAX_LINES } from '@shared/service/documents';
import { ORDER_MAX_LINES } from '@shared/service/orders';
import { missing, pdfText, PDFTOTEXT } from './helpers';
import { certificateContent, invoiceContent, orderContent, SUPPLIER_EDRPOU } from './samples';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Collapses pdftotext's layout spacing so that a phrase can be looked for whatever column it fell in. */
function words(text: string): string {
  return text.replace(/[ \t]+/gu, ' ');
}

const invoice: RenderableDocument = { kind: 'invoice', content: invoiceContent(10) };
const certificate: RenderableDocument = { kind: 'certificate', content: certificateContent(3) };
const order: RenderableDocument = { kind: 'order', content: orderContent(5) };

describe('renderDocumentPdf: the same bytes for the same document, everywhere', () => {
  it('renders the same document twice to identical bytes, in each language and kind', async () => {
    for (const doc of [invoice, certificate, order]) {
      for (const language of ['uk', 'en'] as const) {
        const first = await renderDocumentPdf(doc, language);
        const second = await renderDocumentPdf(structuredClone(doc), language);
        expect(Buffer.from(second).equals(Buffer.from(first)), `${doc.kind} ${language}`).toBe(true);
      }
    }
  });

  it('does not depend on what was rendered before it in the same process', async () => {
    const enFirst = await renderDocumentPdf(invoice, 'en');
    await renderDocumentPdf(certificate, 'uk');
    await renderDocumentPdf(order, 'uk');
    expect(sha256(await renderDocumentPdf(invoice, 'en'))).toBe(sha256(enFirst));
  });

  it('carries no clock: dates come from the content, the /ID from a digest of what is rendered', async () => {
    const text = Buffer.from(await renderDocumentPdf(invoice, 'uk')).toString('latin1');
    expect(text).toContain('/CreationDate (D:20260314093000Z)');
    expect(text).toContain('/ModDate (D:20260314093000Z)');
    const ids = /\/ID \[ ?<([0-9A-F]+)> <([0-9A-F]+)> ?\]/iu.exec(text);
    expect(ids?.[1]).toMatch(/^[0-9a-f]{32}$/iu);
    expect(ids?.[2]).toBe(ids?.[1]);
    const otherLanguage = Buffer.from(await renderDocumentPdf(invoice, 'en')).toString('latin1');
    expect(/\/ID \[ ?<([0-9A-F]+)>/iu.exec(otherLanguage)?.[1]).not.toBe(ids?.[1]);
  });

  it('gives a different rendition for a different content', async () => {
    const changed: RenderableDocument = { kind: 'invoice', content: { ...invoiceContent(10), number: 'ВН-2026-000018' } };
    expect(sha256(await renderDocumentPdf(changed, 'uk'))).not.toBe(sha256(await renderDocumentPdf(invoice, 'uk')));
  });

  /**
   * These digests pin the renditions. Signers sign these bytes and only the
   * CMS travels, so a change to the layout, the words, the font or the PDF
   * library makes every PDF signature made before it impossible to rebuild.
   * If this fails, the change must be deliberate (and old signed PDFs
   * handled), not a side effect of an upgrade.
   */
  it('renders the sample invoice and certificate to their pinned digests', async () => {
    expect({
      invoiceUk: sha256(await renderDocumentPdf(invoice, 'uk')),
      invoiceEn: sha256(await renderDocumentPdf(invoice, 'en')),
      certificateUk: sha256(await renderDocumentPdf(certificate, 'uk')),
    }).toEqual({
      invoiceUk: '12204445f19cf6a12586aeac47ec8ab0d9c1a3535fe7b9b978c2f7b82bef37b3',
      invoiceEn: 'aef0268cd75389f9a007843de8dde36907c92e3b0b946aea3776c10006b3ad71',
      certificateUk: 'f800b16f6476dc4bde5c28ad1fed3ea2bef569fc90264fbcba2400751d65c1cc',
    });
  });
});

describe('renderDocumentPdf: what a reader sees (pdftotext)', () => {
  const skip = missing(PDFTOTEXT);

  it.skipIf(skip)('prints every primary-document field of an invoice in Ukrainian', async () => {
    const text = words(pdfText(await renderDocumentPdf(invoice, 'uk')));
    const content = invoiceContent(10);
    expect(text).toContain('Видаткова накладна № ВН-2026-000017');
    expect(text).toContain('від 14.03.2026');
    expect(text).toContain(`ТОВ «Небесний щит», код ЄДРПОУ ${SUPPLIER_EDRPOU}`);
    expect(text).toContain('12-та окрема бригада, військова частина А1234');
    expect(text).toContain('замовлення № ЗМ-2026-000123');
    expect(text).toContain('Ударний FPV-дрон 10" з тепловізійною');
    expect(text).toContain('FPV-10-001');
    expect(text).toContain('шт.');
    expect(text).toContain('38 500,00');
    expect(text).toContain(`Усього: ${formatMoney(content.totalKopiykas, 'uk')}`);
    expect(formatMoney(content.totalKopiykas, 'uk')).toBe('1 174 134,75 грн');
    expect(text).toContain('Без ПДВ: постачання звільнене від оподаткування ПДВ');
    expect(text).toContain('Директор Шевченко Андрій Петрович');
    expect(text).toContain('Постачальник');
    expect(text).toContain('Отримувач');
    expect(text).toContain('Сторінка 1 з 1');
  });

  it.skipIf(skip)('prints the same invoice in English, Cyrillic names as they are', async () => {
    const text = words(pdfText(await renderDocumentPdf(invoice, 'en')));
    expect(text).toContain('Expenditure invoice No. ВН-2026-000017');
    expect(text).toContain('dated 14 March 2026');
    expect(text).toContain(`EDRPOU code ${SUPPLIER_EDRPOU}`);
    expect(text).toContain('Ударний FPV-дрон 10" з тепловізійною');
    expect(text).toContain('pcs');
    expect(text).toContain('38,500.00');
    expect(text).toContain('Total: UAH 1,174,134.75');
    expect(text).toContain('Not subject to VAT');
    expect(text).toContain('Handed over for the supplier by');
    expect(text).toContain('Page 1 of 1');
  });

  it.skipIf(skip)('prints a certificate with its period, its invoices and its three signature slots, in both languages', async () => {
    const uk = words(pdfText(await renderDocumentPdf(certificate, 'uk')));
    expect(uk).toContain('Акт приймання-передачі № АПП-2026-000003');
    expect(uk).toContain('з 01.03.2026 по 31.03.2026');
    expect(uk).toContain(`код ЄДРПОУ ${SUPPLIER_EDRPOU}`);
    expect(uk).toContain('ВН-2026-000102');
    expect(uk).toContain(certificateContent(3).invoices[2]?.invoiceDigest);
    expect(uk).toContain(certificateContent(3).invoices[2]?.receiptDigest);
    expect(uk).toContain(`Усього: ${formatMoney(certificateContent(3).totalKopiykas, 'uk')}`);
    for (const slot of ['Постачальник', 'Командир', 'Агенція']) expect(uk).toContain(slot);
    const en = words(pdfText(await renderDocumentPdf(certificate, 'en')));
    expect(en).toContain('Acceptance certificate No. АПП-2026-000003');
    expect(en).toContain('from 1 March 2026 to 31 March 2026');
    expect(en).toContain(`Total: ${formatMoney(certificateContent(3).totalKopiykas, 'en')}`);
    for (const slot of ['Supplier', 'Commander', 'Agency']) expect(en).toContain(slot);
  });

  it.skipIf(skip)('prints an order with its money and e-point lines and the Kyiv time it was drawn up', async () => {
    const uk = words(pdfText(await renderDocumentPdf(order, 'uk')));
    expect(uk).toContain('Замовлення № 01890f4e-8a4c-7cc1-9f3e-0123456789ab');
    expect(uk).toContain('від 01.03.2026 23:45 (за київським часом)');
    expect(uk).toContain('Засіб РЕБ «Купол-1»');
    expect(uk).toContain('1 050 балів');
    expect(uk).toContain('Коваленко Олена Іванівна');
    expect(uk).toContain(`Усього коштами: ${formatMoney(orderContent(5).totals.moneyKopiykas, 'uk')}`);
    const en = words(pdfText(await renderDocumentPdf(order, 'en')));
    expect(en).toContain('Order No. 01890f4e-8a4c-7cc1-9f3e-0123456789ab');
    expect(en).toContain('1,050 points');
  });

  it.skipIf(skip)(`runs a certificate of ${CERTIFICATE_MAX_INVOICES} invoices over as many pages as it needs, none lost`, async () => {
    const content = certificateContent(CERTIFICATE_MAX_INVOICES);
    const text = words(pdfText(await renderDocumentPdf({ kind: 'certificate', content }, 'uk')));
    const pages = Number(/Сторінка 1 з (\d+)/u.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(10);
    expect(text).toContain(`Сторінка ${pages} з ${pages}`);
    for (const ref of content.invoices) expect(text).toContain(ref.number);
    // The header is repeated on every page.
    expect(text.split('Прийнято на суму').length - 1).toBe(pages);
    expect(text).toContain(`Усього: ${formatMoney(content.totalKopiykas, 'uk')}`);
  });

  it.skipIf(skip)(`runs an order of ${ORDER_MAX_LINES} lines and an invoice of ${DOCUMENT_MAX_LINES} over several pages`, async () => {
    const orderText = words(pdfText(await renderDocumentPdf({ kind: 'order', content: orderContent(ORDER_MAX_LINES) }, 'en')));
    expect(orderText).toMatch(/Page 1 of [2-9]/u);
    expect(orderText).toContain(`Засіб РЕБ «Купол-${ORDER_MAX_LINES}»`);
    const invoiceText = words(pdfText(await renderDocumentPdf({ kind: 'invoice', content: invoiceContent(DOCUMENT_MAX_LINES) }, 'uk')));
    expect(invoiceText).toMatch(/Сторінка 1 з [2-9]/u);
    expect(invoiceText).toContain(`FPV-10-${DOCUMENT_MAX_LINES}`);
  });
});
