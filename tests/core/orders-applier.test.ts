import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '@shared/service/orders';
import type { Db } from '../../src-main/core/store';
import { readDraft, writeDraft } from '../../src-main/core/orders/drafts-repo';
import { orderApplier } from '../../src-main/core/orders/order-applier';
import { insertSignedOrder, readSignedOrder } from '../../src-main/core/orders/orders-repo';
import { markRejected } from '../../src-main/core/sync/outbox-repo';
import { queueIntent } from '../../src-main/core/sync/queue';
import { catalogueStore, closeCatalogueStores, product } from './catalog-fixtures';
import { applyOrders, fillVault, KHARKIV, loadOrderingWorld, orderId, orderingCore, serviceOrder, type ServiceOrderSpec } from './orders-fixtures';
import { closeCores, fails, ok, removeTempDirs } from './support/fixtures';

/**
 * The `orders` scope on the laptop (issue 5, items 6 and 7): the applier
 * that writes the service's orders, the notifications it raises, how the
 * officer's own signed copies and drafts give way, and the order page and
 * its actions over service orders.
 */

afterEach(async () => {
  closeCatalogueStores();
  await closeCores();
  removeTempDirs();
});

const LINES = [{ name: 'Вежа-10 Удар', quantity: 4 }];
const at = (day: number, hour = 9) => `2025-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function order(n: number, status: Order['status'], extra: Partial<ServiceOrderSpec> = {}): Order {
  return serviceOrder({ n, status, lines: LINES, ...extra });
}

function signedCopy(db: Db, content: Order['content']): string {
  const { id } = queueIntent(db, 'order.submit', { content }, Date.UTC(2025, 0, 14), 'MIIBfake');
  insertSignedOrder(db, { id: content.orderId, version: content.version, content, signature: 'MIIBfake', intentId: id, createdAt: at(10), signedAt: at(10, 10) });
  return id;
}

describe('the order applier', () => {
  it('tells of a status that changed, not of an order seen for the first time nor of the same status again', () => {
    const db = catalogueStore();
    loadOrderingWorld(db);
    expect(applyOrders(db, [order(1, 'submitted')])).toEqual([]);
    expect(applyOrders(db, [order(1, 'submitted', { changeSeq: 9_100 })])).toEqual([]);
    expect(applyOrders(db, [order(1, 'committed', { changeSeq: 9_101, shipBy: '2025-01-22' })])).toEqual([
      { kind: 'order_status', orderId: orderId(1), orderNumber: 'ЗМ-2025-000001', supplierBrand: 'Вежа', status: 'committed', previousStatus: 'submitted' },
    ]);
    orderApplier.remove(db, orderId(1));
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
  });

  it('lets the laptop\'s own signed copy give way to the service\'s row, quietly when it arrives as submitted', () => {
    const db = catalogueStore();
    loadOrderingWorld(db);
    signedCopy(db, order(1, 'submitted').content);
    signedCopy(db, order(2, 'submitted').content);
    expect(applyOrders(db, [order(1, 'submitted')])).toEqual([]);
    expect(readSignedOrder(db, orderId(1))).toBeUndefined();
    // The agency was quicker than this laptop's next pull: that is news.
    expect(applyOrders(db, [order(2, 'committed')])).toMatchObject([{ orderId: orderId(2), status: 'committed', previousStatus: 'signed' }]);
    expect(readSignedOrder(db, orderId(2))).toBeUndefined();
  });

  it('keeps a signed or draft new version over an older one, and drops a draft the service has overtaken', () => {
    const db = catalogueStore();
    loadOrderingWorld(db);
    applyOrders(db, [order(1, 'returned'), order(2, 'returned')]);
    signedCopy(db, { ...order(1, 'submitted').content, version: 2 });
    writeDraft(db, {
      id: orderId(2), version: 2, kind: 'in_stock', supplierId: product('Вежа-10 Удар').supplierId, supplierName: 'ТОВ «Вежа Дрон Системз»', supplierBrand: 'Вежа',
      hromadaCode: KHARKIV, neededBy: null, promisedDate: null, createdAt: at(10), updatedAt: at(11),
      lines: [{ productId: product('Вежа-10 Удар').id, name: 'Вежа-10 Удар', sku: 'VZ-10U', quantity: 2, funding: 'money', unitPrice: 2_150_000 }],
    });
    expect(applyOrders(db, [order(1, 'returned', { changeSeq: 9_200 }), order(2, 'returned', { changeSeq: 9_201 })])).toEqual([]);
    expect(readSignedOrder(db, orderId(1))?.version).toBe(2);
    expect(readDraft(db, orderId(2))?.version).toBe(2);
    expect(applyOrders(db, [order(1, 'submitted', { version: 2, changeSeq: 9_202 }), order(2, 'submitted', { version: 2, changeSeq: 9_203 })])).toEqual([
      // Order 2's new version was signed elsewhere (another officer of the unit): this laptop showed it returned.
      expect.objectContaining({ orderId: orderId(2), status: 'submitted', previousStatus: 'returned' }),
    ]);
    expect(readSignedOrder(db, orderId(1))).toBeUndefined();
    expect(readDraft(db, orderId(2))).toBeUndefined();
  });

  it('empties only the service\'s rows on a reset: the officer\'s drafts and signed copies are not the scope\'s', () => {
    const db = catalogueStore();
    loadOrderingWorld(db);
    applyOrders(db, [order(1, 'returned')]);
    signedCopy(db, { ...order(1, 'submitted').content, version: 2 });
    db.transaction(() => orderApplier.clear(db))();
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
    expect(readSignedOrder(db, orderId(1))?.version).toBe(2);
  });
});

describe('service orders on the order page', () => {
  it('show progress per line, the timeline, the agency\'s comment, an offline signature check and what may be done', async () => {
    const { core } = await orderingCore((db) => {
      loadOrderingWorld(db);
      applyOrders(db, [
        serviceOrder({
          n: 1, status: 'partially_delivered', lines: [{ name: 'Вежа-10 Удар', quantity: 10 }, { name: 'Вежа-7 Удар', quantity: 3, funding: 'e_points' }],
          shipBy: '2025-01-20', delivered: [4, 3],
          timeline: [
            { status: 'submitted', at: at(10), actor: 'unit', note: null },
            { status: 'returned', at: at(11), actor: 'agency', note: 'Уточніть громаду доставки' },
            { status: 'submitted', at: at(12), actor: 'unit', note: null },
            { status: 'committed', at: at(13), actor: 'agency', note: null },
            { status: 'in_delivery', at: at(14), actor: 'supplier', note: null },
            { status: 'partially_delivered', at: at(15), actor: 'service', note: null },
          ],
        }),
        order(2, 'rejected', { timeline: [{ status: 'submitted', at: at(10), actor: 'unit', note: null }, { status: 'rejected', at: at(11), actor: 'agency', note: 'Дублює замовлення' }] }),
        order(3, 'returned', { timeline: [{ status: 'submitted', at: at(10), actor: 'unit', note: null }, { status: 'returned', at: at(11), actor: 'agency', note: 'Зменшіть кількість' }] }),
        order(4, 'proposal_received', { kind: 'preorder', promisedDate: '2025-03-10' }),
        order(5, 'preorder_requested', { kind: 'preorder' }),
        order(6, 'committed', { shipBy: '2025-01-20' }),
      ]);
    });
    const first = await ok(core, 'orderGet', { id: orderId(1) });
    expect(first).toMatchObject({ number: 'ЗМ-2025-000001', status: 'partially_delivered', version: 1, shipBy: '2025-01-20', pending: false, actions: [] });
    expect(first.lines.map((line) => [line.name, line.quantity, line.delivered, line.outstanding, line.expectedDate])).toEqual([
      ['Вежа-10 Удар', 10, 4, 6, '2025-01-20'],
      ['Вежа-7 Удар', 3, 3, 0, '2025-01-20'],
    ]);
    expect(first.timeline.map((event) => event.status)).toEqual(['submitted', 'returned', 'submitted', 'committed', 'in_delivery', 'partially_delivered']);
    expect(first.comment).toBe('Уточніть громаду доставки');
    // Not a real signature: the page says so rather than failing.
    expect(first.signature).toMatchObject({ valid: false, problem: expect.any(String), signer: null });

    expect(await ok(core, 'orderGet', { id: orderId(2) })).toMatchObject({ comment: 'Дублює замовлення', actions: [] });
    expect(await ok(core, 'orderGet', { id: orderId(3) })).toMatchObject({ comment: 'Зменшіть кількість', actions: ['revise', 'cancel'] });
    expect(await ok(core, 'orderGet', { id: orderId(4) })).toMatchObject({ promisedDate: '2025-03-10', actions: ['accept_proposal', 'decline_proposal', 'cancel'] });
    expect((await ok(core, 'orderGet', { id: orderId(5) })).actions).toEqual(['cancel']);
    expect((await ok(core, 'orderGet', { id: orderId(6) })).actions).toEqual([]);
    await fails(core, 'orderGet', { id: orderId(99) }, 'order.not_found');
  });

  it('revise a returned order into the next version at today\'s prices, accept or decline a proposal, and cancel, each once', async () => {
    const { core, dataDir } = await orderingCore((db) => {
      loadOrderingWorld(db);
      applyOrders(db, [
        order(3, 'returned', { timeline: [{ status: 'submitted', at: at(10), actor: 'unit', note: null }, { status: 'returned', at: at(11), actor: 'agency', note: 'Зменшіть кількість' }] }),
        order(4, 'proposal_received', { kind: 'preorder', promisedDate: '2025-03-10' }),
        order(5, 'proposal_received', { kind: 'preorder', promisedDate: '2025-04-01' }),
        order(6, 'committed'),
        order(7, 'submitted'),
      ]);
    });
    await fillVault(dataDir, (db) => {
      db.prepare('UPDATE products SET price_kopiykas = ? WHERE id = ?').run(2_300_000, product('Вежа-10 Удар').id);
    });
    const revised = await ok(core, 'orderRevise', { id: orderId(3) });
    expect(revised).toMatchObject({ id: orderId(3), number: 'ЗМ-2025-000003', status: 'draft', version: 2, comment: 'Зменшіть кількість', actions: ['edit', 'sign', 'discard_draft', 'cancel'] });
    expect(revised.lines[0]).toMatchObject({ quantity: 4, unitPrice: 2_300_000, problem: null });
    expect(revised.timeline.map((event) => event.status)).toEqual(['submitted', 'returned', 'draft']);
    await fails(core, 'orderRevise', { id: orderId(3) }, 'order.not_allowed');
    // Discarding the new version shows the returned order again.
    await ok(core, 'orderDiscardDraft', { id: orderId(3) });
    expect(await ok(core, 'orderGet', { id: orderId(3) })).toMatchObject({ status: 'returned', version: 1 });

    const accepting = await ok(core, 'orderAcceptProposal', { id: orderId(4) });
    expect(accepting).toMatchObject({ status: 'draft', version: 2, kind: 'preorder', promisedDate: '2025-03-10', neededBy: '2025-03-01' });
    await fails(core, 'orderAcceptProposal', { id: orderId(3) }, 'order.not_allowed');

    const declined = await ok(core, 'orderDeclineProposal', { id: orderId(5) });
    expect(declined).toMatchObject({ status: 'proposal_received', pending: true, actions: [] });
    await fails(core, 'orderDeclineProposal', { id: orderId(5) }, 'order.not_allowed');
    await fails(core, 'orderCancel', { id: orderId(5), reason: 'Вже не потрібно' }, 'order.not_allowed');

    const cancelled = await ok(core, 'orderCancel', { id: orderId(7), reason: 'Помилка в кількості' });
    expect(cancelled).toMatchObject({ status: 'submitted', pending: true, actions: [] });
    await fails(core, 'orderCancel', { id: orderId(6), reason: 'Пізно' }, 'order.not_allowed');
    await fails(core, 'orderRevise', { id: orderId(6) }, 'order.not_allowed');

    const status = await ok(core, 'syncStatus');
    expect(status.pendingIntents).toBe(2);
    expect((await ok(core, 'orderList', { statuses: ['submitted', 'proposal_received'] })).map((o) => [o.number, o.pending])).toEqual([
      ['ЗМ-2025-000007', true],
      ['ЗМ-2025-000005', true],
    ]);
  });

  it('leave a new version the service would no longer take only to be discarded', async () => {
    const { core, dataDir } = await orderingCore((db) => {
      loadOrderingWorld(db);
      applyOrders(db, [order(3, 'returned')]);
    });
    await ok(core, 'orderRevise', { id: orderId(3) });
    // Meanwhile the agency rejected the order after all (or another officer cancelled it).
    await fillVault(dataDir, (db) => applyOrders(db, [order(3, 'rejected', { changeSeq: 9_500 })]));
    expect(await ok(core, 'orderGet', { id: orderId(3) })).toMatchObject({ status: 'draft', version: 2, actions: ['discard_draft'] });
    await fails(core, 'orderSign', { id: orderId(3), digest: 'a'.repeat(64), passphrase: 'whatever it is' }, 'order.not_allowed');
    await ok(core, 'orderDiscardDraft', { id: orderId(3) });
    expect(await ok(core, 'orderGet', { id: orderId(3) })).toMatchObject({ status: 'rejected', actions: [] });
  });

  it('flag an order whose intent the service refused, and name it in "needs attention" by its number', async () => {
    let intent = '';
    const { core } = await orderingCore((db) => {
      loadOrderingWorld(db);
      applyOrders(db, [order(7, 'submitted')]);
      intent = queueIntent(db, 'order.cancel', { orderId: orderId(7), reason: 'Помилка' }, Date.UTC(2025, 0, 14)).id;
      markRejected(db, intent, { code: 'order.not_cancellable', message: 'committed meanwhile' }, at(14));
    });
    expect((await ok(core, 'orderList', {}))[0]).toMatchObject({ id: orderId(7), pending: false, attention: true });
    expect(await ok(core, 'attentionList')).toMatchObject([{ intentId: intent, type: 'order.cancel', entityId: orderId(7), entityLabel: 'ЗМ-2025-000007' }]);
  });
});
