import { afterEach, describe, expect, it } from 'vitest';
import { ProductSchema } from '@shared/service/catalogue';
import { applier, product, supplierOf } from './catalog-fixtures';
import { fillVault, KHARKIV, orderingCore, SLOVIANSK } from './orders-fixtures';
import { closeCores, fails, ok, removeTempDirs } from './support/fixtures';
import type { Core } from '../../src-main/core/core';

/**
 * Checkout and drafts (issue 5, items 3 and 4), through the core's
 * dispatch over the real encrypted store; no service is needed until an
 * order is signed.
 */

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

const STRIKE = product('Вежа-10 Удар');
const SMALL = product('Вежа-7 Удар');
const FIBRE = product('Вежа-10 ВО-12'); // none in stock: a pre-order
const TRAINER = product('Джміль-7 Навчальний');
const SEEKER = product('Джміль-10 Автонаведення'); // none in stock

async function fillCart(core: Core): Promise<void> {
  await ok(core, 'cartAdd', { productId: STRIKE.id, quantity: 2 });
  await ok(core, 'cartAdd', { productId: TRAINER.id, quantity: 3 });
  await ok(core, 'cartAdd', { productId: FIBRE.id });
  await ok(core, 'cartSet', { productId: SMALL.id, quantity: 5, funding: 'e_points' });
  await ok(core, 'cartAdd', { productId: SEEKER.id });
}

