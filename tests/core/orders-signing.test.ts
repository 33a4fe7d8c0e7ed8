import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { verifyDetached } from '@shared/node/signing/verify';
import { OrderSubmitPayloadSchema } from '@shared/service/orders';
import { enrolThroughProxy, startWorld, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { pass } from '../faults/support/fault-proxy';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, startCore, WRONG_PASSPHRASE } from './support/fixtures';
import { ManualClock } from './support/manual-clock';

/**
 * Signing orders (issue 5, item 5) with a real enrolled identity: the
 * reference service's CA issued the device certificate, the key is in the
 * vault, and signatures are real CMS. The service is on loopback behind a
 * proxy that drops everything while a test wants the laptop offline.
 */

let world: SyncWorld;
let a: EnrolledCore;
const offline = () => ({ kind: 'drop' as const });

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world);
  await ok(a.t.core, 'syncNow');
  world.proxy.rule = offline;
});

afterEach(async () => {
  world.proxy.rule = offline;
  await ok(a.t.core, 'settingsUpdate', { signingGraceMinutes: 0 });
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

interface LocalCatalogue {
  product(sku: string): { id: string; price: number };
  hromada: string;
}

function catalogue(t: EnrolledCore): LocalCatalogue {
  return t.local.read((db) => ({
    product: (() => {
      const rows = db.prepare('SELECT sku, id, price_kopiykas AS price FROM products WHERE active = 1').all() as Array<{ sku: string; id: string; price: number }>;
      const bySku = new Map(rows.map((row) => [row.sku, row]));
      return (sku: string) => {
        const found = bySku.get(sku);
        if (!found) throw new Error(`no product ${sku}`);
        return found;
      };
    })(),
    hromada: db.prepare("SELECT code FROM hromadas WHERE name = 'Слов’янська'").pluck().get() as string,
  }));
}

/** A draft of `quantity` × the product, by checkout. */
async function draftOf(core: Core, sku: string, quantity = 1): Promise<string> {
  const local = catalogue(a);
  await ok(core, 'cartClear');
  await ok(core, 'cartSet', { productId: local.product(sku).id, quantity });
  const [draft] = await ok(core, 'cartCheckout', { hromadaCode: local.hromada, neededBy: '2099-12-31' });
  return draft!.id;
}

function outbox(t: EnrolledCore) {
  return t.local.read(
    (db) =>
      db.prepare("SELECT id, type, entity_id, state, payload, signature FROM outbox WHERE type LIKE 'order.%' ORDER BY seq").all() as Array<{
        id: string;
        type: string;
        entity_id: string;
        state: string;
        payload: string;
        signature: string | null;
      }>,
  );
}

describe('signing an order', () => {
  it('signs exactly what the preview showed, and commits the signed intent before answering', async () => {
    const id = await draftOf(a.t.core, 'VZ-10U', 3);
    const preview = await ok(a.t.core, 'orderSigningPreview', { id });
    const local = catalogue(a);
    expect(preview.content).toMatchObject({
      schema: 'qm.order/1',
      orderId: id,
      version: 1,
      kind: 'in_stock',
      unit: { number: a.officer.unitNumber },
      author: { username: a.officer.username, fullName: a.officer.fullName },
      lines: [{ productId: local.product('VZ-10U').id, sku: 'VZ-10U', quantity: 3, funding: 'money', unitPrice: local.product('VZ-10U').price, total: 3 * local.product('VZ-10U').price }],
      totals: { moneyKopiykas: 3 * local.product('VZ-10U').price, ePoints: 0 },
      hromadaCode: local.hromada,
      neededBy: null,
      promisedDate: null,
      createdAt: new Date(a.t.clock.now()).toISOString(),
    });
    expect(preview.canonicalJson).toBe(canonicalize(preview.content));
    expect(preview.digest).toBe(createHash('sha256').update(preview.canonicalJson, 'utf8').digest('hex'));
    expect(preview.passphraseRequired).toBe(true);
    expect(preview.budget?.overBudget).toBe(false);

    const signed = await ok(a.t.core, 'orderSign', { id, digest: preview.digest, passphrase: PASSPHRASE });
    expect(signed).toMatchObject({ status: 'signed', pending: true, version: 1, number: null, actions: [] });
    expect(signed.signature).toMatchObject({ valid: true, problem: null, signer: { username: a.officer.username, unitNumber: a.officer.unitNumber } });
    expect(signed.timeline.map((event) => event.status)).toEqual(['draft', 'signed']);

    // Read from a second connection at once: committed, with its signature, before the answer came.
    const [intent] = outbox(a);
    expect(intent).toMatchObject({ type: 'order.submit', entity_id: id, state: 'pending' });
    const payload = OrderSubmitPayloadSchema.parse(JSON.parse(intent!.payload));
    expect(payload.content).toEqual(preview.content);
    const ca = a.local.read((db) => db.prepare('SELECT ca_certificate_pem FROM identity').pluck().get() as string);
    const verified = verifyDetached(canonicalJsonBytes(payload.content), Buffer.from(intent!.signature!, 'base64'), { caCertificatePems: [ca], requiredRole: 'orderer' });
    expect(verified.signer).toMatchObject({ username: a.officer.username, deviceId: a.identity.deviceId });
    expect(a.local.count('order_drafts')).toBe(0);

    // After a restart the order is still signed and on its way.
    await a.t.core.close();
    const restarted = startCore(a.t.dataDir, new ManualClock(Date.now()), { standingCheckIntervalMs: 3_600_000 });
    await ok(restarted.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    a = { ...a, t: restarted };
    expect(await ok(a.t.core, 'orderGet', { id })).toMatchObject({ status: 'signed', pending: true, signature: { valid: true } });
    expect((await ok(a.t.core, 'orderList', { statuses: ['signed'] })).map((order) => order.id)).toContain(id);
    expect((await ok(a.t.core, 'syncStatus')).pendingIntents).toBe(1);
    await fails(a.t.core, 'orderSign', { id, digest: preview.digest, passphrase: PASSPHRASE }, 'order.not_allowed');
  });

  it('refuses a wrong or missing passphrase, and queues nothing', async () => {
    const id = await draftOf(a.t.core, 'VZ-7U');
    const before = outbox(a).length;
    const { digest } = await ok(a.t.core, 'orderSigningPreview', { id });
    await fails(a.t.core, 'orderSign', { id, digest, passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    await fails(a.t.core, 'orderSign', { id, digest }, 'signing.passphrase_required');
    // The unlock's throttle counts here too: a laptop left unlocked is no passphrase oracle.
    await fails(a.t.core, 'orderSign', { id, digest, passphrase: PASSPHRASE }, 'vault.throttled');
    expect(outbox(a)).toHaveLength(before);
    expect(await ok(a.t.core, 'orderGet', { id })).toMatchObject({ status: 'draft' });
    a.t.clock.advance(1_000);
    expect(await ok(a.t.core, 'orderSign', { id, digest, passphrase: PASSPHRASE })).toMatchObject({ status: 'signed' });
    expect(outbox(a)).toHaveLength(before + 1);
  });

  it('signs again without the passphrase for the minutes the settings allow, never past them or a lock', async () => {
    await ok(a.t.core, 'settingsUpdate', { signingGraceMinutes: 5 });
    const first = await draftOf(a.t.core, 'VZ-7U');
    const second = await draftOf(a.t.core, 'VZ-7U');
    const third = await draftOf(a.t.core, 'VZ-7U');
    const fourth = await draftOf(a.t.core, 'VZ-7U');
    await ok(a.t.core, 'orderSign', { id: first, digest: (await ok(a.t.core, 'orderSigningPreview', { id: first })).digest, passphrase: PASSPHRASE });
    const inGrace = await ok(a.t.core, 'orderSigningPreview', { id: second });
    expect(inGrace.passphraseRequired).toBe(false);
    await ok(a.t.core, 'orderSign', { id: second, digest: inGrace.digest });

    a.t.clock.advance(5 * 60_000 + 1);
    const late = await ok(a.t.core, 'orderSigningPreview', { id: third });
    expect(late.passphraseRequired).toBe(true);
    await fails(a.t.core, 'orderSign', { id: third, digest: late.digest }, 'signing.passphrase_required');
    await ok(a.t.core, 'orderSign', { id: third, digest: late.digest, passphrase: PASSPHRASE });

    await ok(a.t.core, 'vaultLock');
    await ok(a.t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    const afterLock = await ok(a.t.core, 'orderSigningPreview', { id: fourth });
    expect(afterLock.passphraseRequired).toBe(true);
    await fails(a.t.core, 'orderSign', { id: fourth, digest: afterLock.digest }, 'signing.passphrase_required');
  });

  it('signs only the content previewed: an edit or another digest is refused, as is a draft the catalogue has moved away from', async () => {
    const id = await draftOf(a.t.core, 'VZ-13H', 2);
    await fails(a.t.core, 'orderSign', { id, digest: '0'.repeat(64), passphrase: PASSPHRASE }, 'order.content_changed');
    const preview = await ok(a.t.core, 'orderSigningPreview', { id });
    await fails(a.t.core, 'orderSign', { id, digest: 'f'.repeat(64), passphrase: PASSPHRASE }, 'order.content_changed');
    const local = catalogue(a);
    await ok(a.t.core, 'orderUpdateDraft', { id, lines: [{ productId: local.product('VZ-13H').id, quantity: 3, funding: 'money' }], hromadaCode: local.hromada, neededBy: null });
    await fails(a.t.core, 'orderSign', { id, digest: preview.digest, passphrase: PASSPHRASE }, 'order.content_changed');

    // The price moves after the preview (as a pull would write it).
    const again = await ok(a.t.core, 'orderSigningPreview', { id });
    a.local.read((db) => db.prepare('UPDATE products SET price_kopiykas = ? WHERE id = ?').run(local.product('VZ-13H').price + 100_000, local.product('VZ-13H').id));
    await fails(a.t.core, 'orderSign', { id, digest: again.digest, passphrase: PASSPHRASE }, 'order.draft_stale');
    await fails(a.t.core, 'orderSigningPreview', { id }, 'order.draft_stale');
    expect((await ok(a.t.core, 'orderGet', { id })).lines[0]?.problem).toBe('price_changed');
    await ok(a.t.core, 'orderUpdateDraft', { id, lines: [{ productId: local.product('VZ-13H').id, quantity: 3, funding: 'money' }], hromadaCode: local.hromada, neededBy: null });
    const fresh = await ok(a.t.core, 'orderSigningPreview', { id });
    expect(fresh.content.lines[0]?.unitPrice).toBe(local.product('VZ-13H').price + 100_000);
    expect(await ok(a.t.core, 'orderSign', { id, digest: fresh.digest, passphrase: PASSPHRASE })).toMatchObject({ status: 'signed' });
  });

  it('refuses an order that would take the budget below zero', async () => {
    const { budget } = await ok(a.t.core, 'cartGet');
    const available = budget!.guaranteed.afterPending + budget!.performance.afterPending;
    const price = catalogue(a).product('ST-3VTOL').price;
    expect(available).toBeGreaterThanOrEqual(price);
    // Each draft fits alone (a draft is not pending); after the first is signed, the second does not.
    const first = await draftOf(a.t.core, 'ST-3VTOL', Math.floor(available / price));
    const second = await draftOf(a.t.core, 'ST-3VTOL', 1);
    await ok(a.t.core, 'orderSign', { id: first, digest: (await ok(a.t.core, 'orderSigningPreview', { id: first })).digest, passphrase: PASSPHRASE });
    const preview = await ok(a.t.core, 'orderSigningPreview', { id: second });
    expect(preview.budget?.overBudget).toBe(true);
    const refusal = await fails(a.t.core, 'orderSign', { id: second, digest: preview.digest, passphrase: PASSPHRASE }, 'order.over_budget');
    expect(refusal.params?.allocation).toBe('performance');
    await ok(a.t.core, 'orderCancel', { id: second, reason: 'Не вміщається в бюджет' });
  });

  it('refuses a signer who is not an orderer', async () => {
    world.proxy.rule = pass;
    const receiver = await enrolThroughProxy(world, {}, await world.service.provision({ roles: ['receiver'], unitNumber: a.officer.unitNumber }));
    await ok(receiver.t.core, 'syncNow');
    world.proxy.rule = offline;
    const local = catalogue(receiver);
    await ok(receiver.t.core, 'cartAdd', { productId: local.product('VZ-7U').id });
    const [draft] = await ok(receiver.t.core, 'cartCheckout', { hromadaCode: local.hromada, neededBy: null });
    const { digest } = await ok(receiver.t.core, 'orderSigningPreview', { id: draft!.id });
    await fails(receiver.t.core, 'orderSign', { id: draft!.id, digest, passphrase: PASSPHRASE }, 'signing.role_missing');
    expect(receiver.local.count('outbox')).toBe(0);
  });
});
