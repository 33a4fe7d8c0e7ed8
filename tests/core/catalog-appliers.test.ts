import { afterEach, describe, expect, it } from 'vitest';
import { HromadaSchema } from '@shared/service/catalogue';
import { createCatalogAppliers } from '../../src-main/core/catalog/appliers';
import { readProductDetail } from '../../src-main/core/catalog/product';
import type { Db } from '../../src-main/core/store';
import {
  allNames,
  applier,
  budget,
  catalogueStore,
  closeCatalogueStores,
  loadDemoCatalogue,
  names,
  product,
  PRODUCTS,
  queueWatchRemove,
  queueWatchSet,
  rejectIntent,
  search,
  SUPPLIERS,
  supplierOf,
  upsert,
  upsertProducts,
  upsertSuppliers,
  watch,
} from './catalog-fixtures';
import { removeTempDirs } from './support/fixtures';

afterEach(() => {
  closeCatalogueStores();
  removeTempDirs();
});

const indexRows = (db: Db) => ({
  search: db.prepare('SELECT count(*) FROM product_search').pluck().get() as number,
  names: db.prepare('SELECT count(*) FROM product_names').pluck().get() as number,
});

describe('the product applier keeps the search index in step', () => {
  it('indexes what arrives: found by name, sku, maker and specifications', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    expect(indexRows(db)).toEqual({ search: PRODUCTS.length, names: PRODUCTS.length });
    expect(search(db).total).toBe(PRODUCTS.length);
    expect(names(search(db, { text: 'Вежа-10 Удар' }))[0]).toBe('Вежа-10 Удар');
    expect(names(search(db, { text: 'VZ-10U' }))).toEqual(['Вежа-10 Удар']);
    expect(names(search(db, { text: 'енергоблок 12S' }))).toEqual(['АКБ Енергоблок 12S 22000 мА·год']);
    expect(names(search(db, { text: 'автосупровід' }))).toEqual(['Джміль-10 Автонаведення']);
  });

  it('after a rename the old name no longer matches and the new one does', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const before = product('Джміль-10 Автонаведення');
    upsertProducts(db, [{ ...before, name: 'Джміль-10 Самонаведення', changeSeq: 900 }]);
    expect(search(db, { text: 'автонаведення' }).items).toEqual([]);
    expect(search(db, { text: 'самонав' }).items.map((item) => item.id)).toEqual([before.id]);
    expect(indexRows(db)).toEqual({ search: PRODUCTS.length, names: PRODUCTS.length });
  });

  it('after new specifications the old ones no longer match', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Ретранслятор Крок-Р');
    expect(allNames(db, { text: '915' })).toContain(item.name);
    expect(allNames(db, { text: '2.4 ghz' })).not.toContain(item.name);
    upsertProducts(db, [{ ...item, specs: { ...item.specs, controlBands: ['2.4 GHz'] }, changeSeq: 901 }]);
    expect(allNames(db, { text: '915' })).not.toContain(item.name);
    expect(allNames(db, { text: '2.4 ghz' })).toContain(item.name);
  });

  it('a removed product is found by nothing, and removing it again (or an unknown id) is harmless', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const gone = product('Вежа-10 Нічний');
    db.transaction(() => applier('product').remove(db, gone.id))();
    expect(allNames(db, { text: 'вежа' })).not.toContain(gone.name);
    expect(allNames(db, {})).not.toContain(gone.name);
    // Its details went with it: every details row left belongs to a product still there.
    expect(db.prepare('SELECT count(*) FROM product_details').pluck().get()).toBe(PRODUCTS.length - 1);
    expect(db.prepare('SELECT count(*) FROM product_details d LEFT JOIN products p ON p.rid = d.rid WHERE p.rid IS NULL').pluck().get()).toBe(0);
    expect(indexRows(db)).toEqual({ search: PRODUCTS.length - 1, names: PRODUCTS.length - 1 });
    expect(() => db.transaction(() => applier('product').remove(db, gone.id))()).not.toThrow();
    expect(() => db.transaction(() => applier('product').remove(db, '0197a000-0000-7002-8000-00000000dead'))()).not.toThrow();
  });

  it('an inactive product leaves the index and the lists but keeps its page; reactivated, it is back', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Кібчик-2');
    upsertProducts(db, [{ ...item, active: false, changeSeq: 902 }]);
    expect(allNames(db, { text: 'кібчик' })).not.toContain(item.name);
    expect(search(db).total).toBe(PRODUCTS.length - 1);
    expect(readProductDetail(db, item.id).name).toBe(item.name);
    upsertProducts(db, [{ ...item, active: true, changeSeq: 903 }]);
    expect(allNames(db, { text: 'кібчик' })).toContain(item.name);
    expect(indexRows(db)).toEqual({ search: PRODUCTS.length, names: PRODUCTS.length });
  });

  it('the same upsert twice leaves the same rows', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const snapshot = () => ({
      rows: db.prepare('SELECT * FROM products ORDER BY rid').all(),
      details: db.prepare('SELECT * FROM product_details ORDER BY rid').all(),
      index: indexRows(db),
    });
    const before = snapshot();
    loadDemoCatalogue(db);
    expect(snapshot()).toEqual(before);
  });

  it('follows stock across zero for the in-stock filter, and leaves the index alone for a price change', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Вежа-7 Удар');
    const indexed = () => db.prepare("SELECT (SELECT count(*) FROM product_search_data) + (SELECT count(*) FROM product_names_data)").pluck().get();
    upsertProducts(db, [{ ...item, stock: 0, leadTimeDays: 14, changeSeq: 904 }]);
    expect(allNames(db, { text: 'вежа-7', inStockOnly: true })).not.toContain(item.name);
    expect(allNames(db, { text: 'вежа-7' })).toContain(item.name);
    upsertProducts(db, [{ ...item, stock: 5, changeSeq: 905 }]);
    expect(allNames(db, { text: 'вежа-7', inStockOnly: true })).toContain(item.name);
    const pages = indexed();
    upsertProducts(db, [{ ...item, stock: 6, priceKopiykas: item.priceKopiykas + 100, changeSeq: 906 }]);
    expect(indexed()).toBe(pages);
    expect(search(db, { text: 'вежа-7 удар' }).items[0]).toMatchObject({ stock: 6, priceKopiykas: item.priceKopiykas + 100 });
  });

  it('a reset (clear) empties products, details and both indexes', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    db.transaction(() => {
      applier('product').clear(db);
      applier('supplier').clear(db);
    })();
    expect(indexRows(db)).toEqual({ search: 0, names: 0 });
    expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM product_details').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM suppliers').pluck().get()).toBe(0);
    expect(search(db, { text: 'вежа' })).toEqual({ total: 0, offset: 0, items: [] });
    // And the catalogue can arrive again.
    loadDemoCatalogue(db);
    expect(search(db).total).toBe(PRODUCTS.length);
  });
});

