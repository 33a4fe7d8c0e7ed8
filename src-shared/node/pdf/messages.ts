import type { PdfSignatureSlot } from './reasons';

/**
 * The words printed on documents, in Ukrainian and English. The renderer's
 * vue-i18n catalogue is not reachable from shared/node, and these words are
 * part of signed bytes: changing one changes every PDF rendered from then
 * on, so old signatures no longer rebuild (see render.ts).
 */
export type Language = 'uk' | 'en';

export interface Messages {
  documentNumber: (name: string, number: string) => string;
  dated: (date: string) => string;
  page: (n: number, of: number) => string;
  titles: { order: string; invoice: string; certificate: string };
  documentId: string;
  supplier: string;
  edrpou: string;
  militaryUnit: (number: string) => string;
  unit: (name: string, number: string) => string;
  recipient: string;
  orderer: string;
  basisLabel: string;
  basis: (orderNumber: string) => string;
  period: string;
  periodValue: (from: string, to: string) => string;
  columns: {
    no: string;
    name: string;
    sku: string;
    unitOfMeasure: string;
    quantity: string;
    funding: string;
    price: string;
    amount: string;
    invoice: string;
    digests: string;
    accepted: string;
  };
  /** Appended to money column headers. */
  currency: string;
  total: string;
  totalMoney: string;
  totalPoints: string;
  vatNoteEnglish: string | null;
  handedOverBy: string;
  receivedBy: string;
  receivedByPending: string;
  order: {
    version: string;
    kind: string;
    kinds: { in_stock: string; preorder: string };
    funding: { money: string; e_points: string };
    hromada: string;
    neededBy: string;
    promisedDate: string;
    createdAt: string;
    author: string;
    authorPosition: string;
  };
  certificate: {
    operation: (count: number) => string;
    commander: string;
    agency: string;
    agencyName: string;
  };
  signatures: {
    heading: string;
    note: string;
    slots: Record<PdfSignatureSlot, string>;
  };
  /** Units of measure as printed in invoices, and their English forms. */
  unitsOfMeasure: Readonly<Record<string, string>>;
  pieces: string;
}

