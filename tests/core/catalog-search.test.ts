import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { productCategories, type CatalogQuery, type ProductCategory } from '@shared/api/contract';
import { isAppError } from '@shared/api/errors';
import type { Product, Supplier } from '@shared/service/catalogue';
import { seedLargeCatalogue } from '../../src-server/demo/large';
import { listSuppliers, productsChangedAfter } from '../../src-server/store/catalogue';
import { openDatabase } from '../../src-server/store/database';
import { catalogueChanged } from '../../src-main/core/catalog/counts';
import { readProductDetail } from '../../src-main/core/catalog/product';
import { categoriesMatching, specSearchText } from '../../src-main/core/catalog/specs';
import { foldForSearch, MAX_PREFIX, nameSortKey, queryWords } from '../../src-main/core/catalog/text';
import type { Db } from '../../src-main/core/store';
import {
  allNames,
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

function demo(): Db {
  const db = catalogueStore();
  loadDemoCatalogue(db);
  return db;
}

describe('free text', () => {
  it('finds Cyrillic and Latin prefixes in any case', () => {
    const db = demo();
    expect(allNames(db, { text: 'джмі' }).every((name) => name.startsWith('Джміль'))).toBe(true);
    expect(allNames(db, { text: 'джмі' })).toHaveLength(PRODUCTS.filter((p) => supplierOf(p).brand === 'Джміль').length);
    expect(allNames(db, { text: 'ДЖМІЛЬ-10' })).toEqual(allNames(db, { text: 'джміль-10' }));
    expect(names(search(db, { text: 'fpv-ок' }))).toEqual(['FPV-окуляри Візор-А2', 'FPV-окуляри Візор-Ц']);
    expect(names(search(db, { text: 'Li-ion 217' })).sort()).toEqual(
      PRODUCTS.filter((p) => p.specs.chemistry === 'Li-ion 21700')
        .map((p) => p.name)
        .sort(),
    );
    expect(names(search(db, { text: 'OLED 1920' }))).toEqual(['FPV-окуляри Візор-Ц']);
  });

  it('finds a word with an apostrophe however it is typed, or not typed', () => {
    const db = demo();
    for (const text of ['прив’язна', "прив'язна", 'привʼязна', 'ПРИВЯЗ', 'прив']) {
      expect(names(search(db, { text })), text).toContain('Сова-П Прив’язна');
    }
  });

  it('treats decimals as one token whatever the separator, and ghz as a word of its own', () => {
    const db = demo();
    const mentions = PRODUCTS.filter((p) => /5[.,]8/u.test(p.name + JSON.stringify(p.specs))).map((p) => p.name);
    expect(allNames(db, { text: '5.8' }).sort()).toEqual(mentions.sort());
    expect(allNames(db, { text: '5,8' })).toEqual(allNames(db, { text: '5.8' }));
    expect(allNames(db, { text: '5.8 ГГц' }).length).toBeGreaterThan(0);
    expect(allNames(db, { text: '5.8 ghz' }).length).toBeLessThanOrEqual(allNames(db, { text: '5.8' }).length);
  });

  it('finds a category by its words in both languages and by a Russian spelling', () => {
    const db = demo();
    const ew = PRODUCTS.filter((p) => p.category === 'ew')
      .map((p) => p.name)
      .sort();
    expect(allNames(db, { text: 'РЕБ' }).sort()).toEqual(expect.arrayContaining(ew));
    expect(allNames(db, { text: 'рэб' }).sort()).toEqual(allNames(db, { text: 'реб' }).sort());
    expect(allNames(db, { text: 'EW' }).sort()).toEqual(ew);
    expect(allNames(db, { text: 'перехоплювач' })).toEqual(expect.arrayContaining(PRODUCTS.filter((p) => p.category === 'interceptor').map((p) => p.name)));
    expect(allNames(db, { text: 'нрк' }).sort()).toEqual(
      PRODUCTS.filter((p) => p.category === 'ground_robot')
        .map((p) => p.name)
        .sort(),
    );
  });

  it('folds ґ and ї to г and і on both sides', () => {
    const db = catalogueStore();
    const base = product('Щит-Окоп 3');
    upsertSuppliers(db, [supplierOf(base)]);
    upsertProducts(db, [{ ...base, name: 'Ґрунтовий Їжак', changeSeq: 1 }]);
    for (const text of ['ґрунт', 'грунт', 'їжак', 'іжак', 'ЇЖАК']) expect(names(search(db, { text })), text).toEqual(['Ґрунтовий Їжак']);
  });

  it('never passes the officer\'s syntax to FTS5: hostile text is plain words or nothing, and never fails', () => {
    const db = demo();
    for (const text of ['"', '""', '*', 'AND OR *', 'NEAR(', 'NEAR(вежа удар, 2)', '{name}: вежа', 'вежа OR', 'NOT вежа', '^вежа', '-', '(', ')', '\u0000', "'", '—', '🙂🙂', '_st', '_fs', 'x'.repeat(200)]) {
      expect(() => search(db, { text }), text).not.toThrow();
    }
    expect(search(db, { text: '"' })).toEqual(search(db, {}));
    expect(search(db, { text: '_fs' }).total).toBe(0);
    expect(names(search(db, { text: 'NOT вежа' }))).toEqual([]);
    expect(allNames(db, { text: '"вежа' })).toEqual(allNames(db, { text: 'вежа' }));
  });

  it('survives any string at all', () => {
    const db = demo();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.string({ maxLength: 200, unit: 'binary' })), (text) => {
        const page = search(db, { text, limit: 5 });
        expect(page.items.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 1_000 },
    );
  });

  it('puts products whose name matches first', () => {
    const db = demo();
    const found = allNames(db, { text: 'розв' });
    // «Вежа-7 Розвідник» is an FPV strike drone named for recon; the recon drones match by category word only.
    expect(found[0]).toBe('Вежа-7 Розвідник');
    expect(found.slice(1)).toEqual(expect.arrayContaining(PRODUCTS.filter((p) => p.category === 'recon_quadcopter').map((p) => p.name)));
  });
});

