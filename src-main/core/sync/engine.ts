import type { AppNotification, SyncStatus } from '@shared/api/contract';
import { isAppError, type AppError } from '@shared/api/errors';
import { entitiesOfScope, type SyncEntity } from '@shared/sync/changes';
import { serviceRoutes } from '@shared/service/routes';
import { intentTypes, isIntentType, SYNC_PUSH_MAX_BYTES, SYNC_PUSH_MAX_INTENTS, type IntentResult } from '@shared/sync/intents';
import type { SyncPullResponse } from '@shared/sync/pull';
import { parseSyncCursor, SYNC_PULL_MAX_LIMIT, syncScopes, type SyncScope } from '@shared/sync/scopes';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import { hasIdentity } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import { toAppError } from '../service/errors';
import type { ServiceGateway } from '../service/gateway';
import { decodeBody, type EncodedBody } from '../service/encoded-body';
import { readAnswer } from '../service/read-answer';
import type { Session } from '../session/session';
import type { Db } from '../store';
import type { EntityApplier } from './applier';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { localIntents, scopeOfIntent } from './local-intents';
import { deleteIntent, markFailed, markRejected, markSent, outboxCounts, sendableIntents, type OutboxCounts, type OutboxIntent } from './outbox-repo';
import {
  clearPendingScopes,
  getMeta,
  META_LAST_SUCCESS,
  readCursors,
  resetScopes,
  setMeta,
  type StoredCursor,
} from './state-repo';
import { cutIntoChunks, newEffects, rowsByScope, withRelaxedSync, writeChunk, type Chunk } from './page-chunks';
import type { PullWorker } from './pull-worker-client';
import type { CheckedSummary } from './pull-worker-protocol';
import { checkPullAnswer, PageRejected, type CheckedPage, type PageContext } from './validate-page';

/**
 * The client sync engine: pushes the outbox, then pulls every scope this
 * laptop keeps, one cycle at a time.
 *
 * When: at unlock (and so at start, and after enrolment), every
 * `intervalMs` while unlocked, `debounceMs` after each local change, and
 * when the officer presses "sync now". After a failed cycle the next
 * automatic one waits by exponential backoff with full jitter (1 s → 5 min);
 * a local change or the button still syncs at once. Locking, wiping or
 * closing stops it, cancelling the request in flight.
 *
 * Exactly once, end to end: an intent gets its UUID v7 and is committed
 * (synchronous=FULL) before the officer is answered; it is sent with the
 * same id and body until the service answers it; the service stores each
 * intent's result with its effect and answers a resend from that store; and
 * the client removes the intent only in the transaction that records the
 * answer. A lost acknowledgement therefore costs one resend and nothing else.
 *
 * Pull: all kept scopes in one request with their stored cursors, page by
 * page while any hasMore, the next page asked for while this one is being
 * applied. Each answer is checked (see validate-page.ts) and applied through
 * the entity appliers, a scope's cursor stored with its last change: a large
 * answer by the pull worker in one transaction off the main thread, a small
 * one here in transactions of about `applyBudgetMs` each (see `pull`).
 * Notifications and data_changed go out after each commit.
 */

export interface SyncEngineOptions {
  session: Session;
  gateway: ServiceGateway;
  events: EventHub;
  clock: Clock;
  log: CoreLog;
  /** One per synced entity; a scope is pulled only when every entity of it has one. */
  appliers: readonly EntityApplier[];
  intervalMs?: number;
  debounceMs?: number;
  backoff?: BackoffPolicy;
  /** In [0, 1): the jitter's dice (tests pass their own). */
  random?: () => number;
  /** Rows asked for in one pull (all scopes together). */
  pageLimit?: number;
  /** Time one transaction applying (part of) a page should take (ms); the rows per transaction adapt to it. */
  applyBudgetMs?: number;
  /** Largest pull answer accepted (bytes after decompression). */
  maxPullBytes?: number;
  /** Starts and stops the pull worker on the open store; without it every answer is applied on the main thread. */
  pullWorker?: PullWorkerSource;
}

export interface PullWorkerSource {
  start(): PullWorker;
  stop(worker: PullWorker): Promise<void>;
}

/** What a caller of createCore may tune (tests, benchmarks); the rest is wired by the core. */
export type SyncTuning = Pick<
  SyncEngineOptions,
  'intervalMs' | 'debounceMs' | 'backoff' | 'random' | 'pageLimit' | 'applyBudgetMs' | 'maxPullBytes'
