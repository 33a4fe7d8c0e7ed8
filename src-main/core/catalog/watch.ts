import type { WatchState } from '@shared/api/contract';

/** The confirmed watch row, as the `watches` table holds it. */
export interface ConfirmedWatch {
  restock: number;
  price: number;
}

/** The latest pending watch intent of a product, from the outbox: `{type, payload}` as JSON text. */
export const PENDING_WATCH_SQL = `(SELECT json_object('type', o.type, 'payload', o.payload) FROM outbox o
  WHERE o.entity_id = p.id AND o.state = 'pending' AND o.type IN ('watch.set', 'watch.remove')
  ORDER BY o.seq DESC LIMIT 1)`;

/**
 * What a card shows about a product's watch: the service's watch row with
 * the officer's pending intents laid over it. The latest pending `watch.set`
 * wins with its notify flags and `pending: true`; the latest pending
 * `watch.remove` wins as `{restock: false, price: false, pending: true}` (a
 * removal on its way: a real watch always asks for at least one of the two);
 * with nothing pending the confirmed row shows, or null when there is none.
 * Rejected intents are in "needs attention", not here. A pending intent
 * whose payload cannot be read is ignored.
 */
export function overlayWatch(confirmed: ConfirmedWatch | null | undefined, pendingJson: string | null | undefined): WatchState | null {
  const pending = parsePending(pendingJson);
  if (pending?.type === 'watch.remove') return { restock: false, price: false, pending: true };
  if (pending?.type === 'watch.set') return { restock: pending.restock, price: pending.price, pending: true };
  if (confirmed) return { restock: confirmed.restock === 1, price: confirmed.price === 1, pending: false };
  return null;
}

type Pending = { type: 'watch.remove' } | { type: 'watch.set'; restock: boolean; price: boolean };

function parsePending(json: string | null | undefined): Pending | null {
  if (!json) return null;
  try {
    const { type, payload } = JSON.parse(json) as { type: unknown; payload: unknown };
    if (type === 'watch.remove') return { type };
    if (type !== 'watch.set' || typeof payload !== 'string') return null;
    const notify = (JSON.parse(payload) as { notify?: { restock?: unknown; price?: unknown } }).notify;
    if (typeof notify?.restock !== 'boolean' || typeof notify.price !== 'boolean') return null;
    return { type, restock: notify.restock, price: notify.price };
  } catch {
    return null;
  }
}
