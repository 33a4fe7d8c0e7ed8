import { afterEach, describe, expect, it } from 'vitest';
import type { Cart } from '@shared/api/ordering';
import { ProductSchema } from '@shared/service/catalogue';
import { writeCartLine } from '../../src-main/core/orders/cart-repo';
import { readCatalogueProduct } from '../../src-main/core/orders/products';
import { applier, loadDemoCatalogue, product } from './catalog-fixtures';
import { loadOrderingWorld, orderingCore, points, price } from './orders-fixtures';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, startCore } from './support/fixtures';
import { ManualClock } from './support/manual-clock';

/**
 * The cart as the UI uses it (issue 5, item 1): through the core's
 * dispatch, over the real encrypted store, with the demo catalogue.
 */

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

const STRIKE = product('Вежа-10 Удар'); // 21 500 UAH, 22 points, 310 in stock
const TRAINER = product('Джміль-7 Навчальний'); // 9 900 UAH, no e-points price
const SEEKER = product('Джміль-10 Автонаведення'); // 46 000 UAH, none in stock, 21 days

const shape = (cart: Cart) => cart.lines.map((line) => [line.name, line.quantity, line.funding, line.unitPrice, line.lineTotal, line.kind, line.problem]);

describe('the cart', () => {
  it('adds from a card, sets quantities and funding, prices each line and totals money and points apart', async () => {
    const { core, events } = await orderingCore();
    expect((await ok(core, 'cartGet')).lines).toEqual([]);
    let cart = await ok(core, 'cartAdd', { productId: STRIKE.id });
    expect(cart.lines[0]).toMatchObject({
      productId: STRIKE.id,
      name: 'Вежа-10 Удар',
      sku: STRIKE.sku,
      category: 'fpv_strike',
      supplier: { brand: 'Вежа', name: 'ТОВ «Вежа Дрон Системз»' },
      quantity: 1,
      funding: 'money',
      ePointsPrice: 22,
      priceKopiykas: 2_150_000,
      unitPrice: 2_150_000,
      lineTotal: 2_150_000,
      kind: 'in_stock',
      stock: 310,
      leadTimeDays: null,
      problem: null,
    });
    expect(events.some((event) => event.type === 'data_changed' && event.scopes.includes('cart'))).toBe(true);

    cart = await ok(core, 'cartAdd', { productId: STRIKE.id, quantity: 2 });
    expect(cart.lines[0]?.quantity).toBe(3);
    await ok(core, 'cartAdd', { productId: TRAINER.id, quantity: 4 });
    await ok(core, 'cartSet', { productId: STRIKE.id, quantity: 5, funding: 'e_points' });
    cart = await ok(core, 'cartSet', { productId: SEEKER.id, quantity: 2 });
    expect(shape(cart)).toEqual([
      ['Вежа-10 Удар', 5, 'e_points', 22, 110, 'in_stock', null],
      ['Джміль-7 Навчальний', 4, 'money', 990_000, 3_960_000, 'in_stock', null],
      ['Джміль-10 Автонаведення', 2, 'money', 4_600_000, 9_200_000, 'preorder', null],
    ]);
    expect(cart.lines[2]).toMatchObject({ stock: 0, leadTimeDays: 21 });
    expect(cart.totals).toEqual({ moneyKopiykas: 3_960_000 + 9_200_000, ePoints: 110 });

    // A quantity beyond the stock makes the line a pre-order; the funding stays as set.
    cart = await ok(core, 'cartSet', { productId: STRIKE.id, quantity: 311 });
    expect(cart.lines[0]).toMatchObject({ quantity: 311, funding: 'e_points', kind: 'preorder' });

    cart = await ok(core, 'cartRemove', { productId: TRAINER.id });
    expect(cart.lines.map((line) => line.name)).toEqual(['Вежа-10 Удар', 'Джміль-10 Автонаведення']);
    // Removing what is not there is not an error.
    await ok(core, 'cartRemove', { productId: TRAINER.id });
    cart = await ok(core, 'cartClear');
    expect(cart).toMatchObject({ lines: [], totals: { moneyKopiykas: 0, ePoints: 0 } });
  });

  it('pays with e-points only where the product has an e-points price, and refuses unknown or withdrawn products', async () => {
    const { core } = await orderingCore();
    await ok(core, 'cartAdd', { productId: TRAINER.id, quantity: 2 });
    const error = await fails(core, 'cartSet', { productId: TRAINER.id, quantity: 2, funding: 'e_points' }, 'cart.no_e_points_price');
    expect(error.params).toEqual({ productId: TRAINER.id, name: TRAINER.name });
    await fails(core, 'cartSet', { productId: SEEKER.id, quantity: 1, funding: 'e_points' }, 'cart.no_e_points_price');
    expect(shape(await ok(core, 'cartGet'))).toEqual([['Джміль-7 Навчальний', 2, 'money', 990_000, 1_980_000, 'in_stock', null]]);
    await fails(core, 'cartAdd', { productId: '0197a000-0000-7002-8000-00000000dead' }, 'catalog.unknown_product');
    await fails(core, 'cartSet', { productId: '0197a000-0000-7002-8000-00000000dead', quantity: 1 }, 'catalog.unknown_product');
  });

  it('keeps a withdrawn product\'s line, as it was, with its problem and out of the totals; it can only be removed', async () => {
    const { core } = await orderingCore((db) => {
      loadOrderingWorld(db);
      const at = '2025-01-14T09:00:00.000Z';
      writeCartLine(db, readCatalogueProduct(db, STRIKE.id)!, 3, 'e_points', at);
      writeCartLine(db, readCatalogueProduct(db, TRAINER.id)!, 2, 'money', at);
      writeCartLine(db, readCatalogueProduct(db, product('Вежа-7 Удар').id)!, 1, 'e_points', at);
      // Withdrawn: the catalogue scope brings a delete. Another product leaves the bonus programme.
      db.transaction(() => {
        applier('product').remove(db, STRIKE.id);
        applier('product').upsert(db, product('Вежа-7 Удар').id, ProductSchema.parse({ ...product('Вежа-7 Удар'), ePointsPrice: null, changeSeq: 9_999 }));
      })();
    });
    const cart = await ok(core, 'cartGet');
    expect(shape(cart)).toEqual([
      ['Вежа-10 Удар', 3, 'e_points', 22, 66, 'preorder', 'withdrawn'],
      ['Джміль-7 Навчальний', 2, 'money', 990_000, 1_980_000, 'in_stock', null],
      ['Вежа-7 Удар', 1, 'e_points', points('Вежа-7 Удар'), points('Вежа-7 Удар'), 'in_stock', 'no_e_points_price'],
    ]);
    expect(cart.lines[0]).toMatchObject({ sku: STRIKE.sku, supplier: { brand: 'Вежа' }, priceKopiykas: price('Вежа-10 Удар') });
    expect(cart.totals).toEqual({ moneyKopiykas: 1_980_000, ePoints: 0 });
    await fails(core, 'cartAdd', { productId: STRIKE.id }, 'cart.product_withdrawn');
    await fails(core, 'cartSet', { productId: STRIKE.id, quantity: 1 }, 'cart.product_withdrawn');
    // Back to money, the other line is orderable again.
    const fixed = await ok(core, 'cartSet', { productId: product('Вежа-7 Удар').id, quantity: 1, funding: 'money' });
    expect(fixed.lines[2]).toMatchObject({ funding: 'money', problem: null, unitPrice: price('Вежа-7 Удар') });
    expect((await ok(core, 'cartRemove', { productId: STRIKE.id })).lines).toHaveLength(2);
  });

  it('survives a lock and a restart: the cart lives in the encrypted store', async () => {
    const { core, dataDir } = await orderingCore();
    await ok(core, 'cartAdd', { productId: STRIKE.id, quantity: 7 });
    await ok(core, 'cartSet', { productId: SEEKER.id, quantity: 1 });
    const before = await ok(core, 'cartGet');
    await ok(core, 'vaultLock');
    await fails(core, 'cartGet', {}, 'vault.locked');
    await fails(core, 'cartAdd', { productId: STRIKE.id }, 'vault.locked');
    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(core, 'cartGet')).toEqual(before);
    await core.close();
    const restarted = startCore(dataDir, new ManualClock());
    await ok(restarted.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(await ok(restarted.core, 'cartGet')).toEqual(before);
  });

  it('refuses zero, negative, fractional and absurd quantities (and anything malformed) with request.invalid, changing nothing', async () => {
    const { core } = await orderingCore();
    await ok(core, 'cartAdd', { productId: STRIKE.id, quantity: 3 });
    const before = await ok(core, 'cartGet');
    for (const quantity of [0, -1, 1.5, 10_001, 1e12, Number.NaN, '3', null]) {
      await fails(core, 'cartAdd', { productId: STRIKE.id, quantity }, 'request.invalid');
      await fails(core, 'cartSet', { productId: STRIKE.id, quantity }, 'request.invalid');
    }
    await fails(core, 'cartSet', { productId: STRIKE.id, quantity: 2, funding: 'barter' }, 'request.invalid');
    await fails(core, 'cartAdd', { productId: '' }, 'request.invalid');
    await fails(core, 'cartAdd', { productId: 'x'.repeat(65) }, 'request.invalid');
    await fails(core, 'cartAdd', { productId: STRIKE.id, price: 1 }, 'request.invalid');
    await fails(core, 'cartRemove', {}, 'request.invalid');
    // The contract allows 10 000 a line; adding past it is refused too.
    await ok(core, 'cartSet', { productId: TRAINER.id, quantity: 10_000 });
    const full = await ok(core, 'cartGet');
    const error = await fails(core, 'cartAdd', { productId: TRAINER.id, quantity: 1 }, 'request.invalid');
    expect(error.params).toEqual({ max: 10_000 });
    expect(await ok(core, 'cartGet')).toEqual(full);
    expect(full.lines[0]).toEqual(before.lines[0]);
  });

  it('shows no budget before one has arrived', async () => {
    const { core } = await orderingCore(loadDemoCatalogue);
    expect((await ok(core, 'cartAdd', { productId: STRIKE.id })).budget).toBeNull();
  });
});
