import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppNotification } from '@shared/api/contract';
import { withdrawProduct } from '../../src-server/provisioning/catalogue';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import { pass } from '../faults/support/fault-proxy';
import { enrolThroughProxy, startWorld, withServiceDb, type EnrolledCore, type SyncWorld } from '../faults/support/sync-world';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs } from './support/fixtures';

/**
 * Orders end to end (issue 5): the laptop signs, the outbox carries the
 * signed order to the real reference service when the link allows, the
 * agency and suppliers act through the service's admin API, and the
 * `orders` scope brings their answers back, with notifications.
 */

let world: SyncWorld;
let a: EnrolledCore;

beforeAll(async () => {
  world = await startWorld();
  a = await enrolThroughProxy(world);
  await ok(a.t.core, 'syncNow');
  // Sign once with the passphrase per test, then within the grace period.
  await ok(a.t.core, 'settingsUpdate', { signingGraceMinutes: 15 });
});

afterEach(() => {
  world.proxy.rule = pass;
});

afterAll(async () => {
  await closeCores();
  await world.close();
  removeTempDirs();
});

function local(sku: string): string {
  return a.local.read((db) => db.prepare('SELECT id FROM products WHERE sku = ?').pluck().get(sku) as string);
}

const hromada = (): string => a.local.read((db) => db.prepare("SELECT code FROM hromadas WHERE name = 'Харківська'").pluck().get() as string);

async function checkoutOne(sku: string, quantity = 1, neededBy: string | null = null): Promise<string> {
  await ok(a.t.core, 'cartClear');
  await ok(a.t.core, 'cartSet', { productId: local(sku), quantity });
  const [draft] = await ok(a.t.core, 'cartCheckout', { hromadaCode: hromada(), neededBy });
  return draft!.id;
}

async function sign(id: string) {
  const preview = await ok(a.t.core, 'orderSigningPreview', { id });
  return ok(a.t.core, 'orderSign', { id, digest: preview.digest, passphrase: PASSPHRASE });
}