>;

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;
export const DEFAULT_SYNC_DEBOUNCE_MS = 1_000;
/**
 * Rows per pull. Larger pages mean fewer round trips (each costs the service
 * ~20 ms whatever its size); an answer this large (~0.7 MB of products) is
 * read, checked and written by the pull worker while the next page is on
 * its way.
 */
export const DEFAULT_PAGE_LIMIT = 1_000;
export const DEFAULT_APPLY_BUDGET_MS = 30;
/**
 * The largest pull answer accepted, after decompression (other calls keep
 * the HTTP layer's 1 MiB). A product change is ~650–700 bytes of JSON (the
 * 20 000-product benchmark: 1 000 rows ≈ 0.67 MB), so the default page fits
 * with room for long descriptions; the service's largest page (5 000 rows,
 * ~3.4 MB) fits too. An answer over it is refused before it is held whole,
 * and the next pull asks for half the rows.
 */
export const DEFAULT_MAX_PULL_BYTES = 4 * 1024 * 1024;
const MIN_CHUNK_ROWS = 25;
const MAX_CHUNK_ROWS = 2_000;
const FIRST_CHUNK_ROWS = 100;
/** Chunks whose row cost the chunk size is judged on. */
const ROW_COST_WINDOW = 9;
/**
 * Answers this large (~100 product rows and up) go to the pull worker; a
 * smaller one costs less here than the message to it and back. Judged on
 * the wire, before decoding: compressed (as the service answers), the
 * JSON of a page is a fifth of its size or less (brotli at quality 3 on
 * catalogue rows), so a compressed answer counts as a quarter of it.
 */
const WORKER_ANSWER_BYTES = 64 * 1024;
const WORKER_COMPRESSED_ANSWER_BYTES = WORKER_ANSWER_BYTES / 4;
const isLargeAnswer = (body: EncodedBody): boolean =>
  body.bytes.byteLength >= (body.coding === 'identity' ? WORKER_ANSWER_BYTES : WORKER_COMPRESSED_ANSWER_BYTES);
/** A runaway service (hasMore for ever) cannot keep a cycle going for ever. */
const MAX_PULL_ROUNDS = 10_000;
const MAX_PUSH_ROUNDS = 1_000;

interface CycleRequest {
  force: boolean;
  waiters: Array<() => void>;
}

/** Why a cycle ended early; `online` says whether the service itself answered. */
class CycleFailure extends Error {
  override name = 'CycleFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly online: boolean | null,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class SyncEngine {
  private active = false;
  private timer: (() => void) | undefined;
  private debounce: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private queued: CycleRequest | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private pageLimit: number;
  /** Rows per transaction when applying a page (adapted to applyBudgetMs). */
  private chunkRows = FIRST_CHUNK_ROWS;
  private readonly rowCosts: number[] = [];
  /** The pull worker of the pull under way, if it has needed one. */
  private worker: PullWorker | undefined;
  /** The pull worker failed to start or died: this engine applies everything on the main thread. */
  private workerBroken = false;
  private readonly appliers = new Map<SyncEntity, EntityApplier>();
  private readonly scopes: SyncScope[];
  private current: SyncStatus = initialStatus();
  private emitted = JSON.stringify(initialStatus());
  private counts: OutboxCounts = { pending: 0, rejected: 0, nextAttemptAt: null };
  private readonly intervalMs: number;
  private readonly debounceMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly configuredPageLimit: number;
  private readonly applyBudgetMs: number;
  private readonly maxPullBytes: number;

  constructor(private readonly options: SyncEngineOptions) {
    for (const applier of options.appliers) this.appliers.set(applier.entity, applier);
    // Reserved scopes with no entity yet (orders, documents) are not asked for until their entities have appliers.
    this.scopes = syncScopes.filter((scope) => {
      const entities = entitiesOfScope(scope);
      return entities.length > 0 && entities.every((entity) => this.appliers.has(entity));
    });
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.debounceMs = options.debounceMs ?? DEFAULT_SYNC_DEBOUNCE_MS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.configuredPageLimit = Math.max(1, Math.min(options.pageLimit ?? DEFAULT_PAGE_LIMIT, SYNC_PULL_MAX_LIMIT));
    this.pageLimit = this.configuredPageLimit;
    this.applyBudgetMs = options.applyBudgetMs ?? DEFAULT_APPLY_BUDGET_MS;
    this.maxPullBytes = options.maxPullBytes ?? DEFAULT_MAX_PULL_BYTES;
  }

