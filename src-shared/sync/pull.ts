import { z } from 'zod';
import { named } from '../service/registry';
import { TimestampSchema } from '../service/common';
import { syncScopePageSchemas, type SyncScopePageOf } from './changes';
import {
  SYNC_CURSOR_MAX_LENGTH,
  SYNC_PULL_MAX_LIMIT,
  SyncServiceIdSchema,
  syncScopeInfo,
  syncScopes,
  type SyncScope,
} from './scopes';

/**
 * `POST /v1/sync/pull`: every scope the client keeps, in one round trip.
 *
 * The client names each scope it wants with its stored cursor (null for a
 * scope it has never pulled); the answer has a page for exactly those
 * scopes. A client that wants a subset names only those.
 */

/** A stored cursor, or null: "from the beginning". The format is checked by the service (400 sync.cursor_invalid). */
const CursorInputSchema = z.string().max(SYNC_CURSOR_MAX_LENGTH).nullable().optional();

type CursorsShape = { [S in SyncScope]: typeof CursorInputSchema };
const cursorsShape = Object.fromEntries(syncScopes.map((scope) => [scope, CursorInputSchema.describe(syncScopeInfo[scope].summary)])) as CursorsShape;

export const SyncPullRequestSchema = named(
  'SyncPullRequest',
  z
    .object({
      cursors: z
        .object(cursorsShape)
        .strict()
        .refine((cursors) => Object.values(cursors).some((value) => value !== undefined), 'name at least one scope'),
      /** Rows in this answer, all scopes together; default SYNC_PULL_DEFAULT_LIMIT. */
      limit: z.number().int().min(1).max(SYNC_PULL_MAX_LIMIT).optional(),
    })
    .strict(),
  'The scopes to pull, each with its stored cursor (null: from the beginning), and the most rows to return in all.',
);
export type SyncPullRequest = z.input<typeof SyncPullRequestSchema>;

type PagesShape = { [S in SyncScope]: z.ZodOptional<z.ZodType<SyncScopePageOf<S>>> };
const pagesShape = Object.fromEntries(syncScopes.map((scope) => [scope, syncScopePageSchemas[scope].optional()])) as PagesShape;

export const SyncPullResponseSchema = named(
  'SyncPullResponse',
  z
    .object({
      serviceId: SyncServiceIdSchema,
      /** The service clock when the pages were read. */
      serverTime: TimestampSchema,
      /** One page per scope the request named, and no other. */
      scopes: z.object(pagesShape).strict(),
    })
    .strict(),
  'A page per scope named in the request. Apply each page and store its cursor in one transaction; pull again while any page hasMore.',
);
export type SyncPullResponse = z.output<typeof SyncPullResponseSchema>;
