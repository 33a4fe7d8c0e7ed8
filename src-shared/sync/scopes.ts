import { z } from 'zod';
import { named } from '../service/registry';

/**
 * Sync scopes: the groups of data a client keeps a cursor for. Each scope is
 * paged, reset and applied on its own (see README.md beside this file).
 *
 * The order of this list is the order in which one pull fills its shared row
 * limit: the caller's own small scopes first (budget panel, watch list,
 * orders, documents), then the large shared ones, so the first page of a new
 * laptop already carries what the officer sees at once.
 */
export const syncScopes = ['budgets', 'watches', 'orders', 'documents', 'catalog', 'reference'] as const;
export const SyncScopeSchema = named('SyncScope', z.enum(syncScopes));
export type SyncScope = z.infer<typeof SyncScopeSchema>;

/**
 * Who sees which rows of a scope:
 * - `all`: every enrolled device sees every row;
 * - `unit`: a device sees its person's unit's rows only;
 * - `person`: a device sees its own person's rows only.
 */
export type SyncVisibility = 'all' | 'unit' | 'person';

export const syncScopeInfo = {
  budgets: { visibility: 'unit', summary: "The caller's unit's budgets (guaranteed, performance, e-points)" },
  watches: { visibility: 'person', summary: "The caller's own watch list" },
  orders: { visibility: 'unit', summary: "The unit's orders: signed content, status, timeline and line progress" },
  documents: { visibility: 'unit', summary: "The unit's expenditure invoices and acceptance certificates, with their signatures" },
  catalog: { visibility: 'all', summary: 'Suppliers and products; a withdrawn product arrives as a delete' },
  reference: { visibility: 'all', summary: 'Reference data: hromadas of the KATOTTG codifier' },
} as const satisfies Record<SyncScope, { visibility: SyncVisibility; summary: string }>;

/** Rows per pull when the client names no limit, and the most it may ask for. Shared by all scopes of one pull. */
export const SYNC_PULL_DEFAULT_LIMIT = 2000;
export const SYNC_PULL_MAX_LIMIT = 5000;

/**
 * Cursors. The service hands out one per scope; the client stores it with the
 * page it came with and sends it back, and must never make one up. The text
 * is `<serviceId>.<scope>.<seq>.<horizon>`:
 * - `serviceId`: the id of the service instance (random, made on its first
 *   start, kept with its data), so a cursor from another service is refused;
 * - `scope`: the scope it belongs to;
 * - `seq`: every change of the scope up to this sequence number has been
 *   delivered (0: nothing yet);
 * - `horizon`: the scope's retention horizon when the cursor was issued (see
 *   README.md, "Retention"), which lets a long first sync continue across
 *   pages while old deletes are being purged.
 *
 * A client may parse a cursor to check that it belongs to the service that
 * answered and to the scope it is filed under (both are "bad input" checks
 * of issue 4); everything else about it is the service's business.
 */
export const SYNC_SERVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/u;
export const SyncServiceIdSchema = named(
  'SyncServiceId',
  z.string().regex(SYNC_SERVICE_ID_PATTERN),
  'The id of the service instance: random, made on its first start, kept in its data directory. Every cursor carries it.',
);

export const SYNC_CURSOR_MAX_LENGTH = 160;
export const SyncCursorSchema = named(
  'SyncCursor',
  z.string().min(1).max(SYNC_CURSOR_MAX_LENGTH),
  'Opaque position in one scope, issued by the service: `<serviceId>.<scope>.<seq>.<horizon>`. Send it back as received.',
);

export interface SyncCursorParts {
  serviceId: string;
  scope: SyncScope;
  seq: number;
  horizon: number;
}

const CURSOR_PATTERN = /^([A-Za-z0-9_-]{16,64})\.([a-z]+)\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/u;

export function formatSyncCursor(parts: SyncCursorParts): string {
  return `${parts.serviceId}.${parts.scope}.${parts.seq}.${parts.horizon}`;
}

/** The parts of a cursor, or null when the text is not one (malformed, unknown scope). */
export function parseSyncCursor(text: string): SyncCursorParts | null {
  if (text.length > SYNC_CURSOR_MAX_LENGTH) return null;
  const match = CURSOR_PATTERN.exec(text);
  if (!match) return null;
  const [, serviceId, scope, seq, horizon] = match as unknown as [string, string, string, string, string];
  if (!(syncScopes as readonly string[]).includes(scope)) return null;
  return { serviceId, scope: scope as SyncScope, seq: Number(seq), horizon: Number(horizon) };
}
