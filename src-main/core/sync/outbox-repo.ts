import { z } from 'zod';
import { IntentRejectionSchema, type Intent, type IntentRejection } from '@shared/sync/intents';
import type { Db } from '../store';

/**
 * The outbox (migration 0003): intents the officer made, kept until the
 * service answers. `pending` ones are sent; `rejected` ones wait in "needs
 * attention" until discarded. Every write here is a plain statement: the
 * caller decides the transaction (synchronous=FULL makes each commit
 * durable before the officer is told anything).
 */

export interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  entity_id: string;
  payload: string;
  created_at: string;
  state: 'pending' | 'rejected';
  attempts: number;
  next_attempt_at: number | null;
  rejection: string | null;
  rejected_at: string | null;
  signature: string | null;
}

export interface OutboxIntent {
  seq: number;
  intent: Intent;
  attempts: number;
  nextAttemptAt: number | null;
}

export interface RejectedIntent {
  seq: number;
  id: string;
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
  createdAt: string;
  rejection: IntentRejection | { code: string; message: string; params?: Record<string, string | number | boolean> };
  rejectedAt: string;
}

const PayloadSchema = z.record(z.string(), z.unknown());
/** Read leniently: a rejection stored by this client, possibly with a code a newer service invented. */
const StoredRejectionSchema = z.union([
  IntentRejectionSchema,
  z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }),
]);

export interface NewOutboxIntent {
  id: string;
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** Base64 detached CMS over the payload's canonical content (intent types that require one, e.g. order.submit). */
  signature?: string;
}

export function insertIntent(db: Db, intent: NewOutboxIntent): number {
  const info = db
    .prepare(`INSERT INTO outbox (id, type, entity_id, payload, created_at, state, signature) VALUES (?, ?, ?, ?, ?, 'pending', ?)`)
    .run(intent.id, intent.type, intent.entityId, JSON.stringify(intent.payload), intent.createdAt, intent.signature ?? null);
  return Number(info.lastInsertRowid);
}

function toOutboxIntent(row: OutboxRow): OutboxIntent {
  const intent: Intent = { id: row.id, type: row.type, entityId: row.entity_id, createdAt: row.created_at, payload: PayloadSchema.parse(JSON.parse(row.payload)) };
  // Sent exactly as stored: the service compares a resend's signature with the first send's.
  if (row.signature !== null) intent.signature = row.signature;
  return {
    seq: row.seq,
    intent,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
  };
}

/** Every pending intent in outbox order. */
export function pendingIntents(db: Db): OutboxIntent[] {
  return (db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq`).all() as OutboxRow[]).map(toOutboxIntent);
}

export interface SendableOptions {
  /** Wall-clock now (epoch ms). */
  now: number;
  /** Ignore next_attempt_at (the officer pressed "sync now"). */
  force: boolean;
  maxIntents: number;
  maxBytes: number;
  /** Backoff longer than this is treated as due (the wall clock was set back). */
  maxDelayMs: number;
}

/**
 * The next batch to send, in outbox order, keeping per-entity order: an
 * intent goes only if every earlier pending intent of its entity goes in the
 * same batch (or was sent in an earlier one). An entity whose oldest pending
 * intent is still backing off holds back its own later intents and nothing
 * else. Rejected intents hold back nothing: the service has decided them.
 */
export function sendableIntents(db: Db, options: SendableOptions): OutboxIntent[] {
  const blocked = new Set<string>();
  const batch: OutboxIntent[] = [];
  let bytes = 64;
  for (const item of pendingIntents(db)) {
    const entity = item.intent.entityId;
    if (blocked.has(entity)) continue;
    const due =
      options.force ||
      item.nextAttemptAt === null ||
      item.nextAttemptAt <= options.now ||
      item.nextAttemptAt - options.now > options.maxDelayMs;
    if (!due) {
      blocked.add(entity);
      continue;
    }
    const size = JSON.stringify(item.intent).length + 1;
    if (batch.length >= options.maxIntents || bytes + size > options.maxBytes) {
      // Full: this entity's later intents wait for the next batch with it.
      blocked.add(entity);
      continue;
    }
    bytes += size;
    batch.push(item);
  }
  return batch;
}

/** About to send: counted before the request leaves, so a crash mid-request still shows that it may have arrived. */
export function markSent(db: Db, ids: readonly string[]): void {
  const statement = db.prepare(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'`);
  for (const id of ids) statement.run(id);
}

/** A send that got no answer: try again after `delayMs(attempts)`. */
export function markFailed(db: Db, ids: readonly string[], nextAttemptAt: (attempts: number) => number): void {
  const read = db.prepare(`SELECT attempts FROM outbox WHERE id = ? AND state = 'pending'`).pluck();
  const write = db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE id = ?`);
  for (const id of ids) {
    const attempts = read.get(id) as number | undefined;
    if (attempts !== undefined) write.run(nextAttemptAt(attempts), id);
  }
}

/** The service applied it: it leaves the outbox (in the transaction that records its effect locally). */
export function deleteIntent(db: Db, id: string): boolean {
  return db.prepare(`DELETE FROM outbox WHERE id = ?`).run(id).changes === 1;
}

export function markRejected(db: Db, id: string, rejection: IntentRejection, at: string): boolean {
  return (
    db
      .prepare(`UPDATE outbox SET state = 'rejected', rejection = ?, rejected_at = ?, next_attempt_at = NULL WHERE id = ? AND state = 'pending'`)
      .run(JSON.stringify(rejection), at, id).changes === 1
  );
}

export function rejectedIntents(db: Db): RejectedIntent[] {
  const rows = db.prepare(`SELECT * FROM outbox WHERE state = 'rejected' ORDER BY seq`).all() as OutboxRow[];
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    type: row.type,
    entityId: row.entity_id,
    payload: PayloadSchema.parse(JSON.parse(row.payload)),
    createdAt: row.created_at,
    rejection: StoredRejectionSchema.parse(JSON.parse(row.rejection ?? 'null')),
    rejectedAt: row.rejected_at ?? row.created_at,
  }));
}

/** Discards a rejected intent; false when there is no rejected intent with this id. */
export function discardRejected(db: Db, id: string): boolean {
  return db.prepare(`DELETE FROM outbox WHERE id = ? AND state = 'rejected'`).run(id).changes === 1;
}

export interface OutboxCounts {
  pending: number;
  rejected: number;
  /** Earliest next_attempt_at of a pending intent, if any backs off. */
  nextAttemptAt: number | null;
}

export function outboxCounts(db: Db): OutboxCounts {
  const row = db
    .prepare(
      `SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'rejected'), 0) AS rejected,
              min(CASE WHEN state = 'pending' THEN next_attempt_at END) AS next
         FROM outbox`,
    )
    .get() as { pending: number; rejected: number; next: number | null };
  return { pending: row.pending, rejected: row.rejected, nextAttemptAt: row.next };
}
