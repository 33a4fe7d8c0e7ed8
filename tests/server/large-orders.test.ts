import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderSchema } from '@shared/service/orders';
import { canonicalJsonBytes, verifyDetached } from '@shared/node/signing';
import { loadOrCreateAuthority } from '../../src-server/ca/authority';
import { seedLargeOrders } from '../../src-server/demo/large-orders';
import { dataPaths } from '../../src-server/paths';
import { enrol, provision, startTestService, type Enrolled, type TestService } from './helpers';
import { allScopes, pullAll, withStore } from './sync-helpers';

/** The order history the first-sync benchmark adds to its catalogue: real signed, committed orders of one unit. */
describe('a large order history', () => {
  let test: TestService;
  let laptop: Enrolled;
  let outsider: Enrolled;
  let report: { orders: number; lines: number };

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    laptop = await enrol(test, await provision(test, { username: 'bench', unitNumber: 'А4271' }));
    outsider = await enrol(test, await provision(test, { username: 'outsider', unitNumber: 'А7318' }));
    const authority = await loadOrCreateAuthority(dataPaths(test.dataDir), test.clock());
    report = withStore(test, (db) => seedLargeOrders(db, { unitNumber: 'А4271', lines: 95, authority, now: test.clock() }));
  }, 60_000);
  afterAll(() => test.close());

  it('writes the lines asked for, at most ten to an order', () => {
    expect(report.lines).toBe(95);
    expect(report.orders).toBeGreaterThanOrEqual(10);
  });

  it("reaches the unit's laptops as committed orders whose signatures verify, and no other unit's", async () => {
    const pulled = await pullAll(test, laptop.accessToken, allScopes());
    const orders = (pulled.changes.orders ?? []).map((change) => (change.op === 'upsert' ? OrderSchema.parse(change.data) : null));
    expect(orders).toHaveLength(report.orders);
    expect(orders.reduce((sum, order) => sum + (order?.lines.length ?? 0), 0)).toBe(95);
    const ca = readFileSync(dataPaths(test.dataDir).caCertificate, 'utf8');
    for (const order of orders) {
      if (!order) throw new Error('a delete among the seeded orders');
      expect(order.status).toBe('committed');
      expect(order.shipBy).not.toBeNull();
      expect(order.content.supplier.id).toBe(order.supplierId);
      expect(order.lines.length).toBeLessThanOrEqual(10);
      const verified = verifyDetached(canonicalJsonBytes(order.content), Buffer.from(order.signature, 'base64'), {
        caCertificatePems: [ca],
        requiredRole: 'orderer',
      });
      expect(verified.signer.personId).toBe(order.content.author.personId);
    }
    const foreign = await pullAll(test, outsider.accessToken, allScopes());
    expect(foreign.changes.orders ?? []).toEqual([]);
  });
});
