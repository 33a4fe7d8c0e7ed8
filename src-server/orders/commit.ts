import type { Order } from '@shared/service/orders';
import type { Db } from '../store/database';
import { changeOrderStatus, setLinesExpectedDate } from '../store/orders';
import { commitOrderFunds } from './budget';
import { addDays, kyivDate, kyivYear } from '@shared/domain/kyiv-calendar';
import { requireStatus } from './lookup';
import { reserveStock, shortageNote, stockShortages } from './stock';

/** DESIGN.md: an in-stock order gets a ship-by date seven days after the commit. */
export const SHIP_BY_DAYS = 7;

/**
 * The agency commits a submitted order: the budget first checked and
 * committed, then (in-stock orders) the stock taken, first come, first
 * served. An in-stock order the shelf can no longer cover is not committed
 * but rejected, naming the products and offering a pre-order; a budget
 * that cannot cover it refuses the commit and changes nothing (the agency
 * may then return or reject it).
 */
export function commitOrder(db: Db, order: Order, now: number): void {
  requireStatus(order, ['submitted'], 'committed');
  if (order.kind === 'in_stock') {
    const shortages = stockShortages(db, order);
    if (shortages.length > 0) {
      changeOrderStatus(db, order.id, { status: 'rejected' }, { at: now, actor: 'agency', note: shortageNote(shortages) });
      return;
    }
  }
  commitOrderFunds(db, order, kyivYear(now));
  if (order.kind === 'in_stock') reserveStock(db, order);
  const shipBy = order.kind === 'in_stock' ? addDays(kyivDate(now), SHIP_BY_DAYS) : null;
  changeOrderStatus(db, order.id, { status: 'committed', shipBy }, { at: now, actor: 'agency', note: null });
  setLinesExpectedDate(db, order.id, shipBy ?? order.promisedDate);
}
