import type { Order } from '@shared/service/orders';
import type { DeviceCaller } from '../../http/authenticate';
import type { Db } from '../../store/database';
import { findOrder } from '../../store/orders';
import { refuse } from './handler';

/**
 * The order an unsigned order intent (cancel, decline a proposal) is about:
 * one of the caller's unit, acted on by an orderer. Another unit's order is
 * "not found", so nothing is learnt of it.
 */
export function orderOfCallersUnit<T extends 'order.cancel' | 'order.decline_proposal'>(db: Db, caller: DeviceCaller, orderId: string): Order {
  if (!caller.person.roles.includes('orderer')) {
    refuse<T>('order.not_orderer', `${caller.person.username} does not hold the orderer role`, { username: caller.person.username });
  }
  const order = findOrder(db, orderId);
  if (!order || order.unitId !== caller.person.unitId) refuse<T>('order.not_found', `No order ${orderId} in your unit`, { orderId });
  return order;
}
