import type { AppNotification } from '@shared/api/contract';
import type { ErrorCode, ErrorParams } from '@shared/api/errors';
import type { SyncScope } from '@shared/sync/scopes';
import type { ContentCoding } from '../service/encoded-body';
import type { StoredCursor } from './state-repo';

/** The messages between the sync engine and the pull worker (pull-worker.ts, pull-worker-client.ts). */

export interface PullWorkerStart {
  /** The database file, already migrated by the main connection. */
  file: string;
  /** The raw database key, moved (not copied) to the worker, which zeroes it once the connection has it. */
  key: Uint8Array;
}

/** One pull answer to read, check and apply, with what the request that brought it carried. */
export interface PullJob {
  id: number;
  /** The answer's body as it came off the wire (its JSON, UTF-8, in `coding`); moved to the worker with the message. */
  bytes: Uint8Array;
  coding: ContentCoding;
  /** The most bytes the decoded answer may have. */
  maxBytes: number;
  requested: SyncScope[];
  cursors: Array<[SyncScope, StoredCursor]>;
  serviceId: string | null;
  /** Scopes to empty before their first page is written. */
  clearPending: SyncScope[];
  /** When the cursors are stored (ISO 8601). */
  at: string;
}

/** What the engine needs, as soon as the answer is checked, to ask for the next page. */
export interface CheckedSummary {
  serviceId: string;
  pages: Array<{ scope: SyncScope; cursor: string; hasMore: boolean; changes: number }>;
}

export interface AppliedReport {
  rows: number;
  byScope: Partial<Record<SyncScope, number>>;
  changed: SyncScope[];
  cleared: SyncScope[];
  notifications: AppNotification[];
}

/** An error crossing the thread boundary: its kind decides what the engine rebuilds from it. */
export interface WorkerError {
  kind: 'page_rejected' | 'app' | 'other';
  code?: ErrorCode;
  message: string;
  params?: ErrorParams;
}

export type PullWorkerReply =
  | { id: number; type: 'checked'; summary: CheckedSummary }
  | { id: number; type: 'applied'; report: AppliedReport }
  | { id: number; type: 'failed'; error: WorkerError };

export type PullWorkerRequest = { type: 'job'; job: PullJob } | { type: 'close' };
