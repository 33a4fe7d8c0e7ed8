import type { Invoice, ReceiptContent } from '@shared/service/documents';
import type { ServiceOrderStatus } from '@shared/service/orders';
import { listNote } from '../orders/notes';
import type { Db } from '../store/database';
import { invoiceLines } from '../store/documents-invoices';
import { changeOrderStatus, readOrder } from '../store/orders';

/**
 * What a signed receipt does to its order: the received quantities count
 * as delivered on the order lines the invoice shipped, and the order is
 * delivered when every line is, partially delivered when anything is. The
 * timeline says what arrived short, damaged or wrong.
 */
export function recordDelivery(db: Db, invoice: Invoice, receipt: ReceiptContent, now: number): void {
  const received = new Map(receipt.lines.map((line) => [line.position, line.receivedQuantity]));
  const add = db.prepare('UPDATE order_lines SET delivered_quantity = delivered_quantity + ? WHERE order_id = ? AND position = ?');
  for (const line of invoiceLines(db, invoice.id)) {
    const quantity = received.get(line.position) ?? 0;
    if (quantity > 0) add.run(quantity, invoice.orderId, line.orderPosition);
  }
  const order = readOrder(db, invoice.orderId);
  const status: ServiceOrderStatus = order.lines.every((line) => line.deliveredQuantity >= line.quantity)
    ? 'delivered'
    : order.lines.some((line) => line.deliveredQuantity > 0)
      ? 'partially_delivered'
      : order.status;
  changeOrderStatus(db, order.id, { status }, { at: now, actor: 'unit', note: receiptNote(invoice, receipt) });
}

/** "Invoice ВН-2025-000001 received in full", or the lines that were not. */
export function receiptNote(invoice: Invoice, receipt: ReceiptContent): string {
  const skus = new Map(invoice.content.lines.map((line) => [line.position, line.sku]));
  const discrepancies = receipt.lines
    .filter((line) => line.receivedQuantity !== line.shippedQuantity || line.discrepancy !== null)
    .map((line) => {
      const what = line.discrepancy ? `${line.discrepancy.kind.replace('_', ' ')}${line.discrepancy.note ? `: ${line.discrepancy.note}` : ''}` : 'short';
      return `${skus.get(line.position) ?? line.productId} received ${line.receivedQuantity} of ${line.shippedQuantity} (${what})`;
    });
  if (discrepancies.length === 0) return `Invoice ${invoice.number} received in full`;
  return listNote(discrepancies, (list) => `Invoice ${invoice.number} received with discrepancies: ${list}`);
}