function notificationsSince(mark: number): AppNotification[] {
  return a.t.events.slice(mark).flatMap((event) => (event.type === 'notification' ? [event.notification] : []));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('orders with the service', () => {
  it('an order signed offline is submitted when the link returns, and the agency\'s commit comes back with its ship-by date', async () => {
    world.proxy.rule = () => ({ kind: 'drop' });
    const id = await checkoutOne('VZ-10U', 2);
    await sign(id);
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ online: false, pendingIntents: 1 });
    expect(await ok(a.t.core, 'orderGet', { id })).toMatchObject({ status: 'signed', pending: true });

    world.proxy.rule = pass;
    const mark = a.t.events.length;
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ online: true, pendingIntents: 0, needsAttention: 0, lastError: null });
    const submitted = await ok(a.t.core, 'orderGet', { id });
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, pending: false, attention: false, actions: ['cancel'], signature: { valid: true } });
    expect(submitted.number).toMatch(/^ЗМ-\d{4}-\d{6}$/u);
    expect(submitted.signature?.signer).toMatchObject({ username: a.officer.username });
    // The laptop's own submission is not news.
    expect(notificationsSince(mark)).toEqual([]);
    expect(a.local.count('order_signed')).toBe(0);
    expect((await world.service.orders(a.officer.unitNumber)).find((order) => order.id === id)).toMatchObject({ status: 'submitted', number: submitted.number });
    const pendingBefore = (await ok(a.t.core, 'cartGet')).budget!.pending.moneyKopiykas;

    await world.service.orderAction(id, { action: 'commit' });
    await ok(a.t.core, 'syncNow');
    const committed = await ok(a.t.core, 'orderGet', { id });
    const shipBy = addDays(kyivDate(Date.now()), 7);
    expect(committed).toMatchObject({ status: 'committed', shipBy, actions: [] });
    expect(committed.lines[0]).toMatchObject({ quantity: 2, delivered: 0, outstanding: 2, expectedDate: shipBy });
    expect(committed.timeline.map((event) => event.status)).toEqual(['submitted', 'committed']);
    expect(notificationsSince(mark)).toEqual([
      { kind: 'order_status', orderId: id, orderNumber: submitted.number, supplierBrand: 'Вежа', status: 'committed', previousStatus: 'submitted' },
    ]);
    // Committed money is the budget row's now, no longer pending here.
    expect((await ok(a.t.core, 'cartGet')).budget!.pending.moneyKopiykas).toBe(pendingBefore - submitted.totals.moneyKopiykas);
  });

  it('a return for revision is revised at today\'s prices, signed again as version 2 and submitted', async () => {
    const id = await checkoutOne('VZ-7U', 5);
    await sign(id);
    await ok(a.t.core, 'syncNow');
    const mark = a.t.events.length;
    await world.service.orderAction(id, { action: 'return', comment: 'Зменшіть кількість до 4' });
    await ok(a.t.core, 'syncNow');
    const returned = await ok(a.t.core, 'orderGet', { id });
    expect(returned).toMatchObject({ status: 'returned', comment: 'Зменшіть кількість до 4', actions: ['revise', 'cancel'] });
    expect(notificationsSince(mark)).toMatchObject([{ orderId: id, status: 'returned', previousStatus: 'submitted' }]);

    const draft = await ok(a.t.core, 'orderRevise', { id });
    expect(draft).toMatchObject({ status: 'draft', version: 2, number: returned.number });
    await ok(a.t.core, 'orderUpdateDraft', { id, lines: [{ productId: local('VZ-7U'), quantity: 4, funding: 'money' }], hromadaCode: hromada(), neededBy: null });
    expect((await ok(a.t.core, 'orderSigningPreview', { id })).content).toMatchObject({ version: 2, lines: [{ quantity: 4 }] });
    expect(await sign(id)).toMatchObject({ status: 'signed', version: 2, number: returned.number, pending: true });
    await ok(a.t.core, 'syncNow');
    expect(await ok(a.t.core, 'orderGet', { id })).toMatchObject({ status: 'submitted', version: 2, pending: false, signature: { valid: true } });
    expect(notificationsSince(mark)).toHaveLength(1);
    expect((await world.service.orders(a.officer.unitNumber)).find((order) => order.id === id)?.content.version).toBe(2);
  });

  it('a pre-order\'s proposal is accepted by signing its promised date, or declined', async () => {
    const neededBy = addDays(kyivDate(Date.now()), 30);
    const accepted = await checkoutOne('VZ-10FO12', 3, neededBy);
    const declined = await checkoutOne('VZ-10FO12', 1, neededBy);
    await sign(accepted);
    await sign(declined);
    await ok(a.t.core, 'syncNow');
    expect(await ok(a.t.core, 'orderGet', { id: accepted })).toMatchObject({ status: 'preorder_requested', kind: 'preorder', neededBy, actions: ['cancel'] });

    const promised = addDays(kyivDate(Date.now()), 21);
    const mark = a.t.events.length;
    await world.service.orderAction(accepted, { action: 'propose', promisedDate: promised });
    await world.service.orderAction(declined, { action: 'propose', promisedDate: promised, note: 'Лише одна партія' });
    await ok(a.t.core, 'syncNow');
    expect(notificationsSince(mark).map((n) => n.kind === 'order_status' && [n.orderId, n.status, n.previousStatus])).toEqual([
      [accepted, 'proposal_received', 'preorder_requested'],
      [declined, 'proposal_received', 'preorder_requested'],
    ]);
    expect(await ok(a.t.core, 'orderGet', { id: accepted })).toMatchObject({
      status: 'proposal_received',
      promisedDate: promised,
      actions: ['accept_proposal', 'decline_proposal', 'cancel'],
    });

    const draft = await ok(a.t.core, 'orderAcceptProposal', { id: accepted });
    expect(draft).toMatchObject({ status: 'draft', version: 2, promisedDate: promised });
    expect((await ok(a.t.core, 'orderSigningPreview', { id: accepted })).content).toMatchObject({ version: 2, promisedDate: promised, neededBy });
    await sign(accepted);
    expect(await ok(a.t.core, 'orderDeclineProposal', { id: declined })).toMatchObject({ status: 'proposal_received', pending: true, actions: [] });
    await ok(a.t.core, 'syncNow');
    const after = await ok(a.t.core, 'orderGet', { id: accepted });
    expect(after).toMatchObject({ version: 2, promisedDate: promised, pending: false, signature: { valid: true } });
    expect(after.status).not.toBe('proposal_received');
    expect(await ok(a.t.core, 'orderGet', { id: declined })).toMatchObject({ status: 'cancelled', pending: false, actions: [] });
  });

  it('a submitted order is cancelled with the officer\'s reason', async () => {
    const id = await checkoutOne('DZ-7', 10);
    await sign(id);
    await ok(a.t.core, 'syncNow');
    expect(await ok(a.t.core, 'orderCancel', { id, reason: 'Дубль замовлення' })).toMatchObject({ status: 'submitted', pending: true });
    await fails(a.t.core, 'orderCancel', { id, reason: 'Ще раз' }, 'order.not_allowed');
    await ok(a.t.core, 'syncNow');
    expect(await ok(a.t.core, 'orderGet', { id })).toMatchObject({ status: 'cancelled', comment: 'Дубль замовлення', pending: false, actions: [] });
    expect((await world.service.orders(a.officer.unitNumber)).find((order) => order.id === id)?.status).toBe('cancelled');
  });

  it('a submission the service refuses waits in "needs attention", named by its supplier, until revised or given up', async () => {
    world.proxy.rule = () => ({ kind: 'drop' });
    const revised = await checkoutOne('VZ-13H', 2);
    const givenUp = await checkoutOne('VZ-13H', 1);
    await sign(revised);
    await sign(givenUp);
    withServiceDb(world.service, (db) => withdrawProduct(db, world.service.now, local('VZ-13H')));
    world.proxy.rule = pass;
    expect(await ok(a.t.core, 'syncNow')).toMatchObject({ pendingIntents: 0, needsAttention: 2 });
    const attention = await ok(a.t.core, 'attentionList');
    expect(attention.map((item) => [item.type, item.entityId, item.entityLabel, item.reason.code])).toEqual([
      ['order.submit', revised, 'Вежа', 'order.product_withdrawn'],
      ['order.submit', givenUp, 'Вежа', 'order.product_withdrawn'],
    ]);
    expect(await ok(a.t.core, 'orderGet', { id: revised })).toMatchObject({ status: 'signed', pending: false, attention: true, actions: ['revise', 'cancel'] });

    const draft = await ok(a.t.core, 'orderRevise', { id: revised });
    expect(draft).toMatchObject({ status: 'draft', version: 1, attention: false });
    expect(draft.lines[0]?.problem).toBe('withdrawn');
    await ok(a.t.core, 'attentionDiscard', { intentId: attention[1]!.intentId });
    await fails(a.t.core, 'orderGet', { id: givenUp }, 'order.not_found');
    expect(await ok(a.t.core, 'attentionList')).toEqual([]);
  });
});
