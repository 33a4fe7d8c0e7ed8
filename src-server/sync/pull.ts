import { entitiesOfScope, syncEntities, type SyncEntity, type SyncScopePage } from '@shared/sync/changes';
import type { SyncPullResponse } from '@shared/sync/pull';
import {
  formatSyncCursor,
  parseSyncCursor,
  SYNC_PULL_DEFAULT_LIMIT,
  syncScopeInfo,
  syncScopes,
  type SyncCursorParts,
  type SyncScope,
} from '@shared/sync/scopes';
import { iso } from '../clock';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statements';
import { currentChangeSeq, horizonOf, serviceId as storedServiceId } from '../store/sync';
import { entityByTable, entitySources, type EntitySource } from './sources';

/**
 * The pull: for each scope named, the changes after its cursor, in seq
 * order, within one row limit shared by all scopes (filled in the order of
 * `syncScopes`). Read in one transaction, so every page is one consistent
 * state of the service.
 *
 * Cursors (`<serviceId>.<scope>.<seq>.<horizon>`): `seq` says everything of
 * the scope up to it has been delivered; `horizon` is the scope's retention
 * horizon when the cursor was issued. A cursor is served on when
 * - its seq is 0 (the client holds nothing of the scope), or
 * - its seq is at or above the scope's horizon (no delete it has not seen has
 *   been purged), or
 * - the horizon has not moved since it was issued (a first sync or a reset
 *   still paging through rows below the horizon: the deletes purged before
 *   it began cannot concern rows it was sent).
 * Otherwise the scope is reset: it answers from the beginning with
 * `reset: true`. So is a cursor from ahead of the service (seq above the
 * last change, or a horizon above the current one: the store was restored
 * from a backup). A cursor that is malformed, of another scope or of another
 * service refuses the whole request (400 sync.cursor_invalid).
 *
 * Deletes at or below the horizon are never served: every client that could
 * need one has been reset meanwhile.
 */

export interface SyncViewer {
  personId: string;
  unitId: string;
}

/** One change, already serialised as UTF-8 JSON: the page is assembled from bytes, never from an object per row. */
interface Row {
  seq: number;
  json: Buffer;
}

/** One source of changes of a scope: an entity's table or the scope's tombstones. */
interface ChangeSource {
  /** Changes with after < seq ≤ through, in seq order, at most `limit`. */
  read(after: number, through: number, limit: number): Row[];
  /** How many changes after `after` (an upper bound for progress). */
  count(after: number): number;
}

const MAX_SEQ = Number.MAX_SAFE_INTEGER;
const COMMA = Buffer.from(',');
const CLOSE_PAGE = Buffer.from(']}');
const CLOSE_ALL = Buffer.from('}}');

function ownerOf(scope: SyncScope, viewer: SyncViewer): string | undefined {
  const visibility = syncScopeInfo[scope].visibility;
  return visibility === 'unit' ? viewer.unitId : visibility === 'person' ? viewer.personId : undefined;
}

const deleteJson = (entity: string, id: string, seq: number) => Buffer.from(`{"entity":"${entity}","op":"delete","id":${JSON.stringify(id)},"seq":${seq}}`);

function tableSource(db: Db, source: EntitySource, owner: string | undefined, horizon: number): ChangeSource {
  const where = ['change_seq > @after'];
  if (source.ownerColumn !== undefined) where.push(`${source.ownerColumn} = @owner`);
  // A retired row is a delete: not served at or below the horizon.
  if (source.retired) where.push(`(NOT (${source.retired.when}) OR change_seq > @horizon)`);
  const retired = source.retired ? `(${source.retired.when})` : '0';
  const entity = `'entity', '${source.entity}'`;
  const id = `'id', (${source.key}), 'seq', change_seq`;
  // With SQL for the row's JSON, SQLite writes the whole change, as bytes (no string round trip);
  // otherwise the row is read whole and mapped here.
  const columns =
    source.json === undefined
      ? `*${source.columns === undefined ? '' : `, ${source.columns}`}`
      : `change_seq, CAST(CASE WHEN ${retired} THEN json_object(${entity}, 'op', 'delete', ${id})
           ELSE json_object(${entity}, 'op', 'upsert', ${id}, 'data', ${source.json}) END AS BLOB) AS qm_change`;
  const params = (after: number) => ({ after, horizon, ...(owner === undefined ? {} : { owner }) });
  const read = cachedStatement(
    db,
    `SELECT ${columns}, (${source.key}) AS qm_id, ${retired} AS qm_retired FROM ${source.table}
     WHERE ${where.join(' AND ')} AND change_seq <= @through ORDER BY change_seq LIMIT @limit`,
  );
  const count = cachedStatement(db, `SELECT count(*) AS n FROM ${source.table} WHERE ${where.join(' AND ')}`);
  return {
    read(after, through, limit) {
      const rows = read.all({ ...params(after), through, limit }) as Array<
        Record<string, unknown> & { change_seq: number; qm_id: string; qm_retired: number; qm_change?: Buffer }
      >;
      return rows.map((row) => {
        const seq = row.change_seq;
        if (row.qm_change !== undefined) return { seq, json: row.qm_change };
        if (row.qm_retired) return { seq, json: deleteJson(source.entity, row.qm_id, seq) };
        return { seq, json: Buffer.from(JSON.stringify({ entity: source.entity, op: 'upsert', id: row.qm_id, seq, data: source.data(row) })) };
      });
    },
    count: (after) => (count.get(params(after)) as { n: number }).n,
  };
}