  /** The scopes this engine pulls. */
  get keptScopes(): readonly SyncScope[] {
    return this.scopes;
  }

  applier(entity: SyncEntity): EntityApplier | undefined {
    return this.appliers.get(entity);
  }

  status(): SyncStatus {
    return structuredClone(this.current);
  }

  /** Unlocked (or just enrolled): sync now, then on the timer. */
  start(): void {
    this.activate();
    void this.request(false);
  }

  private activate(): void {
    if (this.active) return;
    this.active = true;
    this.failures = 0;
    void this.loadState();
  }

  /** Locked, wiped or closing: no more cycles; the request in flight is cancelled. */
  stop(): void {
    this.active = false;
    this.timer?.();
    this.timer = undefined;
    this.debounce?.();
    this.debounce = undefined;
    this.abort?.abort();
    const queued = this.queued;
    this.queued = undefined;
    for (const resolve of queued?.waiters ?? []) resolve();
  }

  /** The local data is gone (wipe): back to the state of a new laptop. */
  reset(): void {
    this.stop();
    this.failures = 0;
    this.pageLimit = this.configuredPageLimit;
    this.chunkRows = FIRST_CHUNK_ROWS;
    this.rowCosts.length = 0;
    this.counts = { pending: 0, rejected: 0, nextAttemptAt: null };
    this.current = initialStatus();
    this.emitStatus();
  }

  /** The officer changed something locally (an intent queued or discarded): show it, and sync shortly. */
  async localChange(scopes: readonly string[], sync: boolean): Promise<void> {
    if (scopes.length > 0) this.options.events.emit({ type: 'data_changed', scopes: [...scopes] });
    await this.refreshCounts();
    if (!sync || !this.active) return;
    this.debounce?.();
    this.debounce = this.options.clock.schedule(() => {
      this.debounce = undefined;
      if (this.active) void this.request(false);
    }, this.debounceMs);
  }

  /** The "sync now" button: a whole cycle that starts after this call, ignoring backoff; resolves when it ends. */
  async syncNow(): Promise<SyncStatus> {
    this.activate();
    await this.request(true);
    return this.status();
  }

  /** Re-reads the outbox counts (while unlocked) and tells the UI if they changed. */
  async refreshCounts(): Promise<void> {
    const counts = await this.options.session.peek((store) => outboxCounts(store.db)).catch(() => undefined);
    if (!counts) return;
    this.counts = counts;
    this.update({ pendingIntents: counts.pending, needsAttention: counts.rejected });
  }

  // ---- scheduling ----

  private request(force: boolean): Promise<void> {
    if (!this.active) return Promise.resolve();
    const queued = (this.queued ??= { force: false, waiters: [] });
    queued.force ||= force;
    const done = new Promise<void>((resolve) => queued.waiters.push(resolve));
    this.pump();
    return done;
  }

  private pump(): void {
    if (this.running || !this.queued || !this.active) return;
    const { force, waiters } = this.queued;
    this.queued = undefined;
    this.timer?.();
    this.timer = undefined;
    this.running = this.cycle(force).finally(() => {
      this.running = undefined;
      for (const resolve of waiters) resolve();
      this.pump();
    });
  }

  private arm(delayMs: number): void {
    this.timer?.();
    this.timer = this.options.clock.schedule(() => {
      this.timer = undefined;
      if (this.active) void this.request(false);
    }, Math.max(0, delayMs));
  }

  private async loadState(): Promise<void> {
    try {
      const lastSyncAt = await this.options.session.peek((store) => getMeta<string>(store.db, META_LAST_SUCCESS) ?? null);
      if (lastSyncAt !== undefined && this.current.lastSyncAt === null) this.update({ lastSyncAt });
      await this.refreshCounts();
    } catch (error) {
      this.options.log.warn('Could not read the sync state', error);
    }
  }

  // ---- one cycle ----

