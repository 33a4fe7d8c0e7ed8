import type { Cart, CartLine } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import { budgetYearAt } from '@shared/domain/budget';
import { ORDER_LINE_MAX_QUANTITY, type FundingSource } from '@shared/service/orders';
import type { Db } from '../store/db';
import { clearCartLines, deleteCartLine, readCartRow, readCartRows, writeCartLine, type CartRow } from './cart-repo';
import { NO_SPEND, readOutlook, type Spend } from './outlook';
import { readCatalogueProduct, requireOrderableProduct, unitPriceOf, type CatalogueProduct } from './products';

/**
 * The cart (issue 5, item 1): lines as the officer sees them, each priced
 * at the catalogue's price now in its funding, with what it would become
 * (in stock or pre-order) and why it cannot be ordered, if so.
 */

export function cartLineView(row: CartRow): CartLine {
  const { live } = row;
  const priceKopiykas = live?.priceKopiykas ?? row.savedPriceKopiykas;
  const ePointsPrice = live ? live.ePointsPrice : row.savedEPointsPrice;
  const problem = !live ? 'withdrawn' : row.funding === 'e_points' && live.ePointsPrice === null ? 'no_e_points_price' : null;
  // A line that cannot be paid with e-points any more still shows the points it was priced at.
  const unitPrice = row.funding === 'money' ? priceKopiykas : (ePointsPrice ?? row.savedEPointsPrice ?? 0);
  const stock = live?.stock ?? 0;
  return {
    productId: row.productId,
    name: row.name,
    sku: row.sku,
    category: row.category,
    supplier: { id: row.supplierId, brand: row.supplierBrand, name: row.supplierName },
    quantity: row.quantity,
    funding: row.funding,
    ePointsPrice,
    priceKopiykas,
    unitPrice,
    lineTotal: unitPrice * row.quantity,
    kind: stock >= row.quantity ? 'in_stock' : 'preorder',
    stock,
    leadTimeDays: live?.leadTimeDays ?? null,
    problem,
    addedAt: row.addedAt,
  };
}

/** What the orderable lines take (a line with a problem cannot be ordered, so it takes nothing). */
export function spendOf(lines: readonly CartLine[]): Spend {
  return lines.reduce<Spend>(
    (sum, line) =>
      line.problem !== null
        ? sum
        : line.funding === 'money'
          ? { ...sum, moneyKopiykas: sum.moneyKopiykas + line.lineTotal }
          : { ...sum, ePoints: sum.ePoints + line.lineTotal },
    NO_SPEND,
  );
}

export function readCart(db: Db, now: number): Cart {
  const lines = readCartRows(db).map(cartLineView);
  const totals = spendOf(lines);
  return { lines, totals, budget: readOutlook(db, budgetYearAt(now), totals) };
}

/**
 * The product of a line being written, orderable now. A product the
 * catalogue no longer holds at all is "withdrawn" when the cart remembers
 * it (it arrived as a delete), and unknown otherwise.
 */
function requireCartProduct(db: Db, productId: string, existing: CartRow | undefined): CatalogueProduct {
  if (existing && !readCatalogueProduct(db, productId)) {
    throw new AppError('cart.product_withdrawn', `${existing.name} has been withdrawn from the catalogue`, { productId, name: existing.name });
  }
  return requireOrderableProduct(db, productId);
}

/** From a card or a product page: adds to the line's quantity; a new line is paid with money. */
export function addToCart(db: Db, productId: string, quantity: number, now: string): void {
  const existing = readCartRow(db, productId);
  const product = requireCartProduct(db, productId, existing);
  const total = (existing?.quantity ?? 0) + quantity;
  if (total > ORDER_LINE_MAX_QUANTITY) {
    throw new AppError('request.invalid', `A cart line holds at most ${ORDER_LINE_MAX_QUANTITY} of a product`, { max: ORDER_LINE_MAX_QUANTITY });
  }
  writeCartLine(db, product, total, existing?.funding ?? 'money', now);
}

/**
 * Sets a line's quantity and, if given, its funding (creating the line if
 * absent). The funding must be payable: e-points only for a product with an
 * e-points price. A withdrawn product's line can only be removed.
 */
export function setCartLine(db: Db, request: { productId: string; quantity: number; funding?: FundingSource | undefined }, now: string): void {
  const existing = readCartRow(db, request.productId);
  const product = requireCartProduct(db, request.productId, existing);
  const funding = request.funding ?? existing?.funding ?? 'money';
  unitPriceOf(product, funding);
  writeCartLine(db, product, request.quantity, funding, now);
}

export function removeFromCart(db: Db, productId: string): void {
  deleteCartLine(db, productId);
}

export function emptyCart(db: Db): void {
  clearCartLines(db);
}