function tombstoneSource(db: Db, scope: SyncScope, owner: string | undefined, horizon: number): ChangeSource {
  const where = `scope = @scope AND change_seq > @after AND change_seq > @horizon${owner === undefined ? '' : ' AND owner = @owner'}`;
  const params = (after: number) => ({ scope, after, horizon, ...(owner === undefined ? {} : { owner }) });
  const read = cachedStatement(db, `SELECT change_seq, entity, entity_id FROM tombstones WHERE ${where} AND change_seq <= @through ORDER BY change_seq LIMIT @limit`);
  const count = cachedStatement(db, `SELECT count(*) AS n FROM tombstones WHERE ${where}`);
  return {
    read(after, through, limit) {
      const rows = read.all({ ...params(after), through, limit }) as Array<{ change_seq: number; entity: string; entity_id: string }>;
      return rows.map((row) => {
        const entity = entityByTable.get(row.entity);
        if (!entity || !entitiesOfScope(scope).includes(entity)) {
          throw new Error(`A ${scope} tombstone names ${row.entity}, which is not an entity of that scope`);
        }
        return { seq: row.change_seq, json: deleteJson(entity, row.entity_id, row.change_seq) };
      });
    },
    count: (after) => (count.get(params(after)) as { n: number }).n,
  };
}

function sourcesOf(db: Db, scope: SyncScope, viewer: SyncViewer, horizon: number): ChangeSource[] {
  const owner = ownerOf(scope, viewer);
  const entities = entitiesOfScope(scope);
  if (entities.length === 0) return [];
  return [...entities.map((entity) => tableSource(db, entitySources[entity], owner, horizon)), tombstoneSource(db, scope, owner, horizon)];
}

function mergeBySeq(lists: Row[][]): Row[] {
  // Each list is sorted; lists are few, so a stable sort of their concatenation is plenty.
  const filled = lists.filter((list) => list.length > 0);
  return filled.length > 1 ? filled.flat().sort((a, b) => a.seq - b.seq) : (filled[0] ?? []);
}

interface ScopeRead {
  rows: Row[];
  hasMore: boolean;
  /** The seq up to which the scope is now delivered. */
  through: number;
}

/**
 * Up to `budget` changes after `after` (more only to keep rows of one seq
 * together). `budget` 0 reads nothing and only says whether more wait.
 */
function readScope(sources: ChangeSource[], after: number, budget: number): ScopeRead {
  if (budget === 0) return { rows: [], hasMore: sources.some((s) => s.read(after, MAX_SEQ, 1).length > 0), through: after };
  const lists = sources.map((s) => s.read(after, MAX_SEQ, budget + 1));
  const merged = mergeBySeq(lists);
  if (merged.length <= budget) return { rows: merged, hasMore: false, through: merged.at(-1)?.seq ?? after };

  const boundary = (merged[budget - 1] as Row).seq;
  // A source cut off at the boundary may hold more rows of that very seq: a page never splits them.
  const cutAtBoundary = lists.map((list) => list.length === budget + 1 && (list.at(-1) as Row).seq === boundary);
  const completed = lists.map((list, i) =>
    cutAtBoundary[i]
      ? [...list.filter((row) => row.seq < boundary), ...(sources[i] as ChangeSource).read(boundary - 1, boundary, MAX_SEQ)]
      : list.filter((row) => row.seq <= boundary),
  );
  const hasMore =
    merged.some((row) => row.seq > boundary) || sources.some((source, i) => cutAtBoundary[i] && source.read(boundary, MAX_SEQ, 1).length > 0);
  return { rows: mergeBySeq(completed), hasMore, through: boundary };
}