describe('the supplier applier', () => {
  it('a product that arrives before its maker is found by the maker once the maker arrives', () => {
    const db = catalogueStore();
    const item = product('Сова-3 Термо');
    upsertProducts(db, [item]);
    expect(search(db, { text: 'сова-3' }).items[0]?.maker).toBe('');
    expect(readProductDetail(db, item.id).supplier).toEqual({ id: item.supplierId, name: '', brand: '', edrpou: '', city: '' });
    // «Сова» is also in the name; the maker is found by its legal name's brand on a product whose name does not carry it.
    const maker = supplierOf(item);
    upsertSuppliers(db, [{ ...maker, brand: 'Нічна Сова' }]);
    expect(names(search(db, { text: 'нічна' }))).toEqual([item.name]);
    expect(search(db, { text: 'сова-3 термо' }).items[0]?.maker).toBe('Нічна Сова');
  });

  it('a new brand re-indexes the maker\'s products, and a removed maker leaves them without one', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const maker = SUPPLIERS.find((supplier) => supplier.brand === 'Енергоблок')!;
    const theirs = PRODUCTS.filter((item) => item.supplierId === maker.id).map((item) => item.name).sort();
    upsertSuppliers(db, [{ ...maker, brand: 'Вольт', changeSeq: 500 }]);
    expect(allNames(db, { text: 'вольт' }).sort()).toEqual(theirs);
    // Names that carry the old brand still match by name; the maker no longer does.
    expect(allNames(db, { text: 'вольт енергоблок' }).sort()).toEqual(theirs.filter((name) => name.includes('Енергоблок')));
    db.transaction(() => applier('supplier').remove(db, maker.id))();
    expect(allNames(db, { text: 'вольт' })).toEqual([]);
    expect(indexRows(db)).toEqual({ search: PRODUCTS.length, names: PRODUCTS.length });
  });
});

