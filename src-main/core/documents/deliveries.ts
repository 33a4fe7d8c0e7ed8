import type { OrderStatus } from '@shared/api/ordering';
import type { Db } from '../store/db';
import { documentIntentFlags } from './document-outbox';
import { readInvoicesOfOrder, readSignedReceiptsOfOrder } from './invoices-repo';

/**
 * What the unit has received of an order, by product, from the receipts
 * this laptop holds: the service's (on its invoices) and its own signed
 * ones still on their way (a refused one does not count). The orders page
 * shows the larger of this and the service's own count, so a receipt
 * signed at the drop-off point shows at once, and nothing flickers back
 * while the service's order row catches up after the sync that carries it.
 */
export function receivedByProduct(db: Db, orderId: string): Map<string, number> {
  const received = new Map<string, number>();
  const add = (lines: ReadonlyArray<{ productId: string; receivedQuantity: number }>) => {
    for (const line of lines) received.set(line.productId, (received.get(line.productId) ?? 0) + line.receivedQuantity);
  };
  const invoices = readInvoicesOfOrder(db, orderId);
  for (const invoice of invoices) if (invoice.receipt) add(invoice.receipt.content.lines);
  const onService = new Set(invoices.filter((invoice) => invoice.receipt !== null).map((invoice) => invoice.id));
  const local = readSignedReceiptsOfOrder(db, orderId).filter((signed) => !onService.has(signed.invoiceId));
  if (local.length > 0) {
    const flags = documentIntentFlags(db, 'invoice.sign');
    for (const signed of local) if (!flags.get(signed.invoiceId)?.attention) add(signed.content.lines);
  }
  return received;
}

/** Statuses a receipt moves an order on from. */
const DELIVERING: readonly OrderStatus[] = ['committed', 'in_delivery', 'partially_delivered'];

/**
 * The order's status as the service will have it once this laptop's
 * receipts reach it: partially delivered, or delivered when every line has
 * all it ordered. Without a receipt of its own on the way, the service's.
 */
export function statusWithReceipts(db: Db, orderId: string, status: OrderStatus, lines: ReadonlyArray<{ productId: string; quantity: number }>): OrderStatus {
  if (!DELIVERING.includes(status) || readSignedReceiptsOfOrder(db, orderId).length === 0) return status;
  const received = receivedByProduct(db, orderId);
  if ([...received.values()].every((quantity) => quantity === 0)) return status;
  return lines.every((line) => (received.get(line.productId) ?? 0) >= line.quantity) ? 'delivered' : 'partially_delivered';
}
