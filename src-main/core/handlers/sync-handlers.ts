import type { AttentionItem } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import { isIntentType } from '@shared/sync/intents';
import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import { hasIdentity } from '../identity/identity-repo';
import type { Session } from '../session/session';
import type { Db } from '../store';
import { readCard } from '../catalog/search';
import type { SyncEngine } from '../sync/engine';
import { discardRejected, rejectedIntents } from '../sync/outbox-repo';
import { queueIntent } from '../sync/queue';
import { scopeOfIntent } from '../sync/local-intents';
import { deleteUnitSignatureOfIntent, readCertificate } from '../documents/certificates-repo';
import { deleteSignedReceiptOfIntent, readInvoice } from '../documents/invoices-repo';
import { deleteSignedOfIntent } from '../orders/orders-repo';
import { readOrderRecord } from '../orders/records';
import { lookups, orderLabel } from '../orders/summary';

/** The product's name as the local catalogue holds it, or null when it holds no such product. */
function productLabel(db: Db, productId: string): string | null {
  return readCard(db, productId)?.name ?? null;
}

/** How the list names the entity an intent is about: a watched product's name, an order's number (or supplier), a document's number. */
function entityLabel(db: Db, type: string, entityId: string, payload: Record<string, unknown>): string | null {
  if (type.startsWith('watch.')) return typeof payload.productId === 'string' ? productLabel(db, payload.productId) : null;
  if (type.startsWith('order.')) {
    const order = readOrderRecord(db, entityId);
    return order ? orderLabel(order, lookups(db)) : null;
  }
  if (type === 'invoice.sign') return readInvoice(db, entityId)?.number ?? null;
  if (type === 'certificate.sign') return readCertificate(db, entityId)?.number ?? null;
  return null;
}

export interface SyncHandlerDeps {
  session: Session;
  engine: SyncEngine;
  clock: Clock;
}

type SyncMethods = 'syncStatus' | 'syncNow' | 'watchSet' | 'watchRemove' | 'attentionList' | 'attentionDiscard';

/**
 * Sync status, the "sync now" button, the watch intents and the
 * needs-attention list. An intent handler answers only after the intent is
 * committed to the outbox; the sync that carries it follows shortly.
 */
export function syncHandlers(deps: SyncHandlerDeps): Pick<HandlerTable, SyncMethods> {
  const { session, engine, clock } = deps;

  /** The product's name, or a translated refusal when this laptop does not hold it. */
  function requireProduct(db: Db, productId: string): string {
    const label = productLabel(db, productId);
    if (label === null) throw new AppError('catalog.unknown_product', `The local catalogue holds no product ${productId}`, { id: productId });
    return label;
  }

  return {
    syncStatus: async () => {
      await engine.refreshCounts();
      return engine.status();
    },

    // Locked: vault.locked. Not enrolled yet: nothing to sync, and the status says so (never synced, nothing pending).
    syncNow: async () => {
      const enrolled = await session.withStore((store) => hasIdentity(store.db));
      return enrolled ? engine.syncNow() : engine.status();
    },

    watchSet: async ({ productId, notify }) => {
      if (!notify.restock && !notify.price) {
        throw new AppError('request.invalid', 'A watch asks for at least one notification (restock or price); remove it instead');
      }
      await session.withStore((store) => {
        requireProduct(store.db, productId);
        queueIntent(store.db, 'watch.set', { productId, notify }, clock.now());
      });
      await engine.localChange(['watches'], true);
      return { restock: notify.restock, price: notify.price, pending: true };
    },

    watchRemove: async ({ productId }) => {
      await session.withStore((store) => {
        requireProduct(store.db, productId);
        queueIntent(store.db, 'watch.remove', { productId }, clock.now());
      });
      await engine.localChange(['watches'], true);
      return {};
    },

    attentionList: () =>
      session.withStore((store) =>
        rejectedIntents(store.db).map((item): AttentionItem => {
          const params = item.rejection.params
            ? Object.fromEntries(Object.entries(item.rejection.params).map(([key, value]) => [key, typeof value === 'boolean' ? String(value) : value]))
            : undefined;
          return {
            intentId: item.id,
            type: item.type,
            entityId: item.entityId,
            entityLabel: entityLabel(store.db, item.type, item.entityId, item.payload),
            reason: { code: item.rejection.code, message: item.rejection.message, ...(params ? { params } : {}) },
            createdAt: item.createdAt,
            rejectedAt: item.rejectedAt,
            // A watch has nothing to edit: asking again is a new watch from the product page.
            actions: isIntentType(item.type) && item.type.startsWith('watch.') ? ['discard'] : ['discard', 'edit'],
          };
        }),
      ),

    attentionDiscard: async ({ intentId }) => {
      const discarded = await session.withStore((store) =>
        store.db.transaction(() => {
          const item = rejectedIntents(store.db).find((candidate) => candidate.id === intentId);
          if (!item || !discardRejected(store.db, intentId)) return undefined;
          // A refused signed order given up: its local signed copy goes with it (the service's row, if any, shows again).
          if (item.type === 'order.submit') deleteSignedOfIntent(store.db, intentId);
          // A refused receipt or commander signature given up: the document awaits the unit again, to be signed anew.
          if (item.type === 'invoice.sign') deleteSignedReceiptOfIntent(store.db, intentId);
          if (item.type === 'certificate.sign') deleteUnitSignatureOfIntent(store.db, intentId);
          return item;
        })(),
      );
      if (!discarded) throw new AppError('sync.attention_not_found', `No intent ${intentId} needs attention`, { intentId });
      const scope = scopeOfIntent(discarded.type);
      await engine.localChange(scope ? [scope] : [], false);
      return {};
    },
  };
}
