import type { CertificateContent } from '../../service/documents';
import { CONTENT_WIDTH } from './canvas';
import { formatAmount, formatDate, formatMoney } from './format';
import { messages, type Language } from './messages';
import type { DocumentModel } from './model';

/**
 * The acceptance certificate (акт приймання-передачі): the operation is the
 * list of the unit's signed invoices, each pinned by the digests of the
 * invoice and of the unit's receipt, which is what the three parties sign.
 */
export function certificateModel(content: CertificateContent, language: Language): DocumentModel {
  const m = messages[language];
  const heading = m.documentNumber(m.titles.certificate, content.number);
  const supplier = `${content.supplier.name}, ${m.edrpou} ${content.supplier.edrpou}`;
  const unit = m.unit(content.unit.name, content.unit.number);
  return {
    language,
    info: { title: heading, author: content.supplier.name, subject: content.certificateId, createdAt: new Date(content.issuedAt) },
    heading,
    dateLine: m.dated(formatDate(content.date, language)),
    fields: [
      { label: m.supplier, value: supplier },
      { label: m.recipient, value: unit },
      { label: m.period, value: m.periodValue(formatDate(content.period.from, language), formatDate(content.period.to, language)) },
      { label: m.documentId, value: content.certificateId },
    ],
    intro: m.certificate.operation(content.invoices.length),
    columns: [
      { header: m.columns.no, width: 26, align: 'right' },
      { header: m.columns.invoice, width: 110, align: 'left' },
      { header: m.columns.digests, width: CONTENT_WIDTH - 246, align: 'left', size: 6 },
      { header: `${m.columns.accepted}, ${m.currency}`, width: 110, align: 'right' },
    ],
    rows: content.invoices.map((invoice, i) => [
      String(i + 1),
      invoice.number,
      `${invoice.invoiceDigest}\n${invoice.receiptDigest}`,
      formatAmount(invoice.acceptedKopiykas, language),
    ]),
    totals: [{ label: m.total, value: formatMoney(content.totalKopiykas, language) }],
    notes: [],
    people: [
      ...content.handedOverBy.map((person) => ({ label: m.handedOverBy, value: `${person.position} ${person.fullName}` })),
      { label: m.receivedBy, value: m.certificate.commander },
    ],
    signatures: [
      { label: m.signatures.slots.supplier, value: supplier },
      { label: m.signatures.slots.commander, value: `${unit}, ${m.certificate.commander}` },
      { label: m.signatures.slots.agency, value: `${m.certificate.agency}, ${m.certificate.agencyName}` },
    ],
    footer: heading,
  };
}
