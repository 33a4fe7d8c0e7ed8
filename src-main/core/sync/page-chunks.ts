import type { AppNotification } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import { entitiesOfScope, type SyncEntity, type SyncScopePage } from '@shared/sync/changes';
import type { SyncScope } from '@shared/sync/scopes';
import type { Db } from '../store';
import type { EntityApplier } from './applier';
import { clearDone, writeCursor } from './state-repo';
import type { CheckedPage } from './validate-page';

/**
 * How checked pull pages are written: cut into chunks, each written inside
 * its caller's transaction together with the cursors it completes. Used on
 * the main thread (small answers, sync/engine.ts) and in the pull worker
 * (large ones, sync/pull-worker.ts), so both write exactly the same rows.
 */

export interface Chunk {
  /** Scopes to empty first (a reset, or cursors the service refused). */
  clears: SyncScope[];
  changes: Array<{ scope: SyncScope; change: SyncScopePage['changes'][number] }>;
  /** Cursors to store with this chunk: of the scopes whose last change it holds. */
  cursors: Array<{ scope: SyncScope; cursor: string; cleared: boolean }>;
}

/** What a chunk's writes raised, told to the UI once they have committed. */
export interface ChunkEffects {
  notifications: AppNotification[];
  changed: Set<SyncScope>;
}

export function newEffects(): ChunkEffects {
  return { notifications: [], changed: new Set() };
}

/** Cuts an answer into chunks of at most `rows` changes (more only to keep one seq together). */
export function cutIntoChunks(pages: readonly CheckedPage[], clearPending: ReadonlySet<SyncScope>, rows: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { clears: [], changes: [], cursors: [] };
  for (const { scope, page } of pages) {
    const cleared = page.reset || clearPending.has(scope);
    if (cleared) current.clears.push(scope);
    let previousSeq: number | undefined;
    for (const change of page.changes) {
      if (current.changes.length >= rows && change.seq !== previousSeq) {
        chunks.push(current);
        current = { clears: [], changes: [], cursors: [] };
      }
      current.changes.push({ scope, change });
      previousSeq = change.seq;
    }
    current.cursors.push({ scope, cursor: page.cursor, cleared });
  }
  chunks.push(current);
  return chunks;
}

export interface ChunkWriter {
  appliers: ReadonlyMap<SyncEntity, EntityApplier>;
  serviceId: string;
  /** When the cursors were stored (ISO 8601). */
  at: string;
}

/** Writes one chunk inside the caller's transaction; what it raised goes into `effects`. */
export function writeChunk(db: Db, chunk: Chunk, writer: ChunkWriter, effects: ChunkEffects): void {
  const applier = (entity: SyncEntity): EntityApplier => {
    const found = writer.appliers.get(entity);
    // Cannot happen: only scopes whose entities all have appliers are asked for, and the page schema admits no others.
    if (!found) throw new AppError('internal', `No applier for ${entity}`);
    return found;
  };
  for (const scope of chunk.clears) {
    for (const entity of entitiesOfScope(scope)) applier(entity).clear(db);
    effects.changed.add(scope);
  }
  for (const { scope, change } of chunk.changes) {
    if (change.op === 'upsert') {
      const raised = applier(change.entity).upsert(db, change.id, change.data);
      if (raised) effects.notifications.push(...raised);
    } else {
      applier(change.entity).remove(db, change.id);
    }
    effects.changed.add(scope);
  }
  for (const { scope, cursor, cleared } of chunk.cursors) {
    writeCursor(db, scope, { cursor, serviceId: writer.serviceId }, writer.at);
    if (cleared) clearDone(db, scope);
  }
}

/** Rows of each scope in these chunks (a first sync's progress). */
export function rowsByScope(chunks: readonly Chunk[]): Partial<Record<SyncScope, number>> {
  const counts: Partial<Record<SyncScope, number>> = {};
  for (const chunk of chunks) for (const { scope } of chunk.changes) counts[scope] = (counts[scope] ?? 0) + 1;
  return counts;
}

/**
 * A pulled page holds no signature and no outbox entry: it can always be
 * pulled again, and WAL keeps its commit atomic either way. So its commit
 * skips the fsync (synchronous=NORMAL: durable at the next checkpoint or
 * FULL commit, which also carries it, the WAL being sequential), saving a
 * disk flush per page; FULL is back before anything else touches the
 * database (every task runs alone in the session queue).
 */
export function withRelaxedSync(db: Db, task: () => void): void {
  db.pragma('synchronous = NORMAL');
  try {
    task();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