describe('filters, sorts and windows', () => {
  const brute = (filter: (p: Product) => boolean) => PRODUCTS.filter(filter);

  it('filters by category, stock, codification and price, alone and together, with the right totals', () => {
    const db = demo();
    const cases: Array<[CatalogQuery, (p: Product) => boolean]> = [
      [{ categories: ['ew'] }, (p) => p.category === 'ew'],
      [{ categories: ['ew', 'ground_robot'] }, (p) => p.category === 'ew' || p.category === 'ground_robot'],
      [{ categories: [] }, () => true],
      [{ inStockOnly: true }, (p) => p.stock > 0],
      [{ codifiedOnly: true }, (p) => p.codified],
      [{ priceMinKopiykas: 3_000_000 }, (p) => p.priceKopiykas >= 3_000_000],
      [{ priceMaxKopiykas: 1_000_000 }, (p) => p.priceKopiykas <= 1_000_000],
      [{ priceMinKopiykas: 5_000_000, priceMaxKopiykas: 1_000_000 }, () => false],
      [
        { categories: ['fpv_strike'], inStockOnly: true, codifiedOnly: true, priceMaxKopiykas: 3_000_000 },
        (p) => p.category === 'fpv_strike' && p.stock > 0 && p.codified && p.priceKopiykas <= 3_000_000,
      ],
    ];
    for (const [query, filter] of cases) {
      const expected = brute(filter).map((p) => p.name);
      for (const sort of ['relevance', 'name', 'price_asc', 'price_desc', 'stock_desc'] as const) {
        const page = search(db, { ...query, sort, limit: 7 });
        expect(page.total, `${JSON.stringify(query)} ${sort}`).toBe(expected.length);
        expect(allNames(db, { ...query, sort }).sort(), `${JSON.stringify(query)} ${sort}`).toEqual([...expected].sort());
      }
    }
  });

  it('filters text matches the same way', () => {
    const db = demo();
    const fpv = allNames(db, { text: 'вежа' });
    expect(allNames(db, { text: 'вежа', inStockOnly: true }).sort()).toEqual(fpv.filter((name) => product(name).stock > 0).sort());
    expect(allNames(db, { text: 'вежа', categories: ['interceptor'] })).toEqual(['Вежа-Перехоплювач']);
    expect(allNames(db, { text: 'вежа', categories: ['interceptor'], codifiedOnly: true })).toEqual([]);
    expect(search(db, { text: 'вежа', priceMinKopiykas: 3_000_000 }).total).toBe(fpv.filter((name) => product(name).priceKopiykas >= 3_000_000).length);
  });

  it('sorts by name (Ukrainian order), price both ways and stock, then by name', () => {
    const db = demo();
    const key = (p: Product) => nameSortKey(p.name);
    const byKey = (a: Product, b: Product) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
    const order = {
      name: [...PRODUCTS].sort(byKey),
      price_asc: [...PRODUCTS].sort((a, b) => a.priceKopiykas - b.priceKopiykas || byKey(a, b)),
      price_desc: [...PRODUCTS].sort((a, b) => b.priceKopiykas - a.priceKopiykas || byKey(a, b)),
      stock_desc: [...PRODUCTS].sort((a, b) => b.stock - a.stock || byKey(a, b)),
    };
    for (const [sort, expected] of Object.entries(order)) {
      expect(allNames(db, { sort: sort as keyof typeof order }), sort).toEqual(expected.map((p) => p.name));
    }
    // Relevance without text is name order.
    expect(allNames(db, {})).toEqual(order.name.map((p) => p.name));
    // With text, the matches in the asked order.
    const vezha = order.price_desc.filter((p) => supplierOf(p).brand === 'Вежа').map((p) => p.name);
    expect(allNames(db, { text: 'вежа', sort: 'price_desc' }).filter((name) => vezha.includes(name))).toEqual(vezha);
    expect(allNames(db, { text: 'АКБ', sort: 'name' })).toEqual(order.name.filter((p) => allNames(db, { text: 'АКБ' }).includes(p.name)).map((p) => p.name));
  });

  it('serves windows: consecutive windows make the whole list, the total stays, a window past the end is empty', () => {
    const db = demo();
    for (const query of [{}, { text: 'а' }, { sort: 'price_asc' as const }, { text: 'fpv', sort: 'stock_desc' as const }, { text: 'в', inStockOnly: true }]) {
      const whole = search(db, { ...query, limit: 500 });
      const pieces: string[] = [];
      for (let offset = 0; offset < whole.total; offset += 9) {
        const page = search(db, { ...query, offset, limit: 9 });
        expect(page.total).toBe(whole.total);
        expect(page.offset).toBe(offset);
        pieces.push(...names(page));
      }
      expect(pieces).toEqual(names(whole));
      expect(search(db, { ...query, offset: whole.total + 5, limit: 9 })).toEqual({ total: whole.total, offset: whole.total + 5, items: [] });
    }
  });

  it('a remembered total follows the catalogue as it changes', () => {
    const db = demo();
    const before = search(db, { text: 'вежа', limit: 2 }).total;
    const item = product('Вежа-13 Важкий');
    upsertProducts(db, [{ ...item, active: false, changeSeq: 990 }]);
    expect(search(db, { text: 'вежа', limit: 2 }).total).toBe(before - 1);
  });

  it('shows active products only', () => {
    const db = demo();
    upsertProducts(db, [{ ...product('Степ-2'), active: false, changeSeq: 991 }]);
    expect(allNames(db, {})).not.toContain('Степ-2');
    expect(allNames(db, { sort: 'price_asc' })).not.toContain('Степ-2');
    expect(allNames(db, { text: 'степ' })).not.toContain('Степ-2');
    expect(allNames(db, { text: 'степ', sort: 'stock_desc' })).not.toContain('Степ-2');
  });
});

