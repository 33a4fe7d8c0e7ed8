import type { OrderStatus } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import type { Db } from '../store/db';
import { readDraft, readDrafts, type DraftRecord } from './drafts-repo';
import { orderIntentFlags, orderIntentFlagsOf, type IntentFlags } from './order-outbox';
import { readServiceOrder, readServiceOrders, readSignedOrder, readSignedOrders, type ServiceOrder, type SignedOrder } from './orders-repo';

/**
 * One order as this laptop knows it: the service's row, with the officer's
 * own work laid over it (DESIGN.md, "Sync": server state with the pending
 * intents overlaid). A draft shows over a signed copy, which shows over the
 * service's row: each is a later version than what lies under it.
 */
export interface OrderRecord {
  id: string;
  draft: DraftRecord | undefined;
  signed: SignedOrder | undefined;
  service: ServiceOrder | undefined;
  /** An intent about the order is on its way (a signed copy whose intent has left the outbox is on its way too, until its row arrives). */
  pending: boolean;
  /** An intent about the order was refused and waits in "needs attention". */
  attention: boolean;
}

function record(id: string, parts: Pick<OrderRecord, 'draft' | 'signed' | 'service'>, flags: IntentFlags | undefined): OrderRecord {
  const attention = flags?.attention ?? false;
  const pending = (flags?.pending ?? false) || (parts.signed !== undefined && !attention);
  return { id, ...parts, pending, attention };
}

export function readOrderRecords(db: Db): OrderRecord[] {
  const drafts = new Map(readDrafts(db).map((draft) => [draft.id, draft]));
  const signed = new Map(readSignedOrders(db).map((copy) => [copy.id, copy]));
  const service = new Map(readServiceOrders(db).map((order) => [order.id, order]));
  const flags = orderIntentFlags(db);
  const ids = new Set([...drafts.keys(), ...signed.keys(), ...service.keys()]);
  return [...ids].map((id) => record(id, { draft: drafts.get(id), signed: signed.get(id), service: service.get(id) }, flags.get(id)));
}

export function readOrderRecord(db: Db, id: string): OrderRecord | undefined {
  const parts = { draft: readDraft(db, id), signed: readSignedOrder(db, id), service: readServiceOrder(db, id) };
  if (!parts.draft && !parts.signed && !parts.service) return undefined;
  return record(id, parts, orderIntentFlagsOf(db, id));
}

export function requireOrderRecord(db: Db, id: string): OrderRecord {
  const found = readOrderRecord(db, id);
  if (!found) throw new AppError('order.not_found', `No order ${id} on this laptop`, { id });
  return found;
}

/** Service states in which the service takes the unit's next version: after a return for revision, or to accept a proposal. */
export const NEW_VERSION_STATUSES: readonly ServiceOrder['status'][] = ['returned', 'proposal_received'];

export function statusOf(order: OrderRecord): OrderStatus {
  if (order.draft) return 'draft';
  if (order.signed) return 'signed';
  return (order.service as ServiceOrder).status;
}

export function notAllowed(order: OrderRecord, what: string): AppError {
  const status = statusOf(order);
  return new AppError('order.not_allowed', `An order that is ${status}${order.pending ? ' (with an intent on its way)' : ''} cannot be ${what}`, {
    status,
  });
}
