import { entitiesOfScope, scopeOfEntity, type SyncScopePage } from '@shared/sync/changes';
import type { SyncPullResponse } from '@shared/sync/pull';
import { parseSyncCursor, syncScopes, type SyncScope } from '@shared/sync/scopes';
import type { StoredCursor } from './state-repo';

/**
 * The client's own checks of a pull answer, beyond its schema (which the
 * HTTP layer has already enforced: shapes, unknown fields, scope/entity
 * pairing). Anything that fails here is refused whole: nothing of it is
 * applied, the cursors stay, and the pull is tried again later.
 */

export class PageRejected extends Error {
  override name = 'PageRejected';
}

export interface CheckedPage {
  scope: SyncScope;
  page: SyncScopePage;
  /** The seq the new cursor stands at. */
  seq: number;
}

export interface PageContext {
  /** The scopes the request named. */
  requested: readonly SyncScope[];
  /** The cursors the request carried (absent: from the beginning). */
  cursors: ReadonlyMap<SyncScope, StoredCursor>;
  /** The service instance this laptop's cursors belong to; null when it holds none yet. */
  serviceId: string | null;
}

export function checkPullAnswer(answer: SyncPullResponse, context: PageContext): CheckedPage[] {
  if (context.serviceId !== null && answer.serviceId !== context.serviceId) {
    throw new PageRejected(`the answer comes from service ${answer.serviceId}, not ${context.serviceId}, which issued this laptop's cursors`);
  }
  const pages = answer.scopes as Partial<Record<SyncScope, SyncScopePage>>;
  const checked: CheckedPage[] = [];
  for (const scope of syncScopes) {
    const page = pages[scope];
    const wanted = context.requested.includes(scope);
    if (!wanted) {
      if (page !== undefined) throw new PageRejected(`the answer has a ${scope} page that was not asked for`);
      continue;
    }
    if (page === undefined) throw new PageRejected(`the answer has no ${scope} page`);
    checked.push(checkScopePage(scope, page, answer.serviceId, context.cursors.get(scope)));
  }
  return checked;
}

function checkScopePage(scope: SyncScope, page: SyncScopePage, serviceId: string, stored: StoredCursor | undefined): CheckedPage {
  const next = parseSyncCursor(page.cursor);
  if (!next) throw new PageRejected(`the ${scope} cursor is malformed`);
  if (next.scope !== scope) throw new PageRejected(`the ${scope} page carries a cursor of ${next.scope}`);
  if (next.serviceId !== serviceId) throw new PageRejected(`the ${scope} cursor belongs to service ${next.serviceId}, not ${serviceId}`);

  const entities = entitiesOfScope(scope);
  let previous = -1;
  for (const change of page.changes) {
    // The page schema allows only the scope's entities; checked again, since applying into the wrong tables is unrecoverable.
    if (!entities.includes(change.entity) || scopeOfEntity(change.entity) !== scope) {
      throw new PageRejected(`the ${scope} page carries a ${change.entity} change`);
    }
    if (change.seq < previous) throw new PageRejected(`the ${scope} page is out of order (seq ${change.seq} after ${previous})`);
    previous = change.seq;
  }
  if (previous > next.seq) throw new PageRejected(`the ${scope} cursor (${next.seq}) is behind its own changes (${previous})`);

  if (!page.reset && stored !== undefined) {
    const held = parseSyncCursor(stored.cursor);
    if (held) {
      if (next.seq < held.seq) throw new PageRejected(`the ${scope} cursor goes back from ${held.seq} to ${next.seq} without a reset`);
      const first = page.changes[0];
      if (first !== undefined && first.seq <= held.seq) {
        throw new PageRejected(`the ${scope} page repeats changes at or before the stored cursor (seq ${first.seq} ≤ ${held.seq})`);
      }
    }
  }
  return { scope, page, seq: next.seq };
}
