import { describe, expect, it } from 'vitest';
import { categoriesMatching, specRows, specSearchText, SPEC_ORDER } from '../../src-main/core/catalog/specs';
import { foldForSearch, MAX_PREFIX, MAX_QUERY_WORDS, nameSortKey, queryWords } from '../../src-main/core/catalog/text';
import { ProductSpecsSchema } from '@shared/service/catalogue';

describe('folding for search (the same on both sides of the index)', () => {
  it.each([
    ['Вежа-10 Удар', 'вежа 10 удар'],
    ['720–1020 MHz (ELRS)', '720 1020 mhz (elrs)'],
    ['Сова-П Прив’язна', 'сова п привязна'],
    ["Прив'язна", 'привязна'],
    ['Привʼязна', 'привязна'],
    ['5.8 GHz', '5.8 ghz'],
    ['5,8 ГГц', '5.8 ггц'],
    ['1.2/3.3/5.8 ГГц', '1.2/3.3/5.8 ггц'],
    ['т.д., кінець.', 'т д   кінець '],
    ['Ґрунт, Їжак', 'грунт  іжак'],
    ['РЭБ ёлка ы ъ', 'реб елка и '],
    ['snake_case', 'snake case'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('composes before folding: a decomposed й or ї is folded like the composed one', () => {
    expect(foldForSearch('Ї'.normalize('NFD'))).toBe('і');
    expect(foldForSearch('ударний'.normalize('NFD'))).toBe('ударний');
  });
});

describe('query words', () => {
  it('quotes every token, the last one of a word as a prefix, and drops what is not a letter or digit', () => {
    expect(queryWords('  Вежа-10   5,8 роз’єм ')).toEqual([
      { tokens: ['вежа', '10'], term: '("вежа" AND "10"*)' },
      { tokens: ['5.8'], term: '"5.8"*' },
      { tokens: ['розєм'], term: '"розєм"*' },
    ]);
  });

  it.each(['"', '""', '*', 'AND OR *', 'NEAR(', 'NEAR(a b, 3)', '{name} : x', '^розв', '-fpv', '(', ')', ':', '"розв', 'a"b', '\u0000', '🙂', '—', "'", '.', '5.', '_st', '_fs'])(
    'turns %j into quoted words only',
    (text) => {
      for (const word of queryWords(text)) {
        expect(word.term).toMatch(/^\(?"[\p{L}\p{N}.]+"\*?( AND "[\p{L}\p{N}.]+"\*?)*\)?$/u);
        // No facet token can be asked for by typing it.
        expect(word.tokens.every((token) => !token.startsWith('_'))).toBe(true);
      }
    },
  );

  it('keeps operators as plain words, once each, and at most MAX_QUERY_WORDS of them', () => {
    expect(queryWords('AND or NOT near').map((word) => word.term)).toEqual(['"and"*', '"or"*', '"not"*', '"near"*']);
    expect(queryWords('fpv FPV Fpv')).toHaveLength(1);
    expect(queryWords(Array.from({ length: 40 }, (_v, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_WORDS);
    expect(queryWords('   ')).toEqual([]);
  });

  it(`matches a long word by its first ${MAX_PREFIX} characters (the longest prefix the index keeps)`, () => {
    expect(queryWords('тепловізійний')).toEqual([{ tokens: ['тепловізійний'], term: '"тепловіз"*' }]);
    expect(queryWords('ВО-тепловізійний')[0]?.term).toBe('("во" AND "тепловіз"*)');
  });
});

describe('the name sort key', () => {
  const sorted = (names: string[]) => [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0));

  it('orders Ukrainian names by the Ukrainian alphabet, Cyrillic before Latin', () => {
    expect(sorted(['Mavic 3', 'Їжак', 'Ірис', 'Иволга', 'Єва', 'Ера', 'Ґрунт', 'Гора', 'Вежа', 'Антена'])).toEqual([
      'Антена',
      'Вежа',
      'Гора',
      'Ґрунт',
      'Ера',
      'Єва',
      'Иволга',
      'Ірис',
      'Їжак',
      'Mavic 3',
    ]);
  });

  it('orders numbers by value, ignores case, apostrophes and punctuation, and puts a shorter name first', () => {
    expect(sorted(['Вежа-13 Важкий', 'Вежа-10 Удар', 'Вежа-7 Удар', 'вежа-10 Нічний', 'Вежа'])).toEqual(['Вежа', 'Вежа-7 Удар', 'вежа-10 Нічний', 'Вежа-10 Удар', 'Вежа-13 Важкий']);
    expect(nameSortKey('Сова-П Прив’язна')).toBe(nameSortKey("сова п прив'язна"));
    expect(nameSortKey('Café')).toBe(nameSortKey('cafe'));
    expect(sorted(['АКБ 12000', 'АКБ 4500', 'АКБ 007'])).toEqual(['АКБ 007', 'АКБ 4500', 'АКБ 12000']);
  });

  it('agrees with the Ukrainian collation on the demo catalogue', async () => {
    const { DEMO_PRODUCTS } = await import('../../src-server/demo/products');
    const names = DEMO_PRODUCTS.map((product) => product.name);
    // The one difference by design: a hyphen is a word gap like a space («ВО-10» and «ВО 10» sort together).
    const collator = new Intl.Collator('uk', { numeric: true, sensitivity: 'base' });
    const spaced = (name: string) => name.replace(/-/gu, ' ');
    expect(sorted(names)).toEqual([...names].sort((a, b) => collator.compare(spaced(a), spaced(b))));
  });
});

describe('specifications', () => {
  it('lists rows in the shared schema order, whatever order the object has', () => {
    expect(SPEC_ORDER).toEqual(Object.keys(ProductSpecsSchema.shape));
    expect(specRows({ weightKg: 1.6, camera: 'CMOS 1500TVL', frameSizeInch: 10, controlBands: ['720–1020 MHz (перестроювана)'], thermalCamera: false })).toEqual([
      { key: 'controlBands', value: ['720–1020 MHz (перестроювана)'] },
      { key: 'camera', value: 'CMOS 1500TVL' },
      { key: 'thermalCamera', value: false },
      { key: 'frameSizeInch', value: 10 },
      { key: 'weightKg', value: 1.6 },
    ]);
  });

  it('puts the searchable values into the index text, codes as words in both languages', () => {
    const text = foldForSearch(
      specSearchText({ controlBands: ['720–1020 MHz (ELRS)'], videoLink: 'fibre_optic', camera: 'тепловізор 640×512', thermalCamera: true, frameSizeInch: 10, rangeKm: 12, drive: 'tracked' }),
    );
    for (const word of ['720', '1020', 'elrs', 'оптоволокно', 'fibre', 'тепловізор', 'thermal', '10', 'гусеничний']) expect(text.split(/[^\p{L}\p{N}.]+/u)).toContain(word);
    // Figures nobody types (range, weight, speed) stay out.
    expect(text.split(/[^\p{L}\p{N}.]+/u)).not.toContain('12');
  });

  it('names the categories a word starts', () => {
    expect(categoriesMatching('реб')).toEqual(['ew']);
    expect(categoriesMatching('розв').sort()).toEqual(['fixed_wing_recon', 'recon_quadcopter']);
    expect(categoriesMatching('нрк')).toEqual(['ground_robot']);
    expect(categoriesMatching('перехоп')).toEqual(['interceptor']);
    expect(categoriesMatching('zzz')).toEqual([]);
  });
});
