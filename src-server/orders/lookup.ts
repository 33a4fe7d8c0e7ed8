import type { Order, ServiceOrderStatus } from '@shared/service/orders';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { findOrder, findOrderByNumber } from '../store/orders';

/** The operator types either: the client's UUID from a log, or the number the unit quotes on the phone. */
export function requireOrder(db: Db, ref: string): Order {
  const trimmed = ref.trim();
  const order = findOrder(db, trimmed) ?? findOrderByNumber(db, trimmed.toLocaleUpperCase('uk'));
  if (!order) throw new ServiceError('order.not_found', `No order ${trimmed}`);
  return order;
}

/** Refuse an action the order's status does not allow, saying what it is and what it would need to be. */
export function requireStatus(order: Order, allowed: readonly ServiceOrderStatus[], action: string): void {
  if (!allowed.includes(order.status)) {
    throw new ServiceError('order.invalid_state', `Order ${order.number} is ${order.status}; only an order that is ${allowed.join(' or ')} can be ${action}`);
  }
}
