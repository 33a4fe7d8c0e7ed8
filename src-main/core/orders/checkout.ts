import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { CartLine, CheckoutRequestSchema } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import { budgetYearAt } from '@shared/domain/budget';
import type { Db } from '../store/db';
import { cartLineView, spendOf } from './cart';
import { deleteCartLine, readCartRows } from './cart-repo';
import { checkNeededBy } from './drafts';
import { writeDraft, type DraftLine } from './drafts-repo';
import { requireHromada } from './hromadas';
import { overBudgetError, readOutlook } from './outlook';

/** Checkout (issue 5, item 3): the cart becomes draft orders. The handler runs it in one transaction. */

export type CheckoutRequest = z.output<typeof CheckoutRequestSchema>;

function toDraftLine(line: CartLine): DraftLine {
  return { productId: line.productId, name: line.name, sku: line.sku, quantity: line.quantity, funding: line.funding, unitPrice: line.unitPrice };
}

/** Ids of orders made in one moment, in the order made: UUID v7s of `now` whose sequence field rises (as v7 sorts by it). */
function newOrderIds(now: number, count: number): string[] {
  const start = randomInt(0, 2 ** 30);
  return Array.from({ length: count }, (_unused, index) => uuidv7({ msecs: now, seq: start + index }));
}

/**
 * The cart becomes drafts, one per supplier and kind, lines in cart order,
 * at the catalogue's prices now; those lines leave the cart. Refused as a
 * whole when a line has a problem (the officer removes it or changes its
 * funding first), the hromada is unknown, a pre-order has no needed-by
 * date, or the cart is over budget.
 */
export function checkout(db: Db, request: CheckoutRequest, now: number): string[] {
  const lines = readCartRows(db).map(cartLineView);
  if (lines.length === 0 || lines.every((line) => line.problem !== null)) throw new AppError('cart.empty', 'The cart has nothing to order');
  const withdrawn = lines.find((line) => line.problem === 'withdrawn');
  if (withdrawn) {
    throw new AppError('cart.product_withdrawn', `${withdrawn.name} has been withdrawn from the catalogue`, { productId: withdrawn.productId, name: withdrawn.name });
  }
  const unpayable = lines.find((line) => line.problem === 'no_e_points_price');
  if (unpayable) {
    throw new AppError('cart.no_e_points_price', `${unpayable.name} cannot be paid with e-points`, { productId: unpayable.productId, name: unpayable.name });
  }
  requireHromada(db, request.hromadaCode);
  const neededBy = lines.some((line) => line.kind === 'preorder') ? checkNeededBy(request.neededBy, now) : null;
  const refusal = overBudgetError(readOutlook(db, budgetYearAt(now), spendOf(lines)));
  if (refusal) throw refusal;

  const groups = new Map<string, CartLine[]>();
  for (const line of lines) {
    const key = `${line.supplier.id}\u0000${line.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const at = new Date(now).toISOString();
  const ids = newOrderIds(now, groups.size);
  [...groups.values()].forEach((group, index) => {
    const first = group[0] as CartLine;
    const id = ids[index] as string;
    writeDraft(db, {
      id,
      version: 1,
      kind: first.kind,
      supplierId: first.supplier.id,
      supplierName: first.supplier.name,
      supplierBrand: first.supplier.brand,
      hromadaCode: request.hromadaCode,
      neededBy: first.kind === 'preorder' ? neededBy : null,
      promisedDate: null,
      lines: group.map(toDraftLine),
      createdAt: at,
      updatedAt: at,
    });
    for (const line of group) deleteCartLine(db, line.productId);
  });
  return ids;
}
