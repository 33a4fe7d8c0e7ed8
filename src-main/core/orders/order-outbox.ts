import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/** What the outbox says about orders: an intent on its way, or one the service refused (needs attention). */
export interface IntentFlags {
  pending: boolean;
  attention: boolean;
}

const FLAGS_SQL = `SELECT entity_id AS id, max(state = 'pending') AS pending, max(state = 'rejected') AS attention
  FROM outbox WHERE type IN ('order.submit', 'order.cancel', 'order.decline_proposal')`;

export function orderIntentFlags(db: Db): Map<string, IntentFlags> {
  const rows = cached(db, `${FLAGS_SQL} GROUP BY entity_id`).all() as Array<{ id: string; pending: number; attention: number }>;
  return new Map(rows.map((row) => [row.id, { pending: row.pending === 1, attention: row.attention === 1 }]));
}

export function orderIntentFlagsOf(db: Db, id: string): IntentFlags {
  const row = cached(db, `${FLAGS_SQL} AND entity_id = ?`).get(id) as { pending: number | null; attention: number | null };
  return { pending: row.pending === 1, attention: row.attention === 1 };
}

/** The officer has dealt with the order's refused intents (revised or cancelled it): they leave "needs attention". */
export function discardRejectedOrderIntents(db: Db, id: string): void {
  cached(db, `DELETE FROM outbox WHERE entity_id = ? AND state = 'rejected' AND type IN ('order.submit', 'order.cancel', 'order.decline_proposal')`).run(id);
}
