import { VAT_EXEMPTION_NOTE, type InvoiceContent } from '../../service/documents';
import { CONTENT_WIDTH } from './canvas';
import { formatAmount, formatDate, formatInteger, formatMoney } from './format';
import { messages, type Language } from './messages';
import type { DocumentModel } from './model';

/** The expenditure invoice (видаткова накладна) as the supplier issued it; the receipt is a document of its own. */
export function invoiceModel(content: InvoiceContent, language: Language): DocumentModel {
  const m = messages[language];
  const heading = m.documentNumber(m.titles.invoice, content.number);
  const notes = [content.vatNote];
  if (m.vatNoteEnglish && content.vatNote === VAT_EXEMPTION_NOTE) notes.push(m.vatNoteEnglish);
  const unitOfMeasure = (printed: string): string => m.unitsOfMeasure[printed] ?? printed;
  return {
    language,
    info: { title: heading, author: content.supplier.name, subject: content.invoiceId, createdAt: new Date(content.issuedAt) },
    heading,
    dateLine: m.dated(formatDate(content.date, language)),
    fields: [
      { label: m.supplier, value: `${content.supplier.name}, ${m.edrpou} ${content.supplier.edrpou}` },
      { label: m.recipient, value: m.unit(content.unit.name, content.unit.number) },
      { label: m.basisLabel, value: m.basis(content.contract.orderNumber) },
      { label: m.documentId, value: content.invoiceId },
    ],
    intro: null,
    columns: [
      { header: m.columns.no, width: 24, align: 'right' },
      { header: m.columns.name, width: CONTENT_WIDTH - 330, align: 'left' },
      { header: m.columns.sku, width: 70, align: 'left' },
      { header: m.columns.unitOfMeasure, width: 36, align: 'center' },
      { header: m.columns.quantity, width: 44, align: 'right' },
      { header: `${m.columns.price}, ${m.currency}`, width: 76, align: 'right' },
      { header: `${m.columns.amount}, ${m.currency}`, width: 80, align: 'right' },
    ],
    rows: content.lines.map((line) => [
      String(line.position),
      line.name,
      line.sku,
      unitOfMeasure(line.unitOfMeasure),
      formatInteger(line.quantity, language),
      formatAmount(line.unitPriceKopiykas, language),
      formatAmount(line.totalKopiykas, language),
    ]),
    totals: [{ label: m.total, value: formatMoney(content.totalKopiykas, language) }],
    notes,
    people: [
      ...content.handedOverBy.map((person) => ({ label: m.handedOverBy, value: `${person.position} ${person.fullName}` })),
      { label: m.receivedBy, value: m.receivedByPending },
    ],
    signatures: [
      { label: m.signatures.slots.supplier, value: `${content.supplier.name}, ${m.edrpou} ${content.supplier.edrpou}` },
      { label: m.signatures.slots.receiver, value: m.unit(content.unit.name, content.unit.number) },
    ],
    footer: heading,
  };
}

