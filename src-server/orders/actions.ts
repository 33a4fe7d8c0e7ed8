import type { Order, OrderActionRequest } from '@shared/service/orders';
import type { Db } from '../store/database';
import { readOrder } from '../store/orders';
import { commitOrder } from './commit';
import { requireOrder } from './lookup';
import { rejectOrder, returnOrder } from './review';
import { declinePreorder, proposeDelivery, shipOrder } from './supplier';

/**
 * One action of the agency or a supplier on an order, named by id or
 * number: the admin API and the command line both come here. It runs in
 * one transaction taken for writing at once, so two commits racing for the
 * last units are served one after the other; a refusal (ServiceError)
 * changes nothing.
 */
export function applyOrderAction(db: Db, now: number, ref: string, request: OrderActionRequest): Order {
  return db
    .transaction((): Order => {
      const order = requireOrder(db, ref);
      switch (request.action) {
        case 'commit':
          commitOrder(db, order, now);
          break;
        case 'return':
          returnOrder(db, order, request.comment, now);
          break;
        case 'reject':
          rejectOrder(db, order, request.reason, now);
          break;
        case 'propose':
          proposeDelivery(db, order, request.promisedDate, request.note, now);
          break;
        case 'decline':
          declinePreorder(db, order, request.reason, now);
          break;
        case 'ship':
          shipOrder(db, order, now);
          break;
      }
      return readOrder(db, order.id);
    })
    .immediate();
}
