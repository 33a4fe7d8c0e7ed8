import type { SyncScope } from '@shared/sync/scopes';
import type { Db } from './database';
import { getMeta } from './meta';

/** The id of this service instance, made by migration 2 (the first start) and carried by every cursor. */
export function serviceId(db: Db): string {
  const id = getMeta(db, 'service_id');
  if (!id) throw new Error('The service database has no service_id; it was not migrated');
  return id;
}

/** The last change_seq handed out, service-wide. */
export function currentChangeSeq(db: Db): number {
  return (db.prepare('SELECT value FROM change_counter WHERE id = 1').get() as { value: number }).value;
}

// ---- retention horizons ----

export function horizonOf(db: Db, scope: SyncScope): number {
  return (db.prepare('SELECT seq FROM sync_horizons WHERE scope = ?').get(scope) as { seq: number } | undefined)?.seq ?? 0;
}

export function allHorizons(db: Db): Partial<Record<SyncScope, number>> {
  const rows = db.prepare('SELECT scope, seq FROM sync_horizons').all() as Array<{ scope: SyncScope; seq: number }>;
  return Object.fromEntries(rows.map((row) => [row.scope, row.seq]));
}

/** Horizons only move up. */
export function raiseHorizon(db: Db, scope: SyncScope, seq: number): void {
  db.prepare('INSERT INTO sync_horizons (scope, seq) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET seq = max(seq, excluded.seq)').run(scope, seq);
}

// ---- tombstones ----

export interface TombstoneRow {
  change_seq: number;
  entity: string;
  entity_id: string;
}

/** Stamp tombstones the sweep has not seen yet with the time it first saw them. */
export function noticeTombstones(db: Db, at: number): number {
  return db.prepare('UPDATE tombstones SET noticed_at = ? WHERE noticed_at IS NULL').run(at).changes;
}

/** The newest tombstone of a scope noticed at or before `cutoff`, if any. */
export function newestTombstoneNoticedBy(db: Db, scope: SyncScope, cutoff: number): number | null {
  return (db.prepare('SELECT max(change_seq) AS seq FROM tombstones WHERE scope = ? AND noticed_at <= ?').get(scope, cutoff) as { seq: number | null }).seq;
}

export function deleteTombstonesThrough(db: Db, scope: SyncScope, seq: number): number {
  return db.prepare('DELETE FROM tombstones WHERE scope = ? AND change_seq <= ?').run(scope, seq).changes;
}

export function countTombstones(db: Db): Partial<Record<SyncScope, number>> {
  const rows = db.prepare('SELECT scope, count(*) AS n FROM tombstones GROUP BY scope').all() as Array<{ scope: SyncScope; n: number }>;
  return Object.fromEntries(rows.map((row) => [row.scope, row.n]));
}

// ---- intents ----

export interface StoredIntent {
  id: string;
  personId: string;
  deviceId: string;
  type: string;
  entityId: string;
  bodySha256: string;
  status: 'applied' | 'rejected';
  /** The result (applied) or the reason (rejected), parsed. */
  outcome: unknown;
  clientCreatedAt: string;
  receivedAt: number;
}

interface IntentRow {
  id: string;
  person_id: string;
  device_id: string;
  type: string;
  entity_id: string;
  body_sha256: string;
  status: 'applied' | 'rejected';
  outcome: string;
  client_created_at: string;
  received_at: number;
}

export function findIntent(db: Db, id: string): StoredIntent | undefined {
  const row = db.prepare('SELECT * FROM sync_intents WHERE id = ?').get(id) as IntentRow | undefined;
  return (
    row && {
      id: row.id,
      personId: row.person_id,
      deviceId: row.device_id,
      type: row.type,
      entityId: row.entity_id,
      bodySha256: row.body_sha256,
      status: row.status,
      outcome: JSON.parse(row.outcome) as unknown,
      clientCreatedAt: row.client_created_at,
      receivedAt: row.received_at,
    }
  );
}

export function insertIntent(db: Db, intent: StoredIntent): void {
  db.prepare(
    `INSERT INTO sync_intents (id, person_id, device_id, type, entity_id, body_sha256, status, outcome, client_created_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    intent.id,
    intent.personId,
    intent.deviceId,
    intent.type,
    intent.entityId,
    intent.bodySha256,
    intent.status,
    JSON.stringify(intent.outcome),
    intent.clientCreatedAt,
    intent.receivedAt,
  );
}

export function countIntents(db: Db): { applied: number; rejected: number } {
  const rows = db.prepare('SELECT status, count(*) AS n FROM sync_intents GROUP BY status').all() as Array<{ status: 'applied' | 'rejected'; n: number }>;
  return { applied: rows.find((r) => r.status === 'applied')?.n ?? 0, rejected: rows.find((r) => r.status === 'rejected')?.n ?? 0 };
}
