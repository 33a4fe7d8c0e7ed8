import type { OrderContent } from '../../service/orders';
import { CONTENT_WIDTH } from './canvas';
import { formatDate, formatInteger, formatMoney, formatPoints, formatTimestamp } from './format';
import { messages, type Language } from './messages';
import type { DocumentModel, Labelled } from './model';

/**
 * An order as its orderer signed it. The signed content has no service
 * number (the service adds one later) and no ЄДРПОУ of the unit, so the
 * order is named by its id and version, and the unit by its number.
 */
export function orderModel(content: OrderContent, language: Language): DocumentModel {
  const m = messages[language];
  const heading = m.documentNumber(m.titles.order, content.orderId);
  const unit = m.militaryUnit(content.unit.number);
  const dates: Labelled[] = [];
  if (content.neededBy) dates.push({ label: m.order.neededBy, value: formatDate(content.neededBy, language) });
  if (content.promisedDate) dates.push({ label: m.order.promisedDate, value: formatDate(content.promisedDate, language) });
  const totals: Labelled[] = [{ label: m.totalMoney, value: formatMoney(content.totals.moneyKopiykas, language) }];
  if (content.totals.ePoints > 0) totals.push({ label: m.totalPoints, value: formatPoints(content.totals.ePoints, language) });
  const price = (funding: OrderContent['lines'][number]['funding'], value: number): string =>
    funding === 'money' ? formatMoney(value, language) : formatPoints(value, language);
  return {
    language,
    info: { title: heading, author: unit, subject: content.orderId, createdAt: new Date(content.createdAt) },
    heading,
    dateLine: m.dated(formatTimestamp(content.createdAt, language)),
    fields: [
      { label: m.orderer, value: unit },
      { label: m.supplier, value: content.supplier.name },
      { label: m.order.kind, value: m.order.kinds[content.kind] },
      { label: m.order.version, value: String(content.version) },
      { label: m.order.hromada, value: content.hromadaCode },
      ...dates,
      { label: m.documentId, value: content.orderId },
    ],
    intro: null,
    columns: [
      { header: m.columns.no, width: 24, align: 'right' },
      { header: m.columns.name, width: CONTENT_WIDTH - 360, align: 'left' },
      { header: m.columns.sku, width: 64, align: 'left' },
      { header: m.columns.unitOfMeasure, width: 32, align: 'center' },
      { header: m.columns.quantity, width: 40, align: 'right' },
      { header: m.columns.funding, width: 48, align: 'center' },
      { header: m.columns.price, width: 72, align: 'right' },
      { header: m.columns.amount, width: 80, align: 'right' },
    ],
    rows: content.lines.map((line, i) => [
      String(i + 1),
      line.name,
      line.sku,
      m.pieces,
      formatInteger(line.quantity, language),
      m.order.funding[line.funding],
      price(line.funding, line.unitPrice),
      price(line.funding, line.total),
    ]),
    totals,
    notes: [],
    people: [{ label: m.order.author, value: `${m.order.authorPosition} ${content.author.fullName} (${content.author.username})` }],
    signatures: [{ label: m.signatures.slots.orderer, value: `${unit}, ${content.author.fullName}` }],
    footer: heading,
  };
}
