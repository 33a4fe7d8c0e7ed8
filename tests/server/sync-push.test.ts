import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PUSH_MAX_INTENTS } from '@shared/sync/intents';
import type { SyncChange } from '@shared/sync/changes';
import type { DemoLogin } from '../../src-server/demo/logins';
import { withdrawProduct } from '../../src-server/provisioning/catalogue';
import { enrol, readRows, startTestService, type Enrolled, type TestService } from './helpers';
import { allScopes, intent, pull, pullAll, push, watchSet, withStore } from './sync-helpers';

describe('sync push: intents applied exactly once', () => {
  let test: TestService;
  let laptop: Enrolled;
  let colleague: Enrolled;
  let products: string[];
  let personId: string;

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    const logins = test.service.demo ?? [];
    laptop = await enrol(test, logins.find((l) => l.username === 'orderer1') as DemoLogin);
    colleague = await enrol(test, logins.find((l) => l.username === 'receiver1') as DemoLogin);
    products = readRows<{ id: string }>(test.dataDir, 'SELECT id FROM products WHERE active = 1 ORDER BY change_seq').map((r) => r.id);
    personId = (readRows<{ id: string }>(test.dataDir, "SELECT id FROM persons WHERE username = 'orderer1'")[0] as { id: string }).id;
  });
  afterAll(() => test.close());

  const watchRows = (productId: string) =>
    readRows(test.dataDir, 'SELECT * FROM watches WHERE person_id = ? AND product_id = ?', personId, productId);
  const intentRows = (id: string) => readRows(test.dataDir, 'SELECT * FROM sync_intents WHERE id = ?', id);

  it('applies watch.set, and a resend of the same intent returns the stored result without a second effect', async () => {
    const productId = products[0] as string;
    const watch = watchSet(productId, { restock: true, price: true });
    const first = await push(test, laptop.accessToken, [watch]);
    expect(first.status).toBe(200);
    expect(first.results).toEqual([
      {
        id: watch.id,
        status: 'applied',
        result: { watch: { productId, notify: { restock: true, price: true }, createdAt: expect.any(String), updatedAt: expect.any(String), changeSeq: expect.any(Number) } },
      },
    ]);
    const seqBefore = readRows<{ value: number }>(test.dataDir, 'SELECT value FROM change_counter')[0]?.value;

    test.clock.advance(5_000);
    const again = await push(test, laptop.accessToken, [watch]);
    expect(again.results).toEqual(first.results);
    // …and with a different createdAt, which is informational only.
    const resent = await push(test, laptop.accessToken, [{ ...watch, createdAt: new Date(0).toISOString() }]);
    expect(resent.results).toEqual(first.results);
    expect(watchRows(productId)).toHaveLength(1);
    expect(intentRows(watch.id)).toEqual([
      expect.objectContaining({ id: watch.id, person_id: personId, device_id: laptop.deviceId, type: 'watch.set', entity_id: productId, status: 'applied' }),
    ]);
    expect(readRows<{ value: number }>(test.dataDir, 'SELECT value FROM change_counter')[0]?.value).toBe(seqBefore);
  });

  it('refuses the same intent id with a different body as sync.intent_conflict, keeping the stored result', async () => {
    const productId = products[1] as string;
    const watch = watchSet(productId);
    const first = await push(test, laptop.accessToken, [watch]);
    expect(first.results[0]?.status).toBe('applied');
    const changed = { ...watch, payload: { productId, notify: { restock: false, price: true } } };
    const conflict = await push(test, laptop.accessToken, [changed]);
    expect(conflict.status).toBe(200);
    expect(conflict.results).toEqual([
      { id: watch.id, status: 'rejected', reason: { code: 'sync.intent_conflict', message: expect.any(String), params: { intentId: watch.id } } },
    ]);
    expect(watchRows(productId)).toEqual([expect.objectContaining({ notify_restock: 1, notify_price: 0 })]);
    // Another person presenting a known id learns nothing of it.
    const stolen = await push(test, colleague.accessToken, [watch]);
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'sync.intent_conflict' } });
    expect((await push(test, laptop.accessToken, [watch])).results).toEqual(first.results);
  });

  it('answers a batch in order: a refused intent in the middle does not stop the others', async () => {
    const unknownProduct = '0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d';
    const batch = [
      watchSet(products[2] as string),
      watchSet(unknownProduct),
      intent('order.teleport', 'x', { anything: true }),
      intent('watch.set', products[3] as string, { productId: products[3], notify: { restock: 'yes' } }),
      intent('watch.set', products[5] as string, { productId: products[4], notify: { restock: true, price: false } }),
      intent('watch.set', products[6] as string, { productId: products[6], notify: { restock: false, price: false } }),
      watchSet(products[7] as string, { restock: false, price: true }),
    ];
    const reply = await push(test, laptop.accessToken, batch);
    expect(reply.status).toBe(200);
    expect(reply.results.map((r) => r.id)).toEqual(batch.map((i) => i.id));
    expect(reply.results.map((r) => (r.status === 'applied' ? 'applied' : (r.reason as { code: string }).code))).toEqual([
      'applied',
      'watch.unknown_product',
      'sync.unknown_intent',
      'sync.invalid_payload',
      'sync.invalid_payload',
      'sync.invalid_payload',
      'applied',
    ]);
    expect(reply.results[1]).toEqual({
      id: batch[1]?.id,
      status: 'rejected',
      reason: { code: 'watch.unknown_product', message: expect.stringContaining(unknownProduct), params: { productId: unknownProduct } },
    });
    expect(watchRows(products[2] as string)).toHaveLength(1);
    expect(watchRows(products[7] as string)).toHaveLength(1);
    expect(watchRows(products[3] as string)).toHaveLength(0);
    // Refusals are answers too: stored, and the same on a resend.
    expect(intentRows(batch[1]?.id as string)).toEqual([expect.objectContaining({ status: 'rejected' })]);
    expect((await push(test, laptop.accessToken, [batch[1]])).results).toEqual([reply.results[1]]);
  });

  it('refuses to watch a withdrawn product', async () => {
    const productId = products[10] as string;
    withStore(test, (db) => withdrawProduct(db, test.clock, productId));
    const reply = await push(test, laptop.accessToken, [watchSet(productId)]);
    expect(reply.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'watch.product_withdrawn', params: { productId } } });
  });

  it("sends the watch list back through the watches scope, to the person's own laptops only", async () => {
    const mine = await pullAll(test, laptop.accessToken, allScopes());
    const watched = (mine.changes.watches ?? []).map((c) => c.id);
    expect(new Set(watched)).toEqual(new Set([products[0], products[1], products[2], products[7]]));
    const theirs = await pullAll(test, colleague.accessToken, { watches: null });
    expect(theirs.changes.watches).toEqual([]);

    const remove = intent('watch.remove', products[1] as string, { productId: products[1] });
    const removeMissing = intent('watch.remove', products[20] as string, { productId: products[20] });
    const update = watchSet(products[0] as string, { restock: false, price: true });
    const reply = await push(test, laptop.accessToken, [remove, removeMissing, update]);
    expect(reply.results.map((r) => r.result)).toEqual([
      { productId: products[1], removed: true },
      { productId: products[20], removed: false },
      { watch: expect.objectContaining({ productId: products[0], notify: { restock: false, price: true } }) },
    ]);
    const next = await pull(test, laptop.accessToken, mine.cursors);
    expect((next.pages.watches?.changes ?? []).map((c: SyncChange) => [c.id, c.op])).toEqual([
      [products[1], 'delete'],
      [products[0], 'upsert'],
    ]);
    const theirsNext = await pull(test, colleague.accessToken, theirs.cursors);
    expect(theirsNext.pages.watches?.changes).toEqual([]);
  });

  it('refuses an oversized batch: more than the intent limit (400), or more than the byte limit (413)', async () => {
    const tooMany = Array.from({ length: SYNC_PUSH_MAX_INTENTS + 1 }, (_, i) => watchSet(products[i % products.length] as string));
    const many = await push(test, laptop.accessToken, tooMany);
    expect([many.status, many.body.code]).toEqual([400, 'request.invalid']);
    const huge = await push(test, laptop.accessToken, [intent('watch.set', 'x', { padding: 'x'.repeat(1024 * 1024) })]);
    expect([huge.status, huge.body.code]).toEqual([413, 'request.too_large']);
    const empty = await push(test, laptop.accessToken, []);
    expect([empty.status, empty.body.code]).toEqual([400, 'request.invalid']);
    // An intent without a usable id cannot have a result: the whole request is refused.
    const noId = await push(test, laptop.accessToken, [{ ...watchSet(products[0] as string), id: 'not-a-uuid' }]);
    expect([noId.status, noId.body.code]).toEqual([400, 'request.invalid']);
    // A full batch of the maximum size is fine, and bigger than the default body limit.
    const full = Array.from({ length: SYNC_PUSH_MAX_INTENTS }, () => intent('watch.set', products[30] as string, { productId: products[30], notify: { restock: true, price: true }, note: 'x'.repeat(700) }));
    const ok = await push(test, laptop.accessToken, full);
    expect(ok.status).toBe(200);
    expect(ok.results.every((r) => (r.reason as { code?: string } | undefined)?.code === 'sync.invalid_payload')).toBe(true);
  });

  it('refuses an anonymous caller', async () => {
    const reply = await push(test, '', [watchSet(products[0] as string)]);
    expect([reply.status, reply.body.code]).toEqual([401, 'auth.required']);
  });

  it('keeps its answers across a restart: a resend after the service came back returns the stored result', async () => {
    const watch = watchSet(products[40] as string);
    const first = await push(test, laptop.accessToken, [watch]);
    await test.service.close();
    const again = await startTestService({ dataDir: test.dataDir, clock: test.clock });
    try {
      const resent = await push(again, laptop.accessToken, [watch]);
      expect(resent.results).toEqual(first.results);
      expect(readRows(test.dataDir, 'SELECT * FROM watches WHERE product_id = ?', products[40])).toHaveLength(1);
      expect(again.log.errors).toEqual([]);
    } finally {
      await again.service.close();
    }
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
