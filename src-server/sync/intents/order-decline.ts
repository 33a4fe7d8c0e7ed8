import { changeOrderStatus, readOrder } from '../../store/orders';
import { refuse, type IntentHandler } from './handler';
import { orderOfCallersUnit } from './order-unit';

/** The orderer turns down the supplier's proposed date: the pre-order ends there (accepting it is signing the next version). */
export const orderDeclineProposal: IntentHandler<'order.decline_proposal'> = ({ db, now, caller, payload }) => {
  const order = orderOfCallersUnit<'order.decline_proposal'>(db, caller, payload.orderId);
  if (order.status !== 'proposal_received') {
    refuse<'order.decline_proposal'>('order.no_proposal', `Order ${order.number} is ${order.status}, not waiting for an answer to a proposal`, {
      number: order.number,
      status: order.status,
    });
  }
  changeOrderStatus(db, order.id, { status: 'cancelled' }, { at: now, actor: 'unit', note: 'The unit declined the proposed delivery date' });
  return { order: readOrder(db, order.id) };
};