  private async cycle(force: boolean): Promise<void> {
    // Not enrolled (or locked meanwhile): nothing to sync, and nothing to tell the UI.
    const state = await this.options.session
      .peek((store) => ({ enrolled: hasIdentity(store.db), lastSyncAt: getMeta<string>(store.db, META_LAST_SUCCESS) ?? null }))
      .catch(() => undefined);
    if (!state?.enrolled || !this.active) return;
    const abort = new AbortController();
    this.abort = abort;
    this.update({ syncing: true });
    let failure: CycleFailure | undefined;
    try {
      if (state.lastSyncAt !== null) this.update({ lastSyncAt: state.lastSyncAt });
      else if (this.current.firstSync === null) this.update({ firstSync: { received: 0, byScope: {} } });
      let pushFailure: CycleFailure | undefined;
      try {
        await this.push(force, abort.signal);
      } catch (error) {
        pushFailure = this.classify(error);
        // Unreachable: the pull would only wait for the same dead link.
        if (pushFailure.online !== true) throw pushFailure;
      }
      await this.pull(abort.signal);
      if (pushFailure) throw pushFailure;
      const at = new Date(this.options.clock.now()).toISOString();
      await this.options.session.withStore((store) => setMeta(store.db, META_LAST_SUCCESS, at));
      this.failures = 0;
      this.update({ online: true, lastSyncAt: at, lastError: null, firstSync: null });
    } catch (error) {
      failure = this.classify(error);
    } finally {
      this.abort = undefined;
      if (this.active) {
        if (failure) {
          this.failures += 1;
          if (failure.online !== null) this.update({ online: failure.online });
          this.update({ lastError: { code: failure.code, message: failure.message, at: new Date(this.options.clock.now()).toISOString() } });
          // Offline is the normal case in the field: noted, not warned about.
          const line = `Sync failed (${failure.code}): ${failure.message}`;
          if (failure.code === 'service.unreachable') this.options.log.info(line);
          else this.options.log.warn(line);
        }
        await this.refreshCounts();
        this.update({ syncing: false });
        this.arm(this.nextDelay(failure));
      } else {
        this.update({ syncing: false });
      }
    }
  }

  /**
   * After a failure, the backoff (or the service's Retry-After, if longer).
   * After a success, the timer, or sooner when an intent backing off from
   * an earlier failure becomes due.
   */
  private nextDelay(failure: CycleFailure | undefined): number {
    if (failure) return Math.max(backoffDelay(this.failures, this.backoff, this.random), failure.retryAfterMs ?? 0);
    const now = this.options.clock.now();
    const { nextAttemptAt } = this.counts;
    return nextAttemptAt !== null && nextAttemptAt > now ? Math.min(this.intervalMs, nextAttemptAt - now) : this.intervalMs;
  }

  private classify(error: unknown): CycleFailure {
    if (error instanceof CycleFailure) return error;
    if (error instanceof PageRejected) return new CycleFailure('sync.page_invalid', error.message, true);
    if (isAppError(error)) {
      switch (error.code) {
        case 'service.unreachable':
          return new CycleFailure(error.code, error.message, false);
        case 'service.bad_response': {
          // A service error body (a 500, a refusal this client does not expect) came from the service itself;
          // HTML, a truncated or oversized body, a shape outside the contract may come from anything on the way.
          const status = error.params?.status;
          return new CycleFailure(error.code, error.message, typeof status === 'number');
        }
        case 'service.throttled': {
          const wait = error.params?.retryAfterMs;
          return new CycleFailure(error.code, error.message, true, typeof wait === 'number' ? wait : undefined);
        }
        default:
          return new CycleFailure(error.code, error.message, error.code === 'vault.locked' ? null : true);
      }
    }
    this.options.log.error('Sync failed unexpectedly', error);
    return new CycleFailure('internal', error instanceof Error ? error.message : String(error), null);
  }

  // ---- push ----

