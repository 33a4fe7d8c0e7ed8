import { intentTypes, isIntentType, type IntentType } from '@shared/sync/intents';
import { parseSyncCursor, type SyncScope } from '@shared/sync/scopes';
import type { SyncEntity } from '@shared/sync/changes';
import type { Db } from '../store';
import type { EntityApplier } from './applier';
import type { StoredCursor } from './state-repo';

/**
 * What an applied intent changes locally, per intent type, so the officer's
 * own work never flickers between "pending" and "confirmed": the result is
 * written through the same applier a pull would use, in the transaction
 * that removes the intent from the outbox.
 *
 * A result may be older than what this laptop already pulled: a resend
 * after a lost acknowledgement answers the stored result of a first send,
 * and pulls may have brought newer rows meanwhile. So a result is written
 * only when it cannot be older than the local row:
 * - a row carrying its changeSeq is written when that seq is beyond the
 *   scope's stored cursor (nothing at or after it has been pulled);
 * - a result without a seq (watch.remove) is written only when it is
 *   fresh (the first send, answered at once: no pull ran in between).
 * Otherwise nothing is written and the pull that follows every push
 * brings the truth.
 */

export interface ResultContext {
  db: Db;
  /** First send of this intent, answered directly. */
  fresh: boolean;
  applier(entity: SyncEntity): EntityApplier | undefined;
  cursor(scope: SyncScope): StoredCursor | undefined;
}

export interface LocalIntentSpec {
  /** The scope whose data the intent changes (the data_changed event names it). */
  scope: SyncScope;
  /** Write the applied result locally, if safe (see above). `result` has been checked against the type's result schema. */
  applyResult(context: ResultContext, result: unknown): void;
}

function cursorSeq(context: ResultContext, scope: SyncScope): number {
  const stored = context.cursor(scope);
  return stored ? (parseSyncCursor(stored.cursor)?.seq ?? Number.MAX_SAFE_INTEGER) : -1;
}

/** The order an applied order intent answered with, written like a pulled one when nothing newer has been pulled. */
function applyOrderResult(type: 'order.submit' | 'order.cancel' | 'order.decline_proposal'): LocalIntentSpec {
  return {
    scope: 'orders',
    applyResult(context, result) {
      const { order } = intentTypes[type].result.parse(result);
      if (order.changeSeq <= cursorSeq(context, 'orders')) return;
      context.applier('order')?.upsert(context.db, order.id, order);
    },
  };
}

/** The invoice or certificate a signature intent answered with, likewise. */
const applyInvoiceResult: LocalIntentSpec = {
  scope: 'documents',
  applyResult(context, result) {
    const { invoice } = intentTypes['invoice.sign'].result.parse(result);
    if (invoice.changeSeq <= cursorSeq(context, 'documents')) return;
    context.applier('invoice')?.upsert(context.db, invoice.id, invoice);
  },
};

const applyCertificateResult: LocalIntentSpec = {
  scope: 'documents',
  applyResult(context, result) {
    const { certificate } = intentTypes['certificate.sign'].result.parse(result);
    if (certificate.changeSeq <= cursorSeq(context, 'documents')) return;
    context.applier('certificate')?.upsert(context.db, certificate.id, certificate);
  },
};

export const localIntents: { [T in IntentType]: LocalIntentSpec } = {
  'watch.set': {
    scope: 'watches',
    applyResult(context, result) {
      const { watch } = intentTypes['watch.set'].result.parse(result);
      if (watch.changeSeq <= cursorSeq(context, 'watches')) return;
      context.applier('watch')?.upsert(context.db, watch.productId, watch);
    },
  },
  'watch.remove': {
    scope: 'watches',
    applyResult(context, result) {
      const { productId } = intentTypes['watch.remove'].result.parse(result);
      if (!context.fresh) return;
      context.applier('watch')?.remove(context.db, productId);
    },
  },
  'order.submit': applyOrderResult('order.submit'),
  'order.cancel': applyOrderResult('order.cancel'),
  'order.decline_proposal': applyOrderResult('order.decline_proposal'),
  'invoice.sign': applyInvoiceResult,
  'certificate.sign': applyCertificateResult,
};

export function scopeOfIntent(type: string): SyncScope | undefined {
  return isIntentType(type) ? localIntents[type].scope : undefined;
}