describe('cards and the product page', () => {
  it('carry what a card shows, with the maker', () => {
    const db = demo();
    const item = product('Джміль-10 Автонаведення');
    expect(search(db, { text: 'автонаведення' }).items).toEqual([
      {
        id: item.id,
        name: item.name,
        maker: 'Джміль',
        category: 'fpv_strike',
        priceKopiykas: 4_600_000,
        ePointsPrice: null,
        stock: 0,
        leadTimeDays: 21,
        codified: false,
        watch: null,
      },
    ]);
  });

  it('lay pending watch intents over the service\'s watch list', () => {
    const db = demo();
    const [a, b, c, d] = ['Степ-2', 'Кажан-Н8', 'Кібчик-1', 'Віл-300'].map(product) as [Product, Product, Product, Product];
    upsert(db, 'watch', [
      { id: a.id, data: watch(a.id, { restock: true, price: false }) },
      { id: b.id, data: watch(b.id, { restock: true, price: true }) },
    ]);
    queueWatchRemove(db, b.id);
    queueWatchSet(db, c.id, { restock: false, price: true });
    queueWatchSet(db, c.id, { restock: true, price: true });
    rejectIntent(db, queueWatchSet(db, d.id, { restock: true, price: false }));
    const card = (item: Product) => search(db, { text: item.name }).items.find((found) => found.id === item.id)?.watch;
    expect(card(a)).toEqual({ restock: true, price: false, pending: false });
    expect(card(b)).toEqual({ restock: false, price: false, pending: true });
    expect(card(c)).toEqual({ restock: true, price: true, pending: true });
    expect(card(d)).toBeNull();
    expect(readProductDetail(db, c.id).watch).toEqual({ restock: true, price: true, pending: true });
  });

  it('the product page has the specifications in order, the description and the supplier', () => {
    const db = demo();
    const item = product('Оптолінк-10 ВО-10');
    const maker = supplierOf(item);
    const detail = readProductDetail(db, item.id);
    expect(detail).toMatchObject({ id: item.id, sku: 'OL-10-10', description: item.description, maker: 'Оптолінк', stock: 150, codified: true });
    expect(detail.supplier).toEqual({ id: maker.id, name: maker.name, brand: maker.brand, edrpou: maker.edrpou, city: maker.city });
    expect(detail.specs).toEqual([
      { key: 'videoLink', value: 'fibre_optic' },
      { key: 'camera', value: 'CMOS 1080p' },
      { key: 'frameSizeInch', value: 10 },
      { key: 'rangeKm', value: 10 },
      { key: 'fibreLengthKm', value: 10 },
      { key: 'payloadKg', value: 2 },
      { key: 'flightTimeMin', value: 15 },
      { key: 'weightKg', value: 2.4 },
    ]);
  });

  it('an unknown product is a translated error', () => {
    const db = demo();
    let error: unknown;
    try {
      readProductDetail(db, '0197a000-0000-7002-8000-00000000dead');
    } catch (caught) {
      error = caught;
    }
    expect(isAppError(error) && error.code).toBe('catalog.unknown_product');
  });
});