  private async push(force: boolean, signal: AbortSignal): Promise<void> {
    const { session, gateway, clock } = this.options;
    for (let round = 0; round < MAX_PUSH_ROUNDS; round += 1) {
      const batch = await session.withStore((store) =>
        store.db.transaction(() => {
          const sendable = sendableIntents(store.db, {
            now: clock.now(),
            force,
            maxIntents: SYNC_PUSH_MAX_INTENTS,
            maxBytes: SYNC_PUSH_MAX_BYTES - 1024,
            maxDelayMs: this.backoff.capMs,
          });
          markSent(
            store.db,
            sendable.map((item) => item.intent.id),
          );
          return sendable;
        })(),
      );
      if (batch.length === 0) return;
      const ids = batch.map((item) => item.intent.id);
      let results: IntentResult[];
      try {
        const answer = await gateway.deviceCall('syncPush', { body: { intents: batch.map((item) => item.intent) }, signal });
        results = answer.data.results;
        if (results.length !== batch.length || results.some((result, i) => result.id !== ids[i])) {
          throw new CycleFailure('service.bad_response', `The push answer does not match the ${batch.length} intents sent`, true);
        }
      } catch (error) {
        if (!signal.aborted) {
          await session.withStore((store) =>
            markFailed(store.db, ids, (attempts) => clock.now() + backoffDelay(attempts, this.backoff, this.random)),
          );
        }
        throw error;
      }
      await this.recordResults(batch, results);
      // Within a cycle, intents of an entity still held back by an earlier one are sent in the next round.
    }
  }

  private async recordResults(batch: readonly OutboxIntent[], results: readonly IntentResult[]): Promise<void> {
    const { session, clock, log } = this.options;
    const scopes = new Set<string>();
    await session.withStore((store) => {
      const { db } = store;
      const cursors = readCursors(db);
      db.transaction(() => {
        batch.forEach((item, i) => {
          const result = results[i] as IntentResult;
          const { intent } = item;
          const scope = scopeOfIntent(intent.type);
          if (scope) scopes.add(scope);
          if (result.status === 'rejected') {
            markRejected(db, intent.id, result.reason, new Date(clock.now()).toISOString());
            log.warn(`The service rejected intent ${intent.id} (${intent.type} ${intent.entityId}): ${result.reason.code}`);
            return;
          }
          if (!deleteIntent(db, intent.id)) return;
          if (!isIntentType(intent.type)) return;
          const checked = intentTypes[intent.type].result.safeParse(result.result);
          if (!checked.success) {
            // Applied is applied: the intent leaves the outbox; the pull brings its effect.
            log.warn(`The result of intent ${intent.id} does not match ${intent.type}; the pull will bring its effect`);
            return;
          }
          const spec = localIntents[intent.type];
          runSavepoint(db, () =>
            spec.applyResult(
              { db, fresh: item.attempts === 0, applier: (entity) => this.appliers.get(entity), cursor: (scope) => cursors.get(scope) },
              checked.data,
            ),
          );
        });
      })();
    });
    if (scopes.size > 0) this.options.events.emit({ type: 'data_changed', scopes: [...scopes] });
    await this.refreshCounts();
  }

  // ---- pull ----

  /**
   * Pull until no scope has more. Pipelined: as soon as an answer has been
   * checked, the next page is asked for with the cursors it carries, and
   * the answer is applied while the service prepares the next one. The
   * cursors are stored only with their page, so if applying fails (or the
   * cycle stops) the answer in flight is dropped and nothing is skipped.
   *
   * Large answers (isLargeAnswer) are decoded, read, checked and applied
   * by the pull worker (pull-worker.ts), in one transaction each, off this
   * thread; smaller ones (every sync of a laptop that is up to date) here,
   * sparing the worker's start. A new laptop's worker starts at once, while
   * the first page is on its way.
   */
  private async pull(signal: AbortSignal): Promise<void> {
    if (this.scopes.length === 0) return;
    if (this.current.firstSync) this.pullWorker();
    try {
      await this.pullPages(signal);
    } finally {
      // Not waited for: the worker folds the WAL back into the database on its own thread as it closes, while the
      // cycle ends and the officer works on (the session keeps it counted until it has closed).
      const worker = this.worker;
      this.worker = undefined;
      if (worker) void this.options.pullWorker?.stop(worker).catch((error: unknown) => this.options.log.warn('Stopping the pull worker failed', error));
    }
  }

  /** The pull worker of this pull, started on first need; undefined where there is none (the answer is applied here). */
  private pullWorker(): PullWorker | undefined {
    const source = this.options.pullWorker;
    if (this.workerBroken || !source) return undefined;
    if (this.worker) return this.worker;
    try {
      this.worker = source.start();
    } catch (error) {
      // Locked meanwhile: the cycle ends on its own. Anything else: this build cannot run it; the main thread applies.
      if (!(isAppError(error) && error.code === 'vault.locked')) this.disableWorker(error);
    }
    return this.worker;
  }