function pluralUk(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

const uk: Messages = {
  documentNumber: (name, number) => `${name} № ${number}`,
  dated: (date) => `від ${date}`,
  page: (n, of) => `Сторінка ${n} з ${of}`,
  titles: { order: 'Замовлення', invoice: 'Видаткова накладна', certificate: 'Акт приймання-передачі' },
  documentId: 'Ідентифікатор документа',
  supplier: 'Постачальник',
  edrpou: 'код ЄДРПОУ',
  militaryUnit: (number) => `військова частина ${number}`,
  unit: (name, number) => `${name}, військова частина ${number}`,
  recipient: 'Отримувач',
  orderer: 'Замовник',
  basisLabel: 'Підстава',
  basis: (orderNumber) => `замовлення № ${orderNumber}`,
  period: 'Період',
  periodValue: (from, to) => `з ${from} по ${to}`,
  columns: {
    no: '№',
    name: 'Найменування',
    sku: 'Артикул',
    unitOfMeasure: 'Од. вим.',
    quantity: 'К-сть',
    funding: 'Джерело',
    price: 'Ціна',
    amount: 'Сума',
    invoice: 'Видаткова накладна',
    digests: 'Дайджести SHA-256: накладної / отримання',
    accepted: 'Прийнято на суму',
  },
  currency: 'грн',
  total: 'Усього',
  totalMoney: 'Усього коштами',
  totalPoints: 'Усього е-балами',
  vatNoteEnglish: null,
  handedOverBy: 'Від постачальника відпустив(ла)',
  receivedBy: 'Прийняв(ла)',
  receivedByPending: 'уповноважена особа військової частини (отримувач)',
  order: {
    version: 'Версія',
    kind: 'Вид',
    kinds: { in_stock: 'замовлення з наявності', preorder: 'передзамовлення' },
    funding: { money: 'кошти', e_points: 'е-бали' },
    hromada: 'Громада доставки (код КАТОТТГ)',
    neededBy: 'Потрібно до',
    promisedDate: 'Обіцяна дата поставки',
    createdAt: 'Складено',
    author: 'Склав(ла)',
    authorPosition: 'замовник військової частини',
  },
  certificate: {
    operation: (count) =>
      `Постачальник передав, а військова частина прийняла товари за ${count} ${pluralUk(count, 'видатковою накладною', 'видатковими накладними', 'видатковими накладними')}, наведеними нижче; кожну накладну та її отримання визначено дайджестом SHA-256 їхнього підписаного вмісту.`,
    commander: 'командир військової частини',
    agency: 'Агенція оборонних закупівель',
    agencyName: 'уповноважена особа',
  },
  signatures: {
    heading: 'Підписи',
    note: 'Документ підписано електронними підписами, вбудованими в цей файл PDF як його послідовні редакції; кожен підпис можна перевірити в програмі перегляду PDF або в Quartermaster.',
    slots: {
      orderer: 'Замовник',
      supplier: 'Постачальник',
      receiver: 'Отримувач',
      commander: 'Командир',
      agency: 'Агенція',
    },
  },
  unitsOfMeasure: {},
  pieces: 'шт.',
};

const en: Messages = {
  documentNumber: (name, number) => `${name} No. ${number}`,
  dated: (date) => `dated ${date}`,
  page: (n, of) => `Page ${n} of ${of}`,
  titles: { order: 'Order', invoice: 'Expenditure invoice', certificate: 'Acceptance certificate' },
  documentId: 'Document ID',
  supplier: 'Supplier',
  edrpou: 'EDRPOU code',
  militaryUnit: (number) => `military unit ${number}`,
  unit: (name, number) => `${name}, military unit ${number}`,
  recipient: 'Recipient',
  orderer: 'Orderer',
  basisLabel: 'Basis',
  basis: (orderNumber) => `order No. ${orderNumber}`,
  period: 'Period',
  periodValue: (from, to) => `from ${from} to ${to}`,
  columns: {
    no: 'No.',
    name: 'Description',
    sku: 'SKU',
    unitOfMeasure: 'Unit',
    quantity: 'Qty',
    funding: 'Paid in',
    price: 'Price',
    amount: 'Amount',
    invoice: 'Expenditure invoice',
    digests: 'SHA-256 digests: invoice / receipt',
    accepted: 'Accepted amount',
  },
  currency: 'UAH',
  total: 'Total',
  totalMoney: 'Total in money',
  totalPoints: 'Total in e-points',
  vatNoteEnglish:
    'Not subject to VAT: the supply is exempt from VAT for the period of martial law (subsection 2 of section XX of the Tax Code of Ukraine).',
  handedOverBy: 'Handed over for the supplier by',
  receivedBy: 'Received by',
  receivedByPending: "the military unit's authorised person (receiver)",
  order: {
    version: 'Version',
    kind: 'Type',
    kinds: { in_stock: 'order from stock', preorder: 'pre-order' },
    funding: { money: 'money', e_points: 'e-points' },
    hromada: 'Delivery hromada (KATOTTG code)',
    neededBy: 'Needed by',
    promisedDate: 'Promised delivery date',
    createdAt: 'Drawn up',
    author: 'Drawn up by',
    authorPosition: "the military unit's orderer",
  },
  certificate: {
    operation: (count) =>
      `The supplier handed over, and the military unit accepted, the goods under the ${count} expenditure ${count === 1 ? 'invoice' : 'invoices'} listed below; each invoice and its receipt are identified by the SHA-256 digest of their signed content.`,
    commander: "the military unit's commander",
    agency: 'Defence Procurement Agency',
    agencyName: 'authorised person',
  },
  signatures: {
    heading: 'Signatures',
    note: 'This document is signed with electronic signatures embedded in this PDF file as its successive revisions; each can be verified in a PDF viewer or in Quartermaster.',
    slots: {
      orderer: 'Orderer',
      supplier: 'Supplier',
      receiver: 'Receiver',
      commander: 'Commander',
      agency: 'Agency',
    },
  },
  unitsOfMeasure: { 'шт.': 'pcs', шт: 'pcs', 'компл.': 'set', 'кг': 'kg', 'м': 'm', 'л': 'l', 'уп.': 'pack' },
  pieces: 'pcs',
};

export const messages: Readonly<Record<Language, Messages>> = { uk, en };
