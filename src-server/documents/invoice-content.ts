import { v7 as uuidv7 } from 'uuid';
import type { Supplier } from '@shared/service/catalogue';
import { INVOICE_CONTENT_SCHEMA, InvoiceContentSchema, VAT_EXEMPTION_NOTE, type InvoiceContent } from '@shared/service/documents';
import type { Order } from '@shared/service/orders';
import { iso } from '../clock';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import type { Db } from '../store/database';
import { findProduct } from '../store/catalogue';
import type { UnitRecord } from '../store/units';
import type { PlannedLine } from './invoice-lines';
import { shipmentHandedOverBy } from './parties';

/** How the goods are counted on the invoice: pieces. */
export const UNIT_OF_MEASURE = 'шт.';

/**
 * The price an invoice line carries, in kopiykas. A money line keeps the
 * price the orderer signed. An e-points line was paid in points, which the
 * programme settles with the supplier in money; the invoice, a primary
 * document, states the goods' value in hryvnias, at the catalogue's price
 * when shipped.
 */
function unitPriceKopiykas(db: Db, order: Order, line: PlannedLine): number {
  const signed = order.content.lines[line.orderPosition];
  if (!signed) throw new Error(`Order ${order.number} has no line ${line.orderPosition}`);
  if (signed.funding === 'money') return signed.unitPrice;
  const product = findProduct(db, line.productId);
  if (!product) throw new Error(`Product ${line.productId} of order ${order.number} is not in the catalogue`);
  return product.priceKopiykas;
}

/** The invoice as the supplier signs it; checked against the shared schema, so the service never signs what the contract refuses. */
export function buildInvoiceContent(
  db: Db,
  input: { order: Order; supplier: Supplier; unit: UnitRecord; lines: readonly PlannedLine[]; number: string; now: number },
): InvoiceContent {
  const { order, supplier, unit, number, now } = input;
  const lines = input.lines.map((line, index) => {
    const signed = order.content.lines[line.orderPosition];
    const price = unitPriceKopiykas(db, order, line);
    return {
      position: index + 1,
      productId: line.productId,
      sku: signed?.sku ?? line.productId,
      name: signed?.name ?? line.productId,
      unitOfMeasure: UNIT_OF_MEASURE,
      quantity: line.quantity,
      unitPriceKopiykas: price,
      totalKopiykas: price * line.quantity,
    };
  });
  return InvoiceContentSchema.parse({
    schema: INVOICE_CONTENT_SCHEMA,
    invoiceId: uuidv7(),
    number,
    date: kyivDate(now),
    supplier: { id: supplier.id, name: supplier.name, edrpou: supplier.edrpou },
    unit: { id: unit.id, number: unit.number, name: unit.name },
    contract: { orderId: order.id, orderNumber: order.number },
    lines,
    totalKopiykas: lines.reduce((sum, line) => sum + line.totalKopiykas, 0),
    vatNote: VAT_EXEMPTION_NOTE,
    handedOverBy: shipmentHandedOverBy(supplier.id),
    issuedAt: iso(now),
  } satisfies InvoiceContent);
}
