import {
  AcceptanceCertificateSchema,
  CERTIFICATE_CONTENT_SCHEMA,
  INVOICE_CONTENT_SCHEMA,
  InvoiceSchema,
  RECEIPT_CONTENT_SCHEMA,
  VAT_EXEMPTION_NOTE,
  type AcceptanceCertificate,
  type DocumentSignature,
  type Invoice,
  type InvoiceContent,
  type ReceiptContent,
} from '@shared/service/documents';
import { edrpouCheckDigit } from '@shared/service/edrpou';
import { acceptedKopiykas, invoiceDigest, receiptDigest, type DocumentTrust } from '@shared/node/documents';
import { canonicalJsonBytes, signDetached, type CmsSigner } from '@shared/node/signing';
import { AT, createFixture, NOW, UNIT, type Fixture, type Organisation, type Person } from '../signing/fixtures';

/**
 * Delivery documents signed for real: a supplier and the agency with
 * organisation certificates, a receiver and a commander of UNIT with device
 * certificates, all from the service's own CA code. Invoices, receipts and
 * acceptance certificates are built as the service and the laptops build
 * them and checked against the contract's schemas.
 *
 * The PDF signatures of a DocumentSignature are placeholders: the checks
 * under test judge the CMS over canonical JSON, and PDF signing has tests
 * of its own.
 */

export const HOUR = 3600_000;
const PDF_PLACEHOLDER = Buffer.from('not a PDF signature').toString('base64');

export function edrpou(firstSeven: string): string {
  const digit = edrpouCheckDigit(firstSeven);
  if (digit === null) throw new Error(`no ЄДРПОУ starts with ${firstSeven}`);
  return `${firstSeven}${digit}`;
}

export interface World {
  fx: Fixture;
  supplier: Organisation;
  agency: Organisation;
  receiver: Person;
  commander: Person;
  trust: DocumentTrust;
  close(): void;
}

export async function createWorld(options: { bits?: number } = {}): Promise<World> {
  const fx = await createFixture();
  const { bits } = options;
  return {
    fx,
    supplier: fx.organisation({ kind: 'supplier', name: 'ТОВ «Небесний щит»', edrpou: edrpou('4312345'), bits }),
    agency: fx.organisation({ kind: 'agency', name: 'ДП «Агенція оборонних закупівель»', edrpou: edrpou('4452187'), bits }),
    receiver: fx.person({ username: 'receiver', roles: ['receiver'], bits }),
    commander: fx.person({ username: 'commander', roles: ['commander'], bits }),
    trust: { caCertificatePems: [fx.ca.certificatePem], now: NOW },
    close: () => fx.close(),
  };
}

export function signature(content: unknown, signer: CmsSigner, signingTime: Date): DocumentSignature {
  const cms = signDetached(canonicalJsonBytes(content), signer, signingTime).toString('base64');
  return { cms, pdf: { uk: PDF_PLACEHOLDER, en: PDF_PLACEHOLDER }, receivedAt: new Date(signingTime.getTime() + 60_000).toISOString() };
}

/** The n-th id of a kind, as UUIDv7-shaped as the schemas want. */
export function id(kind: number, n: number): string {
  return `01890f4e-8a4c-7cc1-9f3e-${kind.toString(16).padStart(4, '0')}${n.toString(16).padStart(8, '0')}`;
}

export function invoiceContent(n: number, supplier: Organisation, unit: { id: string; number: string; name: string } = UNIT): InvoiceContent {
  const lines = [0, 1, 2].map((i) => {
    const quantity = 2 + ((n + i) % 5);
    const unitPriceKopiykas = 3_850_000 + i * 1_250_000;
    return {
      position: i + 1,
      productId: id(0x10, i),
      sku: `FPV-10-${i}`,
      name: `FPV-дрон ударний 10" модель ${i}`,
      unitOfMeasure: 'шт.',
      quantity,
      unitPriceKopiykas,
      totalKopiykas: quantity * unitPriceKopiykas,
    };
  });
  return {
    schema: INVOICE_CONTENT_SCHEMA,
    invoiceId: id(0x20, n),
    number: `ВН-2025-${String(n).padStart(6, '0')}`,
    date: '2025-06-02',
    supplier: { id: supplier.identity.organisationId, name: supplier.identity.name, edrpou: supplier.identity.edrpou },
    unit: { id: unit.id, number: unit.number, name: unit.name },
    contract: { orderId: id(0x30, n), orderNumber: `ЗМ-${n}` },
    lines,
    totalKopiykas: lines.reduce((sum, line) => sum + line.totalKopiykas, 0),
    vatNote: VAT_EXEMPTION_NOTE,
    handedOverBy: [{ position: 'Менеджер з логістики', fullName: 'Петренко Петро Петрович' }],
    issuedAt: AT.toISOString(),
  };
}

