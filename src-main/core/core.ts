import type { CoreEvent, LockReason } from '@shared/api/contract';
import type { Clock } from './clock';
import type { Dispatch } from './dispatch';
import type { PullWorkerScript } from './sync/pull-worker-client';
import type { SyncTuning } from './sync/engine';

/**
 * What a transport (Electron IPC, loopback HTTP) needs from the application
 * core, and nothing more.
 */
export interface Core {
  dispatch: Dispatch;
  /** Subscribe to events for the UI; returns the unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Lock from outside the API: OS suspend, screen lock. */
  lock(reason: LockReason): Promise<void>;
  /** Lock and release every resource; the core is unusable afterwards. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Directory holding the vault file and the encrypted database. */
  dataDir: string;
  appVersion: string;
  log?: { info(message: string): void; warn(message: string, detail?: unknown): void; error(message: string, detail?: unknown): void };
  /** Time and timers; the system clock unless a test drives time itself. */
  clock?: Clock;
  /** The service address the enrolment wizard suggests (launchers pass QUARTERMASTER_SERVICE_URL). */
  defaultServiceUrl?: string;
  /** How often, while unlocked and enrolled, the core asks the service whether this laptop is still in good standing. */
  standingCheckIntervalMs?: number;
  /** Time limit of one request to the service. */
  serviceTimeoutMs?: number;
  /** Tuning of the sync engine (tests and benchmarks): intervals, backoff, page sizes. */
  sync?: SyncTuning;
  /**
   * Where the pull worker's code is (the app's build names its file);
   * defaults to the TypeScript source when running from source, and null
   * applies every pull answer on the main thread.
   */
  pullWorkerScript?: PullWorkerScript | null;
}
