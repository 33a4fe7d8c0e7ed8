import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncPullResponse } from '@shared/sync/pull';
import { formatSyncCursor } from '@shared/sync/scopes';
import { openStore, type Db, type Store } from '../../src-main/core/store';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src-main/core/sync/backoff';
import { markFailed, markRejected, markSent, outboxCounts, sendableIntents } from '../../src-main/core/sync/outbox-repo';
import { queueIntent } from '../../src-main/core/sync/queue';
import { checkPullAnswer, PageRejected } from '../../src-main/core/sync/validate-page';
import { removeTempDirs, tempDataDir } from './support/fixtures';

/** The sync engine's rules, one by one, without a service. */

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  removeTempDirs();
});

function outboxDb(): Db {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true });
  // The app's whole schema: the outbox has grown since migration 0003 (signatures, 0005).
  const store = openStore(join(dir, 'db.sqlite'), randomBytes(32));
  stores.push(store);
  return store.db;
}

describe('backoff', () => {
  it('grows exponentially under full jitter, capped, never below the floor', () => {
    const top = (failures: number) => backoffDelay(failures, DEFAULT_BACKOFF, () => 0.999999);
    expect([1, 2, 3, 4].map(top)).toEqual([999, 1999, 3999, 7999]);
    expect(top(30)).toBe(DEFAULT_BACKOFF.capMs - 1);
    expect(top(10_000)).toBe(DEFAULT_BACKOFF.capMs - 1);
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.floorMs);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(6, DEFAULT_BACKOFF, Math.random)));
    expect(spread.size).toBeGreaterThan(40);
  });
});

describe('the outbox order', () => {
  const NOW = Date.UTC(2025, 0, 15, 9);
  const uuid = (name: string) => `0197a000-0000-7000-8000-00000000000${'abc'.indexOf(name) + 1}`;
  const watch = (db: Db, product: string) => queueIntent(db, 'watch.set', { productId: uuid(product), notify: { restock: true, price: false } }, NOW).id;
  const unwatch = (db: Db, product: string) => queueIntent(db, 'watch.remove', { productId: uuid(product) }, NOW).id;
  const options = { now: NOW, force: false, maxIntents: 100, maxBytes: 1024 * 1024, maxDelayMs: DEFAULT_BACKOFF.capMs };

  it('sends in the order made; an entity backing off holds back only its own later intents', () => {
    const db = outboxDb();
    const a1 = watch(db, 'a');
    const b1 = watch(db, 'b');
    const a2 = unwatch(db, 'a');
    const c1 = watch(db, 'c');
    expect(sendableIntents(db, options).map((item) => item.intent.id)).toEqual([a1, b1, a2, c1]);
    markSent(db, [a1, b1]);
    markFailed(db, [a1], () => NOW + 60_000);
    // a1 waits a minute: a2 waits with it; b and c go.
    expect(sendableIntents(db, options).map((item) => item.intent.id)).toEqual([b1, c1]);
    // The officer's button does not wait.
    expect(sendableIntents(db, { ...options, force: true }).map((item) => item.intent.id)).toEqual([a1, b1, a2, c1]);
    // A wall clock set back by a year does not strand the intent: a wait beyond the cap counts as due.
    expect(sendableIntents(db, { ...options, now: NOW - 365 * 86_400_000 }).map((item) => item.intent.id)).toContain(a1);
    expect(outboxCounts(db)).toEqual({ pending: 4, rejected: 0, nextAttemptAt: NOW + 60_000 });
  });

  it('a rejected intent holds back nothing', () => {
    const db = outboxDb();
    const a1 = watch(db, 'a');
    const a2 = unwatch(db, 'a');
    markRejected(db, a1, { code: 'watch.unknown_product', message: 'No product a' }, new Date(NOW).toISOString());
    expect(sendableIntents(db, options).map((item) => item.intent.id)).toEqual([a2]);
    expect(outboxCounts(db)).toMatchObject({ pending: 1, rejected: 1 });
  });

  it('splits batches by count and size, keeping an entity whole across the cut', () => {
    const db = outboxDb();
    const ids = ['a', 'b', 'a', 'c'].map((product) => watch(db, product));
    expect(sendableIntents(db, { ...options, maxIntents: 2 }).map((item) => item.intent.id)).toEqual([ids[0], ids[1]]);
    // With room for one, a's second intent cannot overtake.
    expect(sendableIntents(db, { ...options, maxIntents: 1 }).map((item) => item.intent.id)).toEqual([ids[0]]);
    expect(sendableIntents(db, { ...options, maxBytes: 200 })).toHaveLength(0);
  });
});

describe('page checks', () => {
  const SERVICE = 'ServiceInstance0001';
  const cursor = (scope: 'catalog' | 'budgets', seq: number, service = SERVICE) => formatSyncCursor({ serviceId: service, scope, seq, horizon: 0 });
  const product = (id: string, seq: number) => ({ entity: 'product' as const, op: 'delete' as const, id, seq });
  const answer = (changes: unknown[], next = cursor('catalog', 20), extra: Partial<Record<string, unknown>> = {}): SyncPullResponse =>
    ({
      serviceId: SERVICE,
      serverTime: '2025-01-15T09:00:00.000Z',
      scopes: { catalog: { cursor: next, hasMore: false, reset: false, changes, ...extra } },
    }) as SyncPullResponse;
  const held = (seq: number) => new Map([['catalog' as const, { cursor: cursor('catalog', seq), serviceId: SERVICE }]]);
  const context = (seq: number | null) => ({ requested: ['catalog' as const], cursors: seq === null ? new Map() : held(seq), serviceId: seq === null ? null : SERVICE });

  it('accepts changes in seq order after the stored cursor', () => {
    expect(checkPullAnswer(answer([product('a', 11), product('b', 12), product('c', 12)]), context(10))).toMatchObject([{ scope: 'catalog', seq: 20 }]);
    expect(checkPullAnswer(answer([product('a', 1)]), context(null))).toHaveLength(1);
  });

  it.each<[string, SyncPullResponse, number | null]>([
    ['out of order', answer([product('a', 12), product('b', 11)]), 10],
    ['a change at or before the stored cursor', answer([product('a', 10)]), 10],
    ['a cursor going back', answer([], cursor('catalog', 5)), 10],
    ['a cursor behind its own changes', answer([product('a', 30)]), 10],
    ['a cursor of another scope', answer([], cursor('budgets', 20)), 10],
    ['a cursor of another service', answer([], cursor('catalog', 20, 'OtherInstance000001')), 10],
    ['a malformed cursor', answer([], 'garbage'), 10],
    ['a page not asked for', { ...answer([]), scopes: { ...answer([]).scopes, budgets: { cursor: cursor('budgets', 1), hasMore: false, reset: false, changes: [] } } } as SyncPullResponse, 10],
    ['a page missing', { ...answer([]), scopes: {} } as SyncPullResponse, 10],
    ['an answer from another service', { ...answer([]), serviceId: 'OtherInstance000001' }, 10],
    ['a change of another scope', answer([{ entity: 'budget', op: 'delete', id: 'x', seq: 12 }]), 10],
  ])('refuses %s', (_name, page, seq) => {
    expect(() => checkPullAnswer(page, context(seq))).toThrow(PageRejected);
  });

  it('a reset starts the scope over: older cursors and seqs are fine', () => {
    expect(checkPullAnswer(answer([product('a', 1)], cursor('catalog', 3), { reset: true }), context(10))).toMatchObject([{ seq: 3 }]);
  });
});
