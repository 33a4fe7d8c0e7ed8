import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '@shared/api/errors';
import { serviceRoutes } from '@shared/service/routes';
import { entityAppliers } from '../appliers';
import { toAppError } from '../service/errors';
import { decodeBody } from '../service/encoded-body';
import { readAnswer } from '../service/read-answer';
import { openSecondConnection, toStoreError } from '../store';
import { cutIntoChunks, newEffects, rowsByScope, writeChunk } from './page-chunks';
import type { PullJob, PullWorkerReply, PullWorkerRequest, PullWorkerStart, WorkerError } from './pull-worker-protocol';
import { checkPullAnswer, PageRejected } from './validate-page';

/**
 * The pull worker: a thread with its own connection to the store that
 * decodes, reads, checks and applies the large answers of a pull (a new laptop's
 * first sync, a laptop back after days away), so the main process, which
 * serves the UI, never holds its thread for a page (DESIGN: bulk sync apply
 * runs off the UI path). One job at a time, in the order sent: the answer
 * is decoded, read against the contract and checked (the engine hears the new
 * cursors at once, to ask for the next page while this one is written),
 * then written in ONE transaction with its cursors.
 *
 * Checkpoints: copying the WAL back into the database costs more than the
 * writes themselves when it runs every 1 000 WAL pages (SQLite's default),
 * since a page of the product indexes and the FTS segments is rewritten by
 * every transaction and copied again at every checkpoint. So this
 * connection checkpoints only every BULK_CHECKPOINT_PAGES, and once when
 * it closes, here, so the main connection's next commit does not find a
 * long WAL to copy on the main thread.
 */

const port = parentPort;
if (!port) throw new Error('pull-worker.ts runs only as a worker thread');
const start = workerData as PullWorkerStart;
let store: ReturnType<typeof openSecondConnection> | undefined;
let opening: unknown;
try {
  store = openSecondConnection(start.file, start.key);
} catch (error) {
  opening = error;
} finally {
  start.key.fill(0);
}
const BULK_CHECKPOINT_PAGES = 10_000;
store?.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
const appliers = new Map(entityAppliers.map((applier) => [applier.entity, applier]));

port.on('message', (request: PullWorkerRequest) => {
  if (request.type === 'close') {
    try {
      store?.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or failing: the main connection checkpoints later, as it always does.
    }
    store?.close();
    store = undefined;
    port.close();
    return;
  }
  run(request.job);
});

function run(job: PullJob): void {
  const reply = (message: PullWorkerReply) => port?.postMessage(message);
  let stage: 'check' | 'apply' = 'check';
  try {
    if (!store) throw opening ?? new Error('The pull worker has no database connection');
    const { db } = store;
    const wire = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const text = decodeBody({ bytes: wire, coding: job.coding }, job.maxBytes, 'syncPull').toString('utf8');
    const answer = readAnswer(serviceRoutes.syncPull.response, text, 'syncPull');
    const pages = checkPullAnswer(answer, { requested: job.requested, cursors: new Map(job.cursors), serviceId: job.serviceId });
    reply({
      id: job.id,
      type: 'checked',
      summary: {
        serviceId: answer.serviceId,
        pages: pages.map(({ scope, page }) => ({ scope, cursor: page.cursor, hasMore: page.hasMore, changes: page.changes.length })),
      },
    });
    stage = 'apply';
    const chunks = cutIntoChunks(pages, new Set(job.clearPending), Number.POSITIVE_INFINITY);
    const effects = newEffects();
    const writer = { appliers, serviceId: answer.serviceId, at: job.at };
    db.transaction(() => {
      for (const chunk of chunks) writeChunk(db, chunk, writer, effects);
    })();
    reply({
      id: job.id,
      type: 'applied',
      report: {
        rows: chunks.reduce((rows, chunk) => rows + chunk.changes.length, 0),
        byScope: rowsByScope(chunks),
        changed: [...effects.changed],
        cleared: chunks.flatMap((chunk) => chunk.cursors.filter((c) => c.cleared).map((c) => c.scope)),
        notifications: effects.notifications,
      },
    });
  } catch (error) {
    reply({ id: job.id, type: 'failed', error: describe(stage === 'check' ? toAppError(error, 'device') : toStoreError(error)) });
  }
}

function describe(error: unknown): WorkerError {
  if (error instanceof PageRejected) return { kind: 'page_rejected', message: error.message };
  if (isAppError(error)) return { kind: 'app', code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