  private disableWorker(error: unknown): void {
    this.workerBroken = true;
    this.options.log.warn('The pull worker cannot run; large pull answers are applied on the main thread', error);
  }

  private async pullPages(signal: AbortSignal): Promise<void> {
    const { session, log } = this.options;
    let resetOnce = false;
    let shrinks = 0;
    const rounds = { count: 0 };
    restart: for (;;) {
      const state = await session.withStore((store) => ({ cursors: readCursors(store.db), clearPending: clearPendingScopes(store.db) }));
      const cursors = new Map<SyncScope, StoredCursor>([...state.cursors].filter(([scope]) => this.scopes.includes(scope)));
      const clearPending = new Set(state.clearPending);
      const inflight = this.fetchPage(cursors, signal);
      // Awaited below; if the pull restarts first (the worker lost), its failure is not unhandled.
      inflight.catch(() => undefined);
      try {
        await this.pullFrom(cursors, clearPending, inflight, rounds, signal);
        return;
      } catch (error) {
        // The worker died under a page: nothing of that page was kept; pull it again here, from the stored cursors.
        if (error instanceof WorkerLost) continue restart;
        if (error instanceof CursorsRefused && !resetOnce) {
          // Another service (or a restored one) answers: start the refused scopes again, keeping their rows until
          // the first page arrives; the outbox is untouched.
          resetOnce = true;
          const refused = refusedScopes(error.cursors);
          await session.withStore((store) => store.db.transaction(() => resetScopes(store.db, refused))());
          log.warn(`The service refused the cursors of ${refused.join(', ')} (${error.cause.message}); pulling them again from the start`);
          continue restart;
        }
        if (error instanceof CursorsRefused) throw error.cause;
        if (error instanceof AnswerTooLarge && this.pageLimit > 1 && shrinks < 12) {
          shrinks += 1;
          this.pageLimit = Math.max(1, Math.floor(this.pageLimit / 2));
          log.warn(`A pull answer was over ${this.maxPullBytes} bytes; asking for ${this.pageLimit} rows a page`);
          continue restart;
        }
        if (error instanceof AnswerTooLarge) throw error.cause;
        throw error;
      }
    }
  }

  /** The pages of a pull from `startCursors` on, the first already asked for (`firstPage`). */
  private async pullFrom(
    startCursors: Map<SyncScope, StoredCursor>,
    clearPending: Set<SyncScope>,
    firstPage: Promise<EncodedBody>,
    rounds: { count: number },
    signal: AbortSignal,
  ): Promise<void> {
    let cursors = startCursors;
    let inflight = firstPage;
    for (;;) {
      rounds.count += 1;
      if (rounds.count > MAX_PULL_ROUNDS) throw new CycleFailure('sync.page_invalid', `The pull did not finish in ${MAX_PULL_ROUNDS} pages`, true);
      let answer: CheckedAnswer;
      try {
        const body = await inflight;
        const context: PageContext = { requested: this.scopes, cursors, serviceId: [...cursors.values()][0]?.serviceId ?? null };
        const worker = isLargeAnswer(body) ? this.pullWorker() : undefined;
        answer = worker ? await this.checkInWorker(worker, body, context, clearPending) : this.checkHere(body, context, clearPending);
      } catch (error) {
        if (isAppError(error) && error.code === 'sync.cursor_invalid') throw new CursorsRefused(cursors, error);
        // Over the limit on the wire, or once decoded (here or in the worker).
        if (isAppError(error) && error.code === 'service.bad_response' && /too large/u.test(error.message)) throw new AnswerTooLarge(error);
        throw error;
      }
      const { summary } = answer;
      const more = summary.pages.some((page) => page.hasMore);
      const next = new Map<SyncScope, StoredCursor>(summary.pages.map((page) => [page.scope, { cursor: page.cursor, serviceId: summary.serviceId }]));
      const stuck = more && summary.pages.every((page) => page.changes === 0 && page.cursor === cursors.get(page.scope)?.cursor);
      if (stuck) throw new CycleFailure('sync.page_invalid', 'The service says more changes wait but sends none and does not move the cursors', true);
      const ahead = more ? this.fetchPage(next, signal) : undefined;
      // Awaited after the apply; until then a failure of it is not unhandled.
      ahead?.catch(() => undefined);
      // Let the request leave (credentials read, socket written) before the apply holds the thread.
      if (ahead) await turns(3);
      // If this fails, the page in flight (asked for with cursors never stored) is dropped with the cycle.
      await answer.apply();
      if (!ahead) return;
      cursors = next;
      inflight = ahead;
    }
  }

