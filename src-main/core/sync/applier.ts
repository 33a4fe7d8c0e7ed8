import type { Db } from '../store';
import type { AppNotification } from '@shared/api/contract';
import type { SyncEntity } from '@shared/sync/changes';

/**
 * How the sync engine writes one synced entity type into the local store.
 *
 * The engine validates each page against its scope's schema first, then calls
 * these inside ONE transaction per page (together with the page's cursor), so
 * an applier never sees unvalidated data and never commits on its own. An
 * applier must not await anything, must not open its own transaction (it may
 * use savepoints), and must be idempotent: the same upsert twice leaves the
 * same row, removing a row that is not there is no error.
 */
export interface EntityApplier {
  entity: SyncEntity;
  /** Write the row (data already validated against the page schema). May return notifications (watched product back in stock / price changed). */
  upsert(db: Db, id: string, data: unknown): AppNotification[] | void;
  remove(db: Db, id: string): void;
  /** Drop every row of this entity (a scope reset). */
  clear(db: Db): void;
}
