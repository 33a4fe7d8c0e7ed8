import { cached } from '../catalog/statements';
import type { IntentFlags } from '../orders/order-outbox';
import type { Db } from '../store/db';

/** What the outbox says about a document: its signature on its way, or refused by the service (needs attention). */

export type DocumentIntentType = 'invoice.sign' | 'certificate.sign';

const FLAGS_SQL = `SELECT entity_id AS id, max(state = 'pending') AS pending, max(state = 'rejected') AS attention FROM outbox WHERE type = ?`;

export function documentIntentFlags(db: Db, type: DocumentIntentType): Map<string, IntentFlags> {
  const rows = cached(db, `${FLAGS_SQL} GROUP BY entity_id`).all(type) as Array<{ id: string; pending: number; attention: number }>;
  return new Map(rows.map((row) => [row.id, { pending: row.pending === 1, attention: row.attention === 1 }]));
}

export function documentIntentFlagsOf(db: Db, type: DocumentIntentType, id: string): IntentFlags {
  const row = cached(db, `${FLAGS_SQL} AND entity_id = ?`).get(type, id) as { pending: number | null; attention: number | null };
  return { pending: row.pending === 1, attention: row.attention === 1 };
}
