import { cancellableStatuses } from '@shared/service/orders';
import { changeOrderStatus, readOrder } from '../../store/orders';
import { refuse, type IntentHandler } from './handler';
import { orderOfCallersUnit } from './order-unit';

/** The orderer withdraws an order the agency has not committed yet (DESIGN.md: cancelled is possible until committed). */
export const orderCancel: IntentHandler<'order.cancel'> = ({ db, now, caller, payload }) => {
  const order = orderOfCallersUnit<'order.cancel'>(db, caller, payload.orderId);
  if (!cancellableStatuses.includes(order.status)) {
    refuse<'order.cancel'>('order.not_cancellable', `Order ${order.number} is ${order.status} and can no longer be cancelled`, {
      number: order.number,
      status: order.status,
    });
  }
  changeOrderStatus(db, order.id, { status: 'cancelled' }, { at: now, actor: 'unit', note: payload.reason });
  return { order: readOrder(db, order.id) };
};