/** What to do with a cursor: serve on from its seq, or restart the scope. */
function judgeCursor(parts: SyncCursorParts | null, state: { horizon: number; lastSeq: number }): { after: number; reset: boolean } {
  if (parts === null) return { after: 0, reset: false };
  if (parts.seq > state.lastSeq || parts.horizon > state.horizon) return { after: 0, reset: true };
  if (parts.seq === 0 || parts.seq >= state.horizon || parts.horizon === state.horizon) return { after: parts.seq, reset: false };
  return { after: 0, reset: true };
}

function parseCursors(cursors: Partial<Record<SyncScope, string | null | undefined>>, id: string): Map<SyncScope, SyncCursorParts | null> {
  const parsed = new Map<SyncScope, SyncCursorParts | null>();
  for (const scope of syncScopes) {
    const text = cursors[scope];
    if (text === undefined) continue;
    if (text === null) {
      parsed.set(scope, null);
      continue;
    }
    const parts = parseSyncCursor(text);
    if (!parts) throw new ServiceError('sync.cursor_invalid', `The ${scope} cursor is not one this service issues`);
    if (parts.serviceId !== id) throw new ServiceError('sync.cursor_invalid', `The ${scope} cursor was issued by another service instance`);
    if (parts.scope !== scope) throw new ServiceError('sync.cursor_invalid', `The cursor given for ${scope} belongs to ${parts.scope}`);
    parsed.set(scope, parts);
  }
  return parsed;
}

/** Tests switch this on: every row served is parsed back and checked against the shared schema of its entity. */
function checkRows(scope: SyncScope, rows: readonly Row[]): void {
  for (const row of rows) {
    const change = JSON.parse(row.json.toString('utf8')) as { entity: SyncEntity };
    const spec = syncEntities[change.entity] as (typeof syncEntities)[SyncEntity] | undefined;
    const checked = spec?.scope === scope ? spec.change.safeParse(change) : undefined;
    if (!checked?.success) throw new Error(`A ${scope} row at seq ${row.seq} is outside the contract: ${checked?.error.message ?? change.entity}`);
  }
}

export interface PullInput {
  cursors: Partial<Record<SyncScope, string | null | undefined>>;
  limit?: number;
}

export interface PullOptions {
  /** Parse every row back and check it against the shared schemas (tests); off by default for speed. */
  checkRows?: boolean;
}

/**
 * The answer as JSON text, and the same answer with every `changes` emptied
 * (checked against the route's response schema by the routing layer).
 */
export interface PulledPages {
  envelope: SyncPullResponse;
  body: Buffer;
}

export function pullChanges(db: Db, viewer: SyncViewer, input: PullInput, now: number, options: PullOptions = {}): PulledPages {
  return db.transaction((): PulledPages => {
    const id = storedServiceId(db);
    const requested = parseCursors(input.cursors, id);
    const lastSeq = currentChangeSeq(db);
    let budget = input.limit ?? SYNC_PULL_DEFAULT_LIMIT;
    const pages: Partial<Record<SyncScope, SyncScopePage>> = {};
    const parts: Buffer[] = [];

    for (const scope of syncScopes) {
      if (!requested.has(scope)) continue;
      const horizon = horizonOf(db, scope);
      const { after, reset } = judgeCursor(requested.get(scope) ?? null, { horizon, lastSeq });
      const sources = sourcesOf(db, scope, viewer, horizon);
      const read = readScope(sources, after, budget);
      if (options.checkRows) checkRows(scope, read.rows);
      budget -= read.rows.length;
      // Once a scope is exhausted, everything up to its horizon is delivered too (deletes below it are never needed).
      const through = read.hasMore ? read.through : Math.max(read.through, horizon);
      const page: SyncScopePage = {
        cursor: formatSyncCursor({ serviceId: id, scope, seq: through, horizon }),
        hasMore: read.hasMore,
        reset,
        ...(read.hasMore ? { remaining: sources.reduce((sum, s) => sum + s.count(through), 0) } : {}),
        changes: [],
      };
      pages[scope] = page;
      // `changes` is the last key: splice the rows into its empty array.
      const empty = JSON.stringify(page);
      parts.push(Buffer.from(`${parts.length === 0 ? '' : ','}${JSON.stringify(scope)}:${empty.slice(0, -2)}`));
      read.rows.forEach((row, i) => (i === 0 ? parts.push(row.json) : parts.push(COMMA, row.json)));
      parts.push(CLOSE_PAGE);
    }
    const envelope = { serviceId: id, serverTime: iso(now), scopes: pages } as SyncPullResponse;
    const head = Buffer.from(`{"serviceId":${JSON.stringify(envelope.serviceId)},"serverTime":${JSON.stringify(envelope.serverTime)},"scopes":{`);
    return { envelope, body: Buffer.concat([head, ...parts, CLOSE_ALL]) };
  })();
}
