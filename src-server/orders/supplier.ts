import type { Order } from '@shared/service/orders';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { changeOrderStatus, setLinesExpectedDate } from '../store/orders';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import { requireStatus } from './lookup';

/** The supplier's actions: answering a pre-order request, and shipping a committed order. */

/** A delivery date for a pre-order request; the orderer then accepts it (signing the next version) or declines. */
export function proposeDelivery(db: Db, order: Order, promisedDate: string, note: string | undefined, now: number): void {
  requireStatus(order, ['preorder_requested'], 'answered with a proposal');
  const today = kyivDate(now);
  if (promisedDate < today) throw new ServiceError('request.invalid', `The promised date ${promisedDate} is before today (${today})`);
  changeOrderStatus(db, order.id, { status: 'proposal_received', promisedDate }, { at: now, actor: 'supplier', note: note === undefined || note === '' ? null : note });
  setLinesExpectedDate(db, order.id, promisedDate);
}

export function declinePreorder(db: Db, order: Order, reason: string, now: number): void {
  requireStatus(order, ['preorder_requested'], 'declined');
  changeOrderStatus(db, order.id, { status: 'cancelled' }, { at: now, actor: 'supplier', note: reason });
}

export function shipOrder(db: Db, order: Order, now: number): void {
  requireStatus(order, ['committed'], 'shipped');
  changeOrderStatus(db, order.id, { status: 'in_delivery' }, { at: now, actor: 'supplier', note: null });
}
