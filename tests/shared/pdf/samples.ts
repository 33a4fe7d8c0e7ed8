import { createHash } from 'node:crypto';
import {
  CERTIFICATE_CONTENT_SCHEMA,
  CertificateContentSchema,
  INVOICE_CONTENT_SCHEMA,
  InvoiceContentSchema,
  VAT_EXEMPTION_NOTE,
  type CertificateContent,
  type InvoiceContent,
} from '@shared/service/documents';
import { edrpouCheckDigit } from '@shared/service/edrpou';
import { ORDER_CONTENT_SCHEMA, OrderContentSchema, type OrderContent } from '@shared/service/orders';

/** Documents as the service and the client sign them, checked against the contract's schemas so the tests render only what could really arrive. */

const firstSeven = '4123456';
export const SUPPLIER_EDRPOU = `${firstSeven}${edrpouCheckDigit(firstSeven) ?? 0}`;

function id(n: number): string {
  return `01890f4e-8a4c-7cc1-9f3e-${n.toString(16).padStart(12, '0')}`;
}

const supplier = { id: id(0xa1), name: 'ТОВ «Небесний щит»', edrpou: SUPPLIER_EDRPOU };
const unit = { id: id(0xb1), number: 'А1234', name: '12-та окрема бригада' };

export function invoiceContent(lines = 10): InvoiceContent {
  const invoiceLines = Array.from({ length: lines }, (_, i) => {
    const quantity = 1 + (i % 5);
    const unitPriceKopiykas = 3_850_000 + i * 12_345;
    return {
      position: i + 1,
      productId: id(0x1000 + i),
      sku: `FPV-10-${String(i + 1).padStart(3, '0')}`,
      name: i === 0 ? 'Ударний FPV-дрон 10" з тепловізійною камерою' : `Комплект запасних пропелерів, модель ${i}`,
      unitOfMeasure: 'шт.',
      quantity,
      unitPriceKopiykas,
      totalKopiykas: quantity * unitPriceKopiykas,
    };
  });
  return InvoiceContentSchema.parse({
    schema: INVOICE_CONTENT_SCHEMA,
    invoiceId: id(0xc1),
    number: 'ВН-2026-000017',
    date: '2026-03-14',
    supplier,
    unit,
    contract: { orderId: '01890f4e-8a4c-7cc1-9f3e-0123456789ab', orderNumber: 'ЗМ-2026-000123' },
    lines: invoiceLines,
    totalKopiykas: invoiceLines.reduce((sum, line) => sum + line.totalKopiykas, 0),
    vatNote: VAT_EXEMPTION_NOTE,
    handedOverBy: [{ position: 'Директор', fullName: 'Шевченко Андрій Петрович' }],
    issuedAt: '2026-03-14T09:30:00.000Z',
  });
}

export function certificateContent(invoices = 3): CertificateContent {
  const refs = Array.from({ length: invoices }, (_, i) => ({
    invoiceId: id(0x2000 + i),
    number: `ВН-2026-${String(100 + i).padStart(6, '0')}`,
    invoiceDigest: createHash('sha256').update(`invoice ${i}`).digest('hex'),
    receiptDigest: createHash('sha256').update(`receipt ${i}`).digest('hex'),
    acceptedKopiykas: 1_234_567 + i * 100,
  }));
  return CertificateContentSchema.parse({
    schema: CERTIFICATE_CONTENT_SCHEMA,
    certificateId: id(0xd1),
    number: 'АПП-2026-000003',
    date: '2026-03-31',
    period: { from: '2026-03-01', to: '2026-03-31' },
    supplier,
    unit,
    invoices: refs,
    totalKopiykas: refs.reduce((sum, ref) => sum + ref.acceptedKopiykas, 0),
    handedOverBy: [{ position: 'Директор', fullName: 'Шевченко Андрій Петрович' }],
    issuedAt: '2026-03-31T12:00:00.000Z',
  });
}

export function orderContent(lines = 5): OrderContent {
  const orderLines = Array.from({ length: lines }, (_, i) => {
    const funding = i === 1 ? ('e_points' as const) : ('money' as const);
    const quantity = 2 + (i % 9);
    const unitPrice = funding === 'money' ? 4_200_000 + i * 1_000 : 350;
    return { productId: id(0x3000 + i), sku: `EW-${i + 1}`, name: `Засіб РЕБ «Купол-${i + 1}»`, quantity, funding, unitPrice, total: quantity * unitPrice };
  });
  const sum = (funding: string): number => orderLines.filter((l) => l.funding === funding).reduce((total, l) => total + l.total, 0);
  return OrderContentSchema.parse({
    schema: ORDER_CONTENT_SCHEMA,
    orderId: '01890f4e-8a4c-7cc1-9f3e-0123456789ab',
    version: 2,
    kind: 'preorder',
    unit: { id: unit.id, number: unit.number },
    supplier: { id: supplier.id, name: supplier.name },
    lines: orderLines,
    totals: { moneyKopiykas: sum('money'), ePoints: sum('e_points') },
    hromadaCode: 'UA32080090000058377',
    neededBy: '2026-04-15',
    promisedDate: null,
    author: { personId: id(0xe1), username: 'olena', fullName: 'Коваленко Олена Іванівна' },
    createdAt: '2026-03-01T21:45:10.000Z',
  });
}
