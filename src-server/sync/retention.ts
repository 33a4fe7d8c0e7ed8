import { entitiesOfScope } from '@shared/sync/changes';
import { syncScopes, type SyncScope } from '@shared/sync/scopes';
import type { Db } from '../store/database';
import { currentChangeSeq, deleteTombstonesThrough, horizonOf, newestTombstoneNoticedBy, noticeTombstones, raiseHorizon } from '../store/sync';
import { entitySources } from './sources';

/**
 * Retention of deletes. A delete is kept for clients to pull for a
 * retention period (default 30 days); after that it is purged and the
 * scope's horizon rises to it. A client whose cursor is below the horizon
 * may have missed a purged delete, so its next pull resets that scope (and
 * only that one). A tombstone's age counts from when the sweep first saw it
 * (the sweep runs at start and every hour), so nothing is purged early; a
 * withdrawn product's from its withdrawal.
 *
 * The operator can also purge through a given seq (`admin sync purge
 * --through-seq`): the "configurable horizon".
 */

export const DEFAULT_TOMBSTONE_RETENTION_DAYS = 30;
export const DAY_MS = 24 * 3600_000;

export interface PurgeReport {
  /** Tombstones the sweep saw for the first time. */
  noticed: number;
  /** Per scope whose horizon rose: the new horizon and the tombstones deleted. */
  scopes: Partial<Record<SyncScope, { horizon: number; purged: number }>>;
}

function raise(db: Db, scope: SyncScope, target: number, report: PurgeReport): void {
  if (target <= horizonOf(db, scope)) return;
  raiseHorizon(db, scope, target);
  report.scopes[scope] = { horizon: target, purged: deleteTombstonesThrough(db, scope, target) };
}

/** Newest retired row (served as a delete) of a scope retired at or before `cutoff`. */
function newestRetiredBy(db: Db, scope: SyncScope, cutoff: number): number {
  let newest = 0;
  for (const entity of entitiesOfScope(scope)) {
    const { table, retired } = entitySources[entity];
    if (!retired) continue;
    const row = db.prepare(`SELECT max(change_seq) AS seq FROM ${table} WHERE (${retired.when}) AND ${retired.since} <= ?`).get(cutoff) as {
      seq: number | null;
    };
    newest = Math.max(newest, row.seq ?? 0);
  }
  return newest;
}

/** Purge deletes older than the retention period, raising horizons to the newest purged. */
export function sweepSyncHistory(db: Db, now: number, retentionMs: number): PurgeReport {
  return db
    .transaction((): PurgeReport => {
      const report: PurgeReport = { noticed: noticeTombstones(db, now), scopes: {} };
      const cutoff = now - retentionMs;
      for (const scope of syncScopes) {
        raise(db, scope, Math.max(newestTombstoneNoticedBy(db, scope, cutoff) ?? 0, newestRetiredBy(db, scope, cutoff)), report);
      }
      return report;
    })
    .immediate();
}

/** Raise the horizon of the given scopes (default all) to `seq` (at most the last change), purging deletes through it. */
export function purgeSyncHistoryThrough(db: Db, seq: number, scopes: readonly SyncScope[] = syncScopes): PurgeReport {
  return db
    .transaction((): PurgeReport => {
      const report: PurgeReport = { noticed: 0, scopes: {} };
      const target = Math.min(seq, currentChangeSeq(db));
      for (const scope of scopes) raise(db, scope, target, report);
      return report;
    })
    .immediate();
}