  private async fetchPage(cursors: ReadonlyMap<SyncScope, StoredCursor>, signal: AbortSignal): Promise<EncodedBody> {
    const body = {
      cursors: Object.fromEntries(this.scopes.map((scope) => [scope, cursors.get(scope)?.cursor ?? null])),
      limit: this.pageLimit,
    };
    const answer = await this.options.gateway.deviceCallEncoded('syncPull', { body, signal, maxResponseBytes: this.maxPullBytes });
    // Shrunk after an oversized answer: grow back, twofold an answer.
    this.pageLimit = Math.min(this.configuredPageLimit, this.pageLimit * 2);
    return answer.data;
  }

  /** A small answer, read and checked on this thread. */
  private checkHere(body: EncodedBody, context: PageContext, clearPending: Set<SyncScope>): CheckedAnswer {
    let answer: SyncPullResponse;
    try {
      answer = readAnswer(serviceRoutes.syncPull.response, decodeBody(body, this.maxPullBytes, 'syncPull').toString('utf8'), 'syncPull');
    } catch (error) {
      throw toAppError(error, 'device');
    }
    const pages = checkPullAnswer(answer, context);
    return {
      summary: {
        serviceId: answer.serviceId,
        pages: pages.map(({ scope, page }) => ({ scope, cursor: page.cursor, hasMore: page.hasMore, changes: page.changes.length })),
      },
      apply: () => this.apply(pages, answer.serviceId, clearPending),
    };
  }

  /** A large answer, decoded, read, checked and applied in the pull worker (which bounds the decoded size). */
  private async checkInWorker(worker: PullWorker, body: EncodedBody, context: PageContext, clearPending: Set<SyncScope>): Promise<CheckedAnswer> {
    const job = worker.submit({
      bytes: body.bytes,
      coding: body.coding,
      maxBytes: this.maxPullBytes,
      requested: [...context.requested],
      cursors: [...context.cursors],
      serviceId: context.serviceId,
      clearPending: [...clearPending],
      at: new Date(this.options.clock.now()).toISOString(),
    });
    const summary = await job.checked.catch((error: unknown) => this.workerFailed(error));
    return {
      summary,
      apply: async () => {
        const report = await job.applied.catch((error: unknown) => this.workerFailed(error));
        for (const scope of report.cleared) clearPending.delete(scope);
        this.countReceived(report.rows, report.byScope);
        this.announce(report.changed, report.notifications);
      },
    };
  }

  /** A job's failure is the cycle's, unless the worker itself died: then this engine applies everything itself. */
  private workerFailed(error: unknown): never {
    if (isAppError(error) && error.code === 'internal') {
      this.disableWorker(error);
      throw new WorkerLost();
    }
    throw error;
  }

  /**
   * Applies one answer here. An answer may be larger than one transaction
   * should be (this thread must not stall): it is cut into chunks of about
   * `applyBudgetMs` of work, never between two changes of one seq, each
   * chunk committed on its own with the event loop free in between. A
   * scope's cursor (and the end of a pending clear) is stored with the
   * chunk holding its LAST change, so until the whole page is in, the
   * stored cursor still points before it: a crash or a lock half way
   * through re-pulls the page, and applying a change twice is harmless
   * (upserts and deletes are idempotent). Events go out after each commit.
   */
  private async apply(pages: readonly CheckedPage[], serviceId: string, clearPending: Set<SyncScope>): Promise<void> {
    const chunks = cutIntoChunks(pages, clearPending, this.chunkRows);
    for (const chunk of chunks) {
      await this.applyChunk(chunk, serviceId);
      for (const { scope, cleared } of chunk.cursors) if (cleared) clearPending.delete(scope);
      if (chunk !== chunks.at(-1)) await turns(1);
    }
  }

  private async applyChunk(chunk: Chunk, serviceId: string): Promise<void> {
    const effects = newEffects();
    await this.options.session.withStore(({ db }) => {
      const started = performance.now();
      const writer = { appliers: this.appliers, serviceId, at: new Date(this.options.clock.now()).toISOString() };
      withRelaxedSync(db, () => db.transaction(() => writeChunk(db, chunk, writer, effects))());
      this.adaptChunkRows(chunk.changes.length, performance.now() - started);
    });
    this.countReceived(chunk.changes.length, rowsByScope([chunk]));
    this.announce([...effects.changed], effects.notifications);
  }

