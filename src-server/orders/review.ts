import type { Order } from '@shared/service/orders';
import type { Db } from '../store/database';
import { changeOrderStatus } from '../store/orders';
import { requireStatus } from './lookup';

/** The agency's other answers to a submitted order (commit is commit.ts). */

/** Back to the orderer with the agency's comment: they edit and sign the next version. */
export function returnOrder(db: Db, order: Order, comment: string, now: number): void {
  requireStatus(order, ['submitted'], 'returned');
  changeOrderStatus(db, order.id, { status: 'returned' }, { at: now, actor: 'agency', note: comment });
}

export function rejectOrder(db: Db, order: Order, reason: string, now: number): void {
  requireStatus(order, ['submitted'], 'rejected');
  changeOrderStatus(db, order.id, { status: 'rejected' }, { at: now, actor: 'agency', note: reason });
}