/**
 * The index against a plain reading of the rules, over the reference service's
 * synthetic catalogue (Ukrainian and Latin makers, names and specifications):
 * every word of the query, folded, matches when its last token starts a token
 * of the product's name, sku, maker or specifications (its other tokens equal
 * one), or a one-token word starts a word of the product's category; the
 * filters hold; relevance lists name matches first, each part in catalogue
 * order.
 */
describe('against a plain reading of the rules (synthetic catalogue)', () => {
  let serviceDir: string;
  let suppliers: Supplier[];
  let products: Product[];

  beforeAll(() => {
    serviceDir = mkdtempSync(join(tmpdir(), 'qm-catalog-large-'));
    const service = openDatabase(join(serviceDir, 'service.db'));
    seedLargeCatalogue(service, { products: 1_500, seed: 11 });
    suppliers = listSuppliers(service);
    products = productsChangedAfter(service, 0, 10_000);
    service.close();
  });
  afterAll(() => rmSync(serviceDir, { recursive: true, force: true }));

  const TOKEN = /[\p{L}\p{N}.]+/gu;
  const tokensOf = (...texts: string[]) => new Set(texts.flatMap((text) => foldForSearch(text).match(TOKEN) ?? []));

  function expected(query: CatalogQuery): string[] {
    const brand = new Map(suppliers.map((supplier) => [supplier.id, supplier.brand]));
    const words = queryWords(query.text ?? '');
    const wordIn = (word: (typeof words)[number], tokens: Set<string>) => {
      const last = [...(word.tokens.at(-1) as string)].slice(0, MAX_PREFIX).join('');
      return word.tokens.slice(0, -1).every((token) => tokens.has(token)) && [...tokens].some((token) => token.startsWith(last));
    };
    const rows = products.filter(
      (p) =>
        (!query.categories?.length || query.categories.includes(p.category)) &&
        (!query.inStockOnly || p.stock > 0) &&
        (!query.codifiedOnly || p.codified),
    );
    const name = (p: Product) => tokensOf(p.name);
    const all = (p: Product) => tokensOf(p.name, p.sku, brand.get(p.supplierId) ?? '', specSearchText(p.specs));
    const matches = rows.filter((p) =>
      words.every((word) => wordIn(word, all(p)) || (word.tokens.length === 1 && categoriesMatching(word.tokens[0] as string).includes(p.category))),
    );
    // No searchable word at all: the list as browsed, in name order.
    if (words.length === 0) return matches.map((p, n) => ({ p, n, key: nameSortKey(p.name) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.n - b.n)).map(({ p }) => p.id);
    const first = matches.filter((p) => words.every((word) => wordIn(word, name(p))));
    return [...first, ...matches.filter((p) => !first.includes(p))].map((p) => p.id);
  }

  it('finds exactly what the rules say, in relevance order, for words taken from the catalogue', () => {
    const db = catalogueStore();
    upsertSuppliers(db, suppliers);
    upsertProducts(db, products);
    const vocabulary = [...new Set(products.flatMap((p) => [p.name, ...(p.specs.videoBands ?? []), p.specs.camera ?? ''].join(' ').split(/\s+/u)))].filter(Boolean);
    const prefix = fc.tuple(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 12 })).map(([word, length]) => [...word].slice(0, length).join(''));
    const category = fc.constantFrom(...productCategories) as fc.Arbitrary<ProductCategory>;
    fc.assert(
      fc.property(
        fc.array(prefix, { minLength: 1, maxLength: 3 }),
        fc.record({ categories: fc.option(fc.array(category, { maxLength: 2 }), { nil: undefined }), inStockOnly: fc.boolean(), codifiedOnly: fc.boolean() }),
        (words, filters) => {
          const query: CatalogQuery = { text: words.join(' '), ...filters };
          catalogueChanged(db);
          const ids: string[] = [];
          for (let offset = 0; ; offset += 200) {
            const page = search(db, { ...query, offset, limit: 200 });
            ids.push(...page.items.map((item) => item.id));
            if (page.items.length < 200) break;
          }
          expect(ids).toEqual(expected(query));
          expect(search(db, { ...query, limit: 1 }).total).toBe(ids.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