  /** A first sync's progress: rows received so far, by scope. */
  private countReceived(rows: number, byScope: Partial<Record<SyncScope, number>>): void {
    if (!this.current.firstSync || rows === 0) return;
    const counts = { ...this.current.firstSync.byScope };
    for (const [scope, count] of Object.entries(byScope)) counts[scope] = (counts[scope] ?? 0) + count;
    this.update({ firstSync: { received: this.current.firstSync.received + rows, byScope: counts } });
  }

  /** After a commit: the UI hears what changed, and what to tell the officer. */
  private announce(changed: readonly string[], notifications: readonly AppNotification[]): void {
    if (changed.length > 0) this.options.events.emit({ type: 'data_changed', scopes: [...changed] });
    for (const notification of notifications) this.options.events.emit({ type: 'notification', notification });
  }

  /**
   * Aim the next chunk at `applyBudgetMs` of work. The cost of a row is the
   * median of the last chunks' costs: a chunk that happened to pay for a WAL
   * checkpoint or an FTS merge (spikes whose size does not depend on the
   * chunk's) must not shrink the chunks, which would only make more of them.
   * Grows at most twofold a chunk.
   */
  private adaptChunkRows(rows: number, ms: number): void {
    if (rows < Math.min(50, this.chunkRows)) return;
    this.rowCosts.push(Math.max(ms, 0.5) / rows);
    if (this.rowCosts.length > ROW_COST_WINDOW) this.rowCosts.shift();
    const sorted = [...this.rowCosts].sort((x, y) => x - y);
    const perRow = sorted[Math.floor(sorted.length / 2)] as number;
    const target = Math.floor(this.applyBudgetMs / perRow);
    this.chunkRows = Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, this.chunkRows * 2, target));
  }

  // ---- status ----

  private update(patch: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...patch };
    this.emitStatus();
  }

  private emitStatus(): void {
    const text = JSON.stringify(this.current);
    if (text === this.emitted) return;
    this.emitted = text;
    this.options.events.emit({ type: 'sync', status: this.status() });
  }
}

/** Yields to the event loop `count` times (I/O callbacks included). */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The pull worker died under a page: the pull starts again from the stored cursors, on the main thread. */
class WorkerLost extends Error {
  override name = 'WorkerLost';
}

/** The service refused the cursors a request carried (sync.cursor_invalid). */
class CursorsRefused extends Error {
  override name = 'CursorsRefused';
  constructor(
    readonly cursors: ReadonlyMap<SyncScope, StoredCursor>,
    override readonly cause: AppError,
  ) {
    super(cause.message);
  }
}

/** An answer was over the size limit: the pull asks for fewer rows a page. */
class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
  constructor(override readonly cause: AppError) {
    super(cause.message);
  }
}

/** A pull answer read and checked: what the next request needs, and how to apply it. */
interface CheckedAnswer {
  summary: CheckedSummary;
  apply(): Promise<void>;
}

function initialStatus(): SyncStatus {
  return { online: null, syncing: false, lastSyncAt: null, pendingIntents: 0, needsAttention: 0, lastError: null, firstSync: null };
}

/**
 * Which scopes a `sync.cursor_invalid` answer is about. It refuses the whole
 * request without naming the scope: the cursors this laptop can tell are
 * malformed or filed under the wrong scope, or else (all well formed, so
 * issued by another service instance) all of them.
 */
function refusedScopes(cursors: ReadonlyMap<SyncScope, StoredCursor>): SyncScope[] {
  const all = [...cursors.keys()];
  const broken = all.filter((scope) => parseSyncCursor((cursors.get(scope) as StoredCursor).cursor)?.scope !== scope);
  return broken.length > 0 ? broken : all;
}

/** The local effect of a result is a convenience: if it fails, the intent still leaves the outbox and the pull brings the row. */
function runSavepoint(db: Db, task: () => void): void {
  db.exec('SAVEPOINT local_effect');
  try {
    task();
    db.exec('RELEASE local_effect');
  } catch {
    db.exec('ROLLBACK TO local_effect');
    db.exec('RELEASE local_effect');
  }
}