describe('notifications from the product applier', () => {
  function watched(notify: { restock: boolean; price: boolean }) {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Джміль-10 Автонаведення');
    expect(item.stock).toBe(0);
    upsert(db, 'watch', [{ id: item.id, data: watch(item.id, notify) }]);
    return { db, item };
  }

  it('tells a watch with restock when the product comes back in stock', () => {
    const { db, item } = watched({ restock: true, price: false });
    expect(upsertProducts(db, [{ ...item, stock: 12, changeSeq: 950 }])).toEqual([
      { kind: 'restock', productId: item.id, productName: item.name, stock: 12, priceKopiykas: item.priceKopiykas },
    ]);
    // Only the crossing from zero: more stock is not news.
    expect(upsertProducts(db, [{ ...item, stock: 20, changeSeq: 951 }])).toEqual([]);
  });

  it('tells a watch with price about a new price, and both at once when both changed', () => {
    const { db, item } = watched({ restock: true, price: true });
    const price = item.priceKopiykas - 150_000;
    expect(upsertProducts(db, [{ ...item, stock: 3, priceKopiykas: price, changeSeq: 952 }])).toEqual([
      { kind: 'restock', productId: item.id, productName: item.name, stock: 3, priceKopiykas: price },
      { kind: 'price', productId: item.id, productName: item.name, previousPriceKopiykas: item.priceKopiykas, priceKopiykas: price },
    ]);
  });

  it('says nothing to a watch that did not ask, nor about products nobody watches, nor on first arrival', () => {
    const { db, item } = watched({ restock: true, price: false });
    expect(upsertProducts(db, [{ ...item, priceKopiykas: item.priceKopiykas + 1, changeSeq: 953 }])).toEqual([]);
    const other = product('Вежа-13 Важкий');
    expect(upsertProducts(db, [{ ...other, priceKopiykas: other.priceKopiykas + 1, changeSeq: 954 }])).toEqual([]);
    const fresh = catalogueStore();
    upsert(fresh, 'watch', [{ id: item.id, data: watch(item.id, { restock: true, price: true }) }]);
    expect(upsertProducts(fresh, [{ ...item, stock: 4 }])).toEqual([]);
  });

  it('counts a watch set offline (pending in the outbox) at once, and a pending removal silences a confirmed watch', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Джміль-10 Автонаведення');
    queueWatchSet(db, item.id, { restock: true, price: false });
    expect(upsertProducts(db, [{ ...item, stock: 1, changeSeq: 955 }]).map((n) => n.kind)).toEqual(['restock']);

    const other = product('Степ-2');
    upsert(db, 'watch', [{ id: other.id, data: watch(other.id, { restock: true, price: true }) }]);
    queueWatchRemove(db, other.id);
    expect(upsertProducts(db, [{ ...other, priceKopiykas: other.priceKopiykas * 2, changeSeq: 956 }])).toEqual([]);
  });

  it('the latest pending intent wins, and a rejected one counts for nothing', () => {
    const db = catalogueStore();
    loadDemoCatalogue(db);
    const item = product('Степ-2');
    upsert(db, 'watch', [{ id: item.id, data: watch(item.id, { restock: false, price: true }) }]);
    queueWatchRemove(db, item.id);
    queueWatchSet(db, item.id, { restock: false, price: true });
    expect(upsertProducts(db, [{ ...item, priceKopiykas: item.priceKopiykas + 1, changeSeq: 957 }]).map((n) => n.kind)).toEqual(['price']);

    const lone = product('Кажан-Н8');
    rejectIntent(db, queueWatchSet(db, lone.id, { restock: true, price: true }));
    expect(upsertProducts(db, [{ ...lone, priceKopiykas: lone.priceKopiykas + 1, changeSeq: 958 }])).toEqual([]);
  });
});