/** An invoice as the service publishes it once the supplier signed: `content` may be edited before signing. */
export function issueInvoice(world: World, n: number, options: { by?: { signer: CmsSigner }; content?: InvoiceContent; at?: Date } = {}): Invoice {
  const content = options.content ?? invoiceContent(n, world.supplier);
  return InvoiceSchema.parse({
    id: content.invoiceId,
    number: content.number,
    orderId: content.contract.orderId,
    unitId: content.unit.id,
    supplierId: content.supplier.id,
    status: 'issued',
    content,
    supplierSignature: signature(content, (options.by ?? world.supplier).signer, options.at ?? AT),
    receipt: null,
    updatedAt: AT.toISOString(),
    changeSeq: n,
  });
}

export function receiptContent(invoice: Invoice, receiver: Person, received?: readonly number[]): ReceiptContent {
  return {
    schema: RECEIPT_CONTENT_SCHEMA,
    invoiceId: invoice.id,
    invoiceDigest: invoiceDigest(invoice.content),
    unit: { id: invoice.content.unit.id, number: invoice.content.unit.number },
    lines: invoice.content.lines.map((line, i) => {
      const receivedQuantity = received?.[i] ?? line.quantity;
      return {
        position: line.position,
        productId: line.productId,
        shippedQuantity: line.quantity,
        receivedQuantity,
        discrepancy: receivedQuantity === line.quantity ? null : { kind: 'short' as const, note: 'не вистачає' },
      };
    }),
    receivedBy: { personId: receiver.claims.personId, username: receiver.claims.username, fullName: receiver.fullName },
    receivedAt: new Date(AT.getTime() + HOUR).toISOString(),
  };
}

/** The unit's receiver signs the receipt (by default of everything shipped). */
export function receiveInvoice(
  invoice: Invoice,
  receiver: Person,
  options: { by?: CmsSigner; content?: ReceiptContent; received?: readonly number[]; at?: Date } = {},
): Invoice {
  const content = options.content ?? receiptContent(invoice, receiver, options.received);
  const receipt = { content, signature: signature(content, options.by ?? receiver.signer, options.at ?? new Date(AT.getTime() + HOUR)) };
  return { ...invoice, status: 'received', receipt };
}

/** The supplier draws up an acceptance certificate of received invoices and signs it; `edit` changes the content before signing. */
export function drawUpCertificate(
  world: World,
  invoices: readonly Invoice[],
  options: { by?: CmsSigner; edit?: (content: AcceptanceCertificate['content']) => void; at?: Date; unit?: typeof UNIT } = {},
): AcceptanceCertificate {
  const unit = options.unit ?? UNIT;
  const refs = invoices.map((invoice) => {
    if (!invoice.receipt) throw new Error(`invoice ${invoice.number} was not received`);
    return {
      invoiceId: invoice.id,
      number: invoice.number,
      invoiceDigest: invoiceDigest(invoice.content),
      receiptDigest: receiptDigest(invoice.receipt.content),
      acceptedKopiykas: acceptedKopiykas(invoice.content, invoice.receipt.content),
    };
  });
  const { identity } = world.supplier;
  const content: AcceptanceCertificate['content'] = {
    schema: CERTIFICATE_CONTENT_SCHEMA,
    certificateId: id(0x40, 1),
    number: 'АПП-2025-000001',
    date: '2025-06-02',
    period: { from: '2025-06-01', to: '2025-06-02' },
    supplier: { id: identity.organisationId, name: identity.name, edrpou: identity.edrpou },
    unit: { id: unit.id, number: unit.number, name: unit.name },
    invoices: refs,
    totalKopiykas: refs.reduce((sum, ref) => sum + ref.acceptedKopiykas, 0),
    handedOverBy: [{ position: 'Директор', fullName: 'Іваненко Іван Іванович' }],
    issuedAt: new Date(AT.getTime() + 2 * HOUR).toISOString(),
  };
  options.edit?.(content);
  return AcceptanceCertificateSchema.parse({
    id: content.certificateId,
    number: content.number,
    unitId: content.unit.id,
    supplierId: content.supplier.id,
    status: 'issued',
    content,
    signatures: { supplier: signature(content, options.by ?? world.supplier.signer, options.at ?? new Date(AT.getTime() + 2 * HOUR)), unit: null, agency: null },
    paidAt: null,
    updatedAt: AT.toISOString(),
    changeSeq: 1,
  });
}

/** The commander (slot unit) or the agency signs the certificate's content as it stands. */
export function signCertificate(certificate: AcceptanceCertificate, slot: 'unit' | 'agency', by: CmsSigner, at?: Date): AcceptanceCertificate {
  const when = at ?? new Date(AT.getTime() + (slot === 'unit' ? 3 : 4) * HOUR);
  return { ...certificate, signatures: { ...certificate.signatures, [slot]: signature(certificate.content, by, when) } };
}

export function byId(invoices: readonly Invoice[]): Map<string, Invoice> {
  return new Map(invoices.map((invoice) => [invoice.id, invoice]));
}
