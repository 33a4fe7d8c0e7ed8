import type { AppNotification } from '@shared/api/contract';
import type { OrderStatus } from '@shared/api/ordering';
import type { Order } from '@shared/service/orders';
import type { EntityApplier } from '../sync/applier';
import type { Db } from '../store/db';
import { deleteDraftUpTo } from './drafts-repo';
import { clearServiceOrders, deleteServiceOrder, readServiceStatus, readSignedOrder, deleteSignedUpTo, writeServiceOrder } from './orders-repo';
import { lookups } from './summary';

/**
 * How the `orders` scope reaches the store (and how an applied order intent
 * writes its result, through the same code: sync/local-intents.ts). Like
 * the catalogue's appliers it trusts its data: the engine checked the page
 * against OrderSchema.
 *
 * When the service has a version, this laptop's signed copy of it (or of
 * an earlier one) gives way to the service's row, and a draft of a version
 * the service already holds is dropped: it could never be signed.
 */

/** What the laptop showed before this row: its own signed version on its way, else the service's last status. */
function shownStatus(db: Db, id: string, order: Order): OrderStatus | null {
  const signed = readSignedOrder(db, id);
  if (signed && signed.version <= order.content.version) return 'signed';
  return readServiceStatus(db, id)?.status ?? null;
}

/**
 * The officer is told when an order moves: a status that differs from the
 * one shown. Not for an order seen for the first time (a new laptop's first
 * sync, another officer's order), and not for the arrival of the laptop's
 * own signature as the submission it is.
 */
function statusNotification(db: Db, id: string, order: Order, before: OrderStatus | null): AppNotification[] {
  if (before === null || before === order.status) return [];
  if (before === 'signed' && (order.status === 'submitted' || order.status === 'preorder_requested')) return [];
  const supplier = lookups(db).supplier(order.supplierId);
  return [
    {
      kind: 'order_status',
      orderId: id,
      orderNumber: order.number,
      supplierBrand: supplier?.brand || order.content.supplier.name,
      status: order.status,
      previousStatus: before,
    },
  ];
}

export const orderApplier: EntityApplier = {
  entity: 'order',
  upsert(db, id, data) {
    const order = data as Order;
    const before = shownStatus(db, id, order);
    writeServiceOrder(db, id, order);
    deleteSignedUpTo(db, id, order.content.version);
    deleteDraftUpTo(db, id, order.content.version);
    return statusNotification(db, id, order, before);
  },
  remove(db, id) {
    deleteServiceOrder(db, id);
  },
  clear(db) {
    // The officer's drafts and signed copies are not the scope's: a reset leaves them.
    clearServiceOrders(db);
  },
};
