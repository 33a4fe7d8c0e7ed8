import { cancellableStatuses } from '@shared/service/orders';
import type { Db } from '../store/db';
import { queueIntent } from '../sync/queue';
import { deleteDraft } from './drafts-repo';
import { discardRejectedOrderIntents } from './order-outbox';
import { deleteSigned } from './orders-repo';
import { notAllowed, requireOrderRecord } from './records';

/**
 * What cancelling did: `queued` sent the service an order.cancel (the order
 * shows its service state, pending, until the answer); `dropped` removed an
 * order the service never had (a draft, or a signed version it refused).
 */
export type CancelOutcome = 'queued' | 'dropped';

/**
 * Cancels an order before it is committed. The officer's own unsent work on
 * it (a revision draft, a refused signed version) goes too: a cancelled
 * order is not revised.
 */
export function cancelOrder(db: Db, id: string, reason: string, now: number): CancelOutcome {
  const order = requireOrderRecord(db, id);
  if (order.pending) throw notAllowed(order, 'cancelled');
  const { service } = order;
  if (service && !cancellableStatuses.includes(service.status)) throw notAllowed(order, 'cancelled');
  deleteDraft(db, id);
  deleteSigned(db, id);
  discardRejectedOrderIntents(db, id);
  if (!service) return 'dropped';
  queueIntent(db, 'order.cancel', { orderId: id, reason }, now);
  return 'queued';
}

/** Declines a supplier's proposal (the service cancels the order); a draft accepting it goes. */
export function declineProposal(db: Db, id: string, now: number): void {
  const order = requireOrderRecord(db, id);
  if (order.pending || order.signed || order.service?.status !== 'proposal_received') throw notAllowed(order, 'declined');
  deleteDraft(db, id);
  discardRejectedOrderIntents(db, id);
  queueIntent(db, 'order.decline_proposal', { orderId: id }, now);
}
