import type { Product } from '@shared/service/catalogue';
import type { OrderContent } from '@shared/service/orders';
import { formatPrice } from './money';
import { listNote } from './notes';

/**
 * The price an orderer signed stands: the service never reprices a signed
 * order. When the catalogue price has moved since signing, the order is
 * stored and returned at once for the orderer to edit and sign again; these
 * are the lines that say why.
 */
export interface PriceChange {
  line: number;
  sku: string;
  funding: 'money' | 'e_points';
  signed: number;
  now: number;
}

export function priceChanges(content: OrderContent, products: ReadonlyMap<string, Product>): PriceChange[] {
  return content.lines.flatMap((line, index) => {
    const product = products.get(line.productId);
    const current = line.funding === 'money' ? product?.priceKopiykas : product?.ePointsPrice;
    if (current === undefined || current === null || current === line.unitPrice) return [];
    return [{ line: index + 1, sku: line.sku, funding: line.funding, signed: line.unitPrice, now: current }];
  });
}

export function priceChangeNote(changes: readonly PriceChange[]): string {
  const lines = changes.map((c) => `line ${c.line} ${c.sku}: signed ${formatPrice(c.signed, c.funding)}, now ${formatPrice(c.now, c.funding)}`);
  return listNote(lines, (list) => `Prices changed since signing (${list}). Edit the order and sign it again.`);
}
