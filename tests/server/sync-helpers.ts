import { v7 as uuidv7 } from 'uuid';
import type { SyncChange } from '@shared/sync/changes';
import { syncScopes, type SyncScope } from '@shared/sync/scopes';
import type { Intent } from '@shared/sync/intents';
import { runAdmin } from '../../src-server/admin/cli';
import { dataPaths } from '../../src-server/paths';
import { openDatabase, type Db } from '../../src-server/store/database';
import type { Reply, TestService } from './helpers';

/** Sync calls against the live test service, as a client core would make them. */

export type Cursors = Partial<Record<SyncScope, string | null>>;

export interface Page {
  cursor: string;
  hasMore: boolean;
  reset: boolean;
  remaining?: number;
  changes: SyncChange[];
}

export const allScopes = (): Cursors => Object.fromEntries(syncScopes.map((scope) => [scope, null]));

export async function pull(test: TestService, token: string, cursors: Cursors, limit?: number): Promise<Reply & { pages: Partial<Record<SyncScope, Page>> }> {
  const reply = await test.call('POST', '/v1/sync/pull', { token, body: limit === undefined ? { cursors } : { cursors, limit } });
  return { ...reply, pages: (reply.body.scopes ?? {}) as Partial<Record<SyncScope, Page>> };
}

export interface PulledAll {
  cursors: Record<string, string>;
  changes: Partial<Record<SyncScope, SyncChange[]>>;
  pages: Array<Partial<Record<SyncScope, Page>>>;
}

/** Pull until no scope has more, as the client's sync loop does; every page is kept for inspection. */
export async function pullAll(test: TestService, token: string, cursors: Cursors, limit?: number): Promise<PulledAll> {
  const current: Cursors = { ...cursors };
  const changes: Partial<Record<SyncScope, SyncChange[]>> = {};
  const pages: PulledAll['pages'] = [];
  for (let round = 0; round < 10_000; round += 1) {
    const reply = await pull(test, token, current, limit);
    if (reply.status !== 200) throw new Error(`pull failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    pages.push(reply.pages);
    let more = false;
    for (const [scope, page] of Object.entries(reply.pages) as Array<[SyncScope, Page]>) {
      if (page.reset) changes[scope] = [];
      (changes[scope] ??= []).push(...page.changes);
      current[scope] = page.cursor;
      more ||= page.hasMore;
    }
    if (!more) return { cursors: current as Record<string, string>, changes, pages };
  }
  throw new Error('pull did not finish');
}

export function intent(type: string, entityId: string, payload: Record<string, unknown>, extra: Partial<Intent> = {}): Intent {
  return { id: uuidv7(), type, entityId, createdAt: new Date().toISOString(), payload, ...extra };
}

export function watchSet(productId: string, notify = { restock: true, price: false }): Intent {
  return intent('watch.set', productId, { productId, notify });
}

export async function push(test: TestService, token: string, intents: unknown[]): Promise<Reply & { results: Array<Record<string, unknown>> }> {
  const reply = await test.call('POST', '/v1/sync/push', { token, body: { intents } });
  return { ...reply, results: (reply.body.results ?? []) as Array<Record<string, unknown>> };
}

/** The admin command line against the live service's data directory, with the test clock. */
export async function admin(test: TestService, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin([...argv, '--data', test.dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, { now: test.clock });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A connection of its own to the service's store, as the admin command line has. */
export function withStore<T>(test: TestService, fn: (db: Db) => T): T {
  const db = openDatabase(dataPaths(test.dataDir).database);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function refreshed(test: TestService, device: { deviceId: string; refreshToken: string }): Promise<{ accessToken: string; refreshToken: string }> {
  const reply = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: device.refreshToken } });
  if (reply.status !== 200) throw new Error(`refresh failed: ${JSON.stringify(reply.body)}`);
  return reply.body.tokens as { accessToken: string; refreshToken: string };
}

export const seqs = (changes: readonly SyncChange[]) => changes.map((change) => change.seq);
