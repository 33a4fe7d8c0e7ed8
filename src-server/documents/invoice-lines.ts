import type { Order } from '@shared/service/orders';
import { ServiceError } from '../http/errors';
import { listNote } from '../orders/notes';

/**
 * What an invoice ships of an order. An order line is outstanding by what
 * was ordered less what the unit has received and what is on invoices
 * still awaiting its receipt (a shortage the unit noted stays outstanding:
 * the supplier ships it again). One product may be on two order lines
 * (part paid with money, part with e-points): a request names products,
 * and fills their lines in the order's order.
 */

export interface PlannedLine {
  /** The order line shipped (0-based). */
  orderPosition: number;
  productId: string;
  quantity: number;
}

export interface RequestedLine {
  productId: string;
  quantity: number;
}

export function outstandingByLine(order: Order, inTransit: ReadonlyMap<number, number>): number[] {
  return order.lines.map((line, position) => Math.max(0, line.quantity - line.deliveredQuantity - (inTransit.get(position) ?? 0)));
}

/** The lines to ship: those requested, or every outstanding quantity. Refuses (409) more than is outstanding. */
export function planInvoiceLines(order: Order, inTransit: ReadonlyMap<number, number>, requested: readonly RequestedLine[] | undefined): PlannedLine[] {
  const outstanding = outstandingByLine(order, inTransit);
  if (requested === undefined) {
    const all = outstanding.flatMap((quantity, orderPosition) => (quantity > 0 ? [{ orderPosition, productId: order.lines[orderPosition]?.productId as string, quantity }] : []));
    if (all.length === 0) throw new ServiceError('invoice.exceeds_outstanding', `Order ${order.number} has nothing outstanding to ship`);
    return all;
  }
  checkRequest(order, requested);
  const planned: PlannedLine[] = [];
  const short: string[] = [];
  for (const want of requested) {
    let left = want.quantity;
    order.lines.forEach((line, orderPosition) => {
      if (line.productId !== want.productId || left === 0) return;
      const take = Math.min(left, outstanding[orderPosition] ?? 0);
      if (take > 0) planned.push({ orderPosition, productId: want.productId, quantity: take });
      left -= take;
    });
    if (left > 0) {
      const sku = order.content.lines.find((line) => line.productId === want.productId)?.sku ?? want.productId;
      short.push(`${sku}: asked ${want.quantity}, outstanding ${want.quantity - left}`);
    }
  }
  if (short.length > 0) {
    throw new ServiceError('invoice.exceeds_outstanding', listNote(short, (list) => `Order ${order.number} has less outstanding than this invoice ships (${list})`));
  }
  return planned.sort((a, b) => a.orderPosition - b.orderPosition);
}

/** A product named twice, or one the order does not have, is a malformed request, not a state of the order. */
function checkRequest(order: Order, requested: readonly RequestedLine[]): void {
  const seen = new Set<string>();
  const issues: Array<{ path: string; message: string }> = [];
  requested.forEach((line, index) => {
    if (seen.has(line.productId)) issues.push({ path: `body.lines.${index}.productId`, message: 'the product is named twice' });
    else if (!order.lines.some((l) => l.productId === line.productId)) issues.push({ path: `body.lines.${index}.productId`, message: `not a product of order ${order.number}` });
    seen.add(line.productId);
  });
  if (issues.length > 0) throw new ServiceError('request.invalid', `Invalid invoice lines: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/** Whether the order still has `planned` outstanding: another invoice may have shipped some of it since it was planned. */
export function stillOutstanding(order: Order, inTransit: ReadonlyMap<number, number>, planned: readonly PlannedLine[]): boolean {
  const outstanding = outstandingByLine(order, inTransit);
  return planned.every((line) => line.quantity <= (outstanding[line.orderPosition] ?? 0));
}
