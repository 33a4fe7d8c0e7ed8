import type { Order } from '@shared/service/orders';
import type { Db } from '../store/database';
import { findProduct, updateProductStock } from '../store/catalogue';
import { listNote } from './notes';

/**
 * Stock of in-stock orders, taken when the agency commits (first come,
 * first served: the order committed first gets the last units).
 */

/**
 * The catalogue holds a sold-out product only with a lead time (it is then
 * offered for pre-order). A product that had none gets this estimate when
 * an order takes its last unit, until the supplier sets its own
 * (`admin product set-stock`).
 */
export const SOLD_OUT_LEAD_TIME_DAYS = 30;

export interface Shortage {
  productId: string;
  sku: string;
  name: string;
  ordered: number;
  inStock: number;
  /** Withdrawn since the order was signed: no stock, and no pre-order either. */
  withdrawn: boolean;
}

/** Quantities per product: one product may be on two lines (part paid with money, part with e-points). */
function quantities(order: Order): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of order.lines) totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
  return totals;
}

export function stockShortages(db: Db, order: Order): Shortage[] {
  const shortages: Shortage[] = [];
  for (const [productId, ordered] of quantities(order)) {
    const product = findProduct(db, productId);
    const withdrawn = !product?.active;
    const inStock = withdrawn ? 0 : product.stock;
    if (inStock < ordered) shortages.push({ productId, sku: product?.sku ?? productId, name: product?.name ?? '', ordered, inStock, withdrawn });
  }
  return shortages;
}

/** Take the order's quantities off the shelf; the caller has checked there is enough. */
export function reserveStock(db: Db, order: Order): void {
  for (const [productId, ordered] of quantities(order)) {
    const product = findProduct(db, productId);
    if (!product || product.stock < ordered) throw new Error(`Stock of ${productId} changed under a commit`);
    const stock = product.stock - ordered;
    const lead = stock === 0 ? (product.leadTimeDays ?? SOLD_OUT_LEAD_TIME_DAYS) : product.leadTimeDays;
    updateProductStock(db, productId, stock, lead);
  }
}

/** The rejection's reason: which products fall short, and the way on (a pre-order) where there is one. */
export function shortageNote(shortages: readonly Shortage[]): string {
  const short = shortages.filter((s) => !s.withdrawn);
  const withdrawn = shortages.filter((s) => s.withdrawn);
  const withdrawnNote = withdrawn.length === 0 ? '' : listNote(withdrawn.map((s) => `${s.sku} «${s.name}»`), (list) => `Withdrawn from the catalogue: ${list}.`);
  if (short.length === 0) return withdrawnNote;
  const items = short.map((s) => `${s.sku} «${s.name}» (ordered ${s.ordered}, in stock ${s.inStock})`);
  // Both kinds at once are rare; the stock part then gets what room the withdrawn part leaves.
  return listNote(items, (list) => `Not enough stock for ${list}; place a pre-order instead.${withdrawnNote ? ` ${withdrawnNote}` : ''}`);
}