describe('checkout', () => {
  it('makes one draft per supplier and kind, lines in cart order at today\'s prices, and empties the cart of them', async () => {
    const { core, events } = await orderingCore();
    await fillCart(core);
    const drafts = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' });
    expect(drafts.map((draft) => [draft.supplier.brand, draft.kind, draft.status, draft.lineCount, draft.neededBy])).toEqual([
      ['Вежа', 'in_stock', 'draft', 2, null],
      ['Джміль', 'in_stock', 'draft', 1, null],
      ['Вежа', 'preorder', 'draft', 1, '2025-02-01'],
      ['Джміль', 'preorder', 'draft', 1, '2025-02-01'],
    ]);
    expect(drafts[0]).toMatchObject({
      number: null,
      pending: false,
      attention: false,
      supplier: { id: STRIKE.supplierId, name: supplierOf(STRIKE).name },
      totals: { moneyKopiykas: 2 * 2_150_000, ePoints: 5 * (SMALL.ePointsPrice as number) },
      hromada: { code: SLOVIANSK, name: 'Слов’янська', raionName: 'Краматорський', oblastName: 'Донецька' },
      promisedDate: null,
      shipBy: null,
      createdAt: '2025-01-15T09:00:00.000Z',
    });
    expect(new Set(drafts.map((draft) => draft.id)).size).toBe(4);
    for (const draft of drafts) expect(draft.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect((await ok(core, 'cartGet')).lines).toEqual([]);
    expect(events.some((event) => event.type === 'data_changed' && event.scopes.includes('orders'))).toBe(true);

    const detail = await ok(core, 'orderGet', { id: drafts[0]!.id });
    expect(detail).toMatchObject({ version: 1, status: 'draft', signature: null, comment: null, actions: ['edit', 'sign', 'discard_draft'] });
    expect(detail.lines.map((line) => [line.name, line.quantity, line.funding, line.unitPrice, line.lineTotal, line.delivered, line.outstanding, line.problem])).toEqual([
      ['Вежа-10 Удар', 2, 'money', 2_150_000, 4_300_000, 0, 2, null],
      ['Вежа-7 Удар', 5, 'e_points', SMALL.ePointsPrice, 5 * (SMALL.ePointsPrice as number), 0, 5, null],
    ]);
    expect(detail.timeline).toEqual([{ status: 'draft', at: '2025-01-15T09:00:00.000Z', actor: 'unit', note: null }]);
    expect((await ok(core, 'orderList', {})).map((order) => order.id).sort()).toEqual(drafts.map((draft) => draft.id).sort());
  });

  it('in-stock lines need no needed-by date', async () => {
    const { core } = await orderingCore();
    await ok(core, 'cartAdd', { productId: STRIKE.id });
    const [draft] = await ok(core, 'cartCheckout', { hromadaCode: KHARKIV, neededBy: null });
    expect(draft).toMatchObject({ kind: 'in_stock', neededBy: null });
  });

  it('refuses an empty cart, an unknown hromada, a pre-order without a future needed-by date and a withdrawn product, changing nothing', async () => {
    const { core, dataDir } = await orderingCore();
    await fails(core, 'cartCheckout', { hromadaCode: KHARKIV, neededBy: null }, 'cart.empty');
    await fillCart(core);
    const before = await ok(core, 'cartGet');
    const unknown = await fails(core, 'cartCheckout', { hromadaCode: 'UA99999999999999999', neededBy: '2025-02-01' }, 'order.unknown_hromada');
    expect(unknown.params).toEqual({ code: 'UA99999999999999999' });
    await fails(core, 'cartCheckout', { hromadaCode: 'Слов’янськ', neededBy: '2025-02-01' }, 'request.invalid');
    await fails(core, 'cartCheckout', { hromadaCode: SLOVIANSK }, 'request.invalid');
    await fails(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: null }, 'cart.needed_by_required');
    await fails(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-01-14' }, 'cart.needed_by_required');
    await fails(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-30' }, 'request.invalid');
    // Withdrawn while in the cart.
    await fillVault(dataDir, (db) => db.transaction(() => applier('product').remove(db, TRAINER.id))());
    const withdrawn = await fails(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' }, 'cart.product_withdrawn');
    expect(withdrawn.params).toEqual({ productId: TRAINER.id, name: TRAINER.name });
    expect((await ok(core, 'cartGet')).lines.map((line) => line.productId)).toEqual(before.lines.map((line) => line.productId));
    expect(await ok(core, 'orderList', {})).toEqual([]);
    // Removed, the rest goes through.
    await ok(core, 'cartRemove', { productId: TRAINER.id });
    expect(await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-01-15' })).toHaveLength(3);
  });
});

describe('drafts', () => {
  it('show a catalogue that moved as line problems, refuse signing until edited, and take today\'s prices when edited', async () => {
    const { core, dataDir } = await orderingCore();
    await fillCart(core);
    const [vezha] = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' });
    await fillVault(dataDir, (db) =>
      db.transaction(() => applier('product').upsert(db, STRIKE.id, ProductSchema.parse({ ...STRIKE, priceKopiykas: 2_290_000, changeSeq: 9_001 })))(),
    );
    const stale = await ok(core, 'orderGet', { id: vezha!.id });
    expect(stale.lines.map((line) => [line.name, line.unitPrice, line.problem])).toEqual([
      ['Вежа-10 Удар', 2_150_000, 'price_changed'],
      ['Вежа-7 Удар', SMALL.ePointsPrice, null],
    ]);
    const refusal = await fails(core, 'orderSigningPreview', { id: vezha!.id }, 'order.draft_stale');
    expect(refusal.params).toEqual({ productId: STRIKE.id });

    const edited = await ok(core, 'orderUpdateDraft', {
      id: vezha!.id,
      lines: [
        { productId: SMALL.id, quantity: 4, funding: 'money' },
        { productId: STRIKE.id, quantity: 2, funding: 'e_points' },
        { productId: product('Вежа-13 Важкий').id, quantity: 1, funding: 'money' },
      ],
      hromadaCode: KHARKIV,
      neededBy: null,
    });
    expect(edited.lines.map((line) => [line.name, line.quantity, line.funding, line.unitPrice, line.problem])).toEqual([
      ['Вежа-7 Удар', 4, 'money', SMALL.priceKopiykas, null],
      ['Вежа-10 Удар', 2, 'e_points', STRIKE.ePointsPrice, null],
      ['Вежа-13 Важкий', 1, 'money', product('Вежа-13 Важкий').priceKopiykas, null],
    ]);
    expect(edited).toMatchObject({
      status: 'draft',
      hromada: { code: KHARKIV },
      totals: { moneyKopiykas: 4 * SMALL.priceKopiykas + product('Вежа-13 Важкий').priceKopiykas, ePoints: 2 * (STRIKE.ePointsPrice as number) },
    });
    // Money again, at the new price.
    const money = await ok(core, 'orderUpdateDraft', { id: vezha!.id, lines: [{ productId: STRIKE.id, quantity: 1, funding: 'money' }], hromadaCode: KHARKIV, neededBy: null });
    expect(money.lines[0]).toMatchObject({ unitPrice: 2_290_000, problem: null });
  });

  it('refuse edits that do not fit the order, changing nothing', async () => {
    const { core, dataDir } = await orderingCore();
    await fillCart(core);
    const [vezha, , vezhaPreorder] = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' });
    const before = await ok(core, 'orderGet', { id: vezha!.id });
    const edit = (lines: unknown[], extra: Record<string, unknown> = {}) => ({ id: vezha!.id, lines, hromadaCode: SLOVIANSK, neededBy: null, ...extra });
    const line = (productId: string, quantity: unknown = 1, funding = 'money') => ({ productId, quantity, funding });
    await fails(core, 'orderUpdateDraft', edit([line(TRAINER.id)]), 'request.invalid');
    await fails(core, 'orderUpdateDraft', edit([line(STRIKE.id), line(STRIKE.id, 2)]), 'request.invalid');
    await fails(core, 'orderUpdateDraft', edit([line(STRIKE.id)], { neededBy: '2025-02-01' }), 'request.invalid');
    await fails(core, 'orderUpdateDraft', edit([line(STRIKE.id)], { hromadaCode: 'UA99999999999999999' }), 'order.unknown_hromada');
    await fails(core, 'orderUpdateDraft', edit([line(product('Вежа-Перехоплювач').id, 1, 'e_points')]), 'cart.no_e_points_price');
    await fails(core, 'orderUpdateDraft', edit([]), 'request.invalid');
    for (const quantity of [0, -3, 2.5, 10_001]) await fails(core, 'orderUpdateDraft', edit([line(STRIKE.id, quantity)]), 'request.invalid');
    await fails(core, 'orderUpdateDraft', { ...edit([line(FIBRE.id)]), id: vezhaPreorder!.id, neededBy: null }, 'cart.needed_by_required');
    await fails(core, 'orderUpdateDraft', { ...edit([line(STRIKE.id)]), id: '0197a000-0000-7000-8000-00000000dead' }, 'order.not_found');
    await fillVault(dataDir, (db) => db.transaction(() => applier('product').remove(db, SMALL.id))());
    await fails(core, 'orderUpdateDraft', edit([line(SMALL.id)]), 'cart.product_withdrawn');
    const after = await ok(core, 'orderGet', { id: vezha!.id });
    expect(after.lines.map((row) => [row.productId, row.quantity, row.funding])).toEqual(before.lines.map((row) => [row.productId, row.quantity, row.funding]));
    expect(after.lines[1]?.problem).toBe('withdrawn');
  });

  it('are discarded (or cancelled, which for a draft is the same), and then are gone', async () => {
    const { core } = await orderingCore();
    await fillCart(core);
    const [first, second] = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' });
    await ok(core, 'orderDiscardDraft', { id: first!.id });
    await fails(core, 'orderGet', { id: first!.id }, 'order.not_found');
    await fails(core, 'orderDiscardDraft', { id: first!.id }, 'order.not_found');
    const cancelled = await ok(core, 'orderCancel', { id: second!.id, reason: 'Замовимо пізніше' });
    expect(cancelled).toMatchObject({ status: 'cancelled', comment: 'Замовимо пізніше', actions: [] });
    await fails(core, 'orderGet', { id: second!.id }, 'order.not_found');
    await fails(core, 'orderCancel', { id: second!.id, reason: ' ' }, 'request.invalid');
    expect((await ok(core, 'orderList', {})).map((order) => order.id)).not.toContain(second!.id);
    expect(await ok(core, 'orderList', {})).toHaveLength(2);
  });
});

describe('hromada search', () => {
  it('finds a hromada by any part of its name, case and apostrophes aside, names first, then raion and oblast', async () => {
    const { core } = await orderingCore();
    const names = async (query: string, limit?: number) => (await ok(core, 'hromadaSearch', { query, ...(limit ? { limit } : {}) })).map((h) => h.name);
    expect(await names('слов')).toEqual(['Слов’янська']);
    expect(await names("СЛОВ'ЯН")).toEqual(['Слов’янська']);
    expect(await names('словянська')).toEqual(['Слов’янська']);
    expect(await names('франків')).toEqual(['Івано-Франківська']);
    expect(await names('івано-фр')).toEqual(['Івано-Франківська']);
    expect(await names('янська')).toEqual(['Куп’янська', 'Слов’янська']);
    expect(await names('харків')).toEqual(['Харківська', 'Балаклійська', 'Ізюмська', 'Куп’янська', 'Лозівська', 'Чугуївська']);
    expect(await names('краматорський')).toEqual(['Дружківська', 'Костянтинівська', 'Краматорська', 'Слов’янська']);
    expect(await names('краматорська')).toEqual(['Краматорська']);
    expect(await names('харків', 2)).toEqual(['Харківська', 'Балаклійська']);
    expect(await names('tokyo')).toEqual([]);
    expect(await names('', 3)).toHaveLength(3);
    expect((await ok(core, 'hromadaSearch', { query: 'слов' }))[0]).toEqual({ code: SLOVIANSK, name: 'Слов’янська', raionName: 'Краматорський', oblastName: 'Донецька' });
    await fails(core, 'hromadaSearch', { query: 'x'.repeat(101) }, 'request.invalid');
    await fails(core, 'hromadaSearch', { query: 'x', limit: 0 }, 'request.invalid');
  });
});

describe('the orders list', () => {
  it('filters by status, kind, supplier, period and text over number, supplier and products', async () => {
    const { core, clock } = await orderingCore();
    await fillCart(core);
    const drafts = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: '2025-02-01' });
    // Three days later by the wall clock (advancing the timers too would let the vault lock itself).
    clock.setWall(clock.now() + 3 * 24 * 3600_000);
    await ok(core, 'cartAdd', { productId: TRAINER.id });
    const [later] = await ok(core, 'cartCheckout', { hromadaCode: SLOVIANSK, neededBy: null });
    const ids = async (request: Record<string, unknown>) => (await ok(core, 'orderList', request)).map((order) => order.id);
    expect(await ids({})).toEqual([later!.id, ...drafts.map((draft) => draft.id).reverse()]);
    expect(await ids({ statuses: ['draft'] })).toHaveLength(5);
    expect(await ids({ statuses: ['submitted', 'signed'] })).toEqual([]);
    expect(await ids({ kind: 'preorder' })).toEqual([drafts[3]!.id, drafts[2]!.id]);
    expect(await ids({ supplierId: TRAINER.supplierId, kind: 'in_stock' })).toEqual([later!.id, drafts[1]!.id]);
    expect(await ids({ from: '2025-01-16' })).toEqual([later!.id]);
    expect(await ids({ to: '2025-01-15' })).toHaveLength(4);
    expect(await ids({ query: 'автонавед' })).toEqual([drafts[3]!.id]);
    expect(await ids({ query: 'vz-10fo' })).toEqual([drafts[2]!.id]);
    expect(await ids({ query: 'ДЖМІЛЬ навчальний' })).toEqual([later!.id, drafts[1]!.id]);
    expect(await ids({ query: 'Інжиніринг' })).toHaveLength(3);
    await fails(core, 'orderList', { statuses: ['lost'] }, 'request.invalid');
    await fails(core, 'orderList', { from: '15.01.2025' }, 'request.invalid');
  });
});