describe('reference, budget and watch appliers', () => {
  it('write, replace, remove and clear their rows', () => {
    const db = catalogueStore();
    const hromada = HromadaSchema.parse({
      code: 'UA05020030000031457',
      name: 'Вінницька',
      raionCode: 'UA05020000000026686',
      raionName: 'Вінницький',
      oblastCode: 'UA05000000000010236',
      oblastName: 'Вінницька',
      changeSeq: 3,
    });
    upsert(db, 'hromada', [{ id: hromada.code, data: hromada }]);
    upsert(db, 'hromada', [{ id: hromada.code, data: { ...hromada, name: 'Вінницька міська', changeSeq: 4 } }]);
    expect(db.prepare('SELECT code, name, raion_name, oblast_name, change_seq FROM hromadas').all()).toEqual([
      { code: hromada.code, name: 'Вінницька міська', raion_name: 'Вінницький', oblast_name: 'Вінницька', change_seq: 4 },
    ]);
    db.transaction(() => applier('hromada').remove(db, hromada.code))();
    expect(db.prepare('SELECT count(*) FROM hromadas').pluck().get()).toBe(0);

    const appliers = new Map(createCatalogAppliers({ now: () => '2025-01-15T09:00:00.000Z' }).map((a) => [a.entity, a]));
    const row = budget(2025, { committedKopiykas: 100 });
    db.transaction(() => appliers.get('budget')!.upsert(db, `${row.unitId}:2025`, row))();
    expect(db.prepare('SELECT id, year, committed_kopiykas, received_at FROM budgets').get()).toEqual({
      id: `${row.unitId}:2025`,
      year: 2025,
      committed_kopiykas: 100,
      received_at: '2025-01-15T09:00:00.000Z',
    });
    db.transaction(() => appliers.get('budget')!.clear(db))();
    expect(db.prepare('SELECT count(*) FROM budgets').pluck().get()).toBe(0);

    const item = product('Степ-2');
    upsert(db, 'watch', [{ id: item.id, data: watch(item.id, { restock: true, price: false }) }]);
    upsert(db, 'watch', [{ id: item.id, data: watch(item.id, { restock: false, price: true }) }]);
    expect(db.prepare('SELECT product_id, restock, price FROM watches').all()).toEqual([{ product_id: item.id, restock: 0, price: 1 }]);
    db.transaction(() => applier('watch').remove(db, item.id))();
    upsert(db, 'watch', [{ id: item.id, data: watch(item.id, { restock: true, price: true }) }]);
    db.transaction(() => applier('watch').clear(db))();
    expect(db.prepare('SELECT count(*) FROM watches').pluck().get()).toBe(0);
  });

  it('with the order applier, cover exactly the synced entity types', async () => {
    const { syncEntityNames } = await import('@shared/sync/changes');
    const { entityAppliers } = await import('../../src-main/core/appliers');
    expect(entityAppliers.map((a) => a.entity).sort()).toEqual([...syncEntityNames].sort());
  });
});
