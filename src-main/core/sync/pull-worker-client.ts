import { Worker } from 'node:worker_threads';
import { AppError } from '@shared/api/errors';
import type { AppliedReport, CheckedSummary, PullJob, PullWorkerReply, PullWorkerRequest, PullWorkerStart, WorkerError } from './pull-worker-protocol';
import { PageRejected } from './validate-page';

/**
 * The engine's side of the pull worker (pull-worker.ts). A job's two
 * answers come as two promises: `checked` as soon as the answer has been
 * read and checked, `applied` once it is committed. If the thread dies,
 * every job waiting on it fails, and nothing it had not committed is kept.
 */

/** Where the worker's code is: the built file in the app, the TypeScript source (through tsx) in tests and benchmarks. */
export interface PullWorkerScript {
  url: URL;
  execArgv: string[];
}

/** The source beside this file, when running from source; undefined in a build (which names its own script). */
export function sourcePullWorkerScript(): PullWorkerScript | undefined {
  if (!import.meta.url.endsWith('.ts')) return undefined;
  return { url: new URL('./pull-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

export interface PullWorkerJob {
  checked: Promise<CheckedSummary>;
  applied: Promise<AppliedReport>;
}

interface Waiting {
  checked: Deferred<CheckedSummary>;
  applied: Deferred<AppliedReport>;
}

export class PullWorker {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  /** `key` is moved into the worker: afterwards this thread holds no copy of it. */
  static start(script: PullWorkerScript, file: string, key: Uint8Array): PullWorker {
    // A buffer of its own (never a slice of Node's pool): only such a one can be moved to another thread.
    const own = new Uint8Array(key.length);
    own.set(key);
    key.fill(0);
    const data: PullWorkerStart = { file, key: own };
    try {
      return new PullWorker(new Worker(script.url, { workerData: data, transferList: [own.buffer], execArgv: script.execArgv }));
    } finally {
      // Moved: nothing is left here to wipe (a detached buffer has no bytes); not moved (the start failed): wiped.
      if (own.byteLength > 0) own.fill(0);
    }
  }

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: PullWorkerReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(new AppError('internal', `The pull worker failed: ${error.message}`)));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.fail(new AppError('internal', `The pull worker stopped (exit code ${code})`));
        resolve();
      });
    });
  }

  submit(job: Omit<PullJob, 'id'>): PullWorkerJob {
    const id = this.nextId++;
    const waiting: Waiting = { checked: deferred(), applied: deferred() };
    // A failed check fails both; nobody awaits `applied` then, so its rejection must not count as unhandled.
    waiting.applied.promise.catch(() => undefined);
    if (this.failure) {
      waiting.checked.reject(this.failure);
      waiting.applied.reject(this.failure);
    } else {
      this.waiting.set(id, waiting);
      this.post({ type: 'job', job: { ...job, id } }, movable(job.bytes));
    }
    return { checked: waiting.checked.promise, applied: waiting.applied.promise };
  }

  /** Lets the worker close its connection and end; pending jobs fail (their pages are pulled again). */
  async close(): Promise<void> {
    if (!this.failure) this.post({ type: 'close' });
    this.fail(new AppError('internal', 'The pull worker was closed'));
    await this.exited;
  }

  private post(request: PullWorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private receive(reply: PullWorkerReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    switch (reply.type) {
      case 'checked':
        waiting.checked.resolve(reply.summary);
        return;
      case 'applied':
        this.waiting.delete(reply.id);
        waiting.applied.resolve(reply.report);
        return;
      case 'failed': {
        this.waiting.delete(reply.id);
        const error = rebuild(reply.error);
        waiting.checked.reject(error);
        waiting.applied.reject(error);
        return;
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) {
      waiting.checked.reject(this.failure);
      waiting.applied.reject(this.failure);
    }
    this.waiting.clear();
  }
}

/** The bytes' memory, when they alone hold it (never a slice of Node's pool, which other buffers share): then it moves instead of being copied. */
function movable(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

function rebuild(error: WorkerError): Error {
  if (error.kind === 'page_rejected') return new PageRejected(error.message);
  if (error.kind === 'app' && error.code) return new AppError(error.code, error.message, error.params);
  return new Error(error.message);
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
