import { i18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import type { ReceiptLineRow } from '../components/documents/ReceiptLinesTable.vue';

interface InvoiceLineFacts {
  position: number;
  name: string;
  sku: string;
}

interface ReceiptLineFacts {
  position: number;
  productId: string;
  shippedQuantity: number;
  receivedQuantity: number;
  discrepancy?: { kind: string; note?: string } | null;
}

/** A receipt's lines as ReceiptLinesTable shows them, named from the invoice they answer (with the SKU when asked). */
export function receiptLineRows(invoiceLines: readonly InvoiceLineFacts[], lines: readonly ReceiptLineFacts[], options: { sku: boolean }): ReceiptLineRow[] {
  const { t } = i18n.global;
  const byPosition = new Map(invoiceLines.map((line) => [line.position, line]));
  return lines.map((line) => {
    const invoiceLine = byPosition.get(line.position);
    return {
      position: line.position,
      name: invoiceLine?.name ?? line.productId,
      ...(options.sku ? { sku: invoiceLine?.sku ?? '' } : {}),
      shipped: formatNumber(line.shippedQuantity),
      received: formatNumber(line.receivedQuantity),
      short: line.receivedQuantity < line.shippedQuantity,
      discrepancy: line.discrepancy ? t(`documents.discrepancy.${line.discrepancy.kind}`) : '',
      note: line.discrepancy?.note ?? '',
    };
  });
}
