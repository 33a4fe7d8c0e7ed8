import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock';
import { dataPaths } from '../../src-main/core/paths';
import { openStore, type Db } from '../../src-main/core/store';
import { Vault } from '../../src-main/core/vault/vault';
import { SPEC_ORDER } from '../../src-main/core/catalog/specs';
import { budget, loadDemoCatalogue, product, PRODUCTS, supplierOf, upsert } from './catalog-fixtures';
import { closeCores, copyOfVault, fails, ok, PASSPHRASE, removeTempDirs, startCore, TestLog } from './support/fixtures';

/**
 * catalogSearch, productGet and budgetGet as the UI calls them: through the
 * core's dispatch (request and response checked against the contract), over
 * the encrypted store of an unlocked vault.
 */

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

/** A vault whose database already holds what `fill` writes (as a finished sync would have left it). */
async function dataDirWith(fill: (db: Db) => void): Promise<string> {
  const dataDir = await copyOfVault();
  const paths = dataPaths(dataDir);
  const key = await new Vault({ file: paths.vault, databaseFile: paths.database, clock: systemClock, log: new TestLog() }).open(PASSPHRASE);
  const store = openStore(paths.database, key);
  key.fill(0);
  try {
    fill(store.db);
  } finally {
    store.close();
  }
  return dataDir;
}

async function unlocked(fill: (db: Db) => void = () => {}) {
  const started = startCore(await dataDirWith(fill));
  await ok(started.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  return started.core;
}

describe('the catalogue handlers', () => {
  it('search the local catalogue with the contract\'s defaults', async () => {
    const core = await unlocked(loadDemoCatalogue);
    const page = await ok(core, 'catalogSearch', {});
    expect(page.total).toBe(PRODUCTS.length);
    expect(page.offset).toBe(0);
    expect(page.items).toHaveLength(PRODUCTS.length);
    const found = await ok(core, 'catalogSearch', { text: 'оптолінк', inStockOnly: true, sort: 'price_asc', limit: 2, offset: 1 });
    const expected = PRODUCTS.filter((p) => supplierOf(p).brand === 'Оптолінк' && p.stock > 0).sort((a, b) => a.priceKopiykas - b.priceKopiykas);
    expect(found).toMatchObject({ total: expected.length, offset: 1 });
    expect(found.items.map((item) => item.name)).toEqual(expected.slice(1, 3).map((p) => p.name));
  });

  it('refuse a malformed query before it reaches the store', async () => {
    const core = await unlocked(loadDemoCatalogue);
    await fails(core, 'catalogSearch', { limit: 0 }, 'request.invalid');
    await fails(core, 'catalogSearch', { limit: 501 }, 'request.invalid');
    await fails(core, 'catalogSearch', { text: 'x'.repeat(201) }, 'request.invalid');
    await fails(core, 'catalogSearch', { sort: 'popularity' }, 'request.invalid');
    await fails(core, 'catalogSearch', { categories: ['tanks'] }, 'request.invalid');
    await fails(core, 'catalogSearch', { priceMinKopiykas: 1.5 }, 'request.invalid');
    await fails(core, 'catalogSearch', { match: 'NEAR(a b)' }, 'request.invalid');
    await fails(core, 'productGet', { id: '' }, 'request.invalid');
  });

  it('open a product page, and name an unknown product with a translated error', async () => {
    const core = await unlocked(loadDemoCatalogue);
    const item = product('Віл-500');
    const detail = await ok(core, 'productGet', { id: item.id });
    expect(detail).toMatchObject({ id: item.id, name: 'Віл-500', maker: 'Віл', sku: item.sku, supplier: { brand: 'Віл', city: 'Полтава' } });
    expect(detail.specs.map((row) => row.key)).toEqual(SPEC_ORDER.filter((key) => key in item.specs));
    expect(detail.specs.find((row) => row.key === 'drive')?.value).toBe(item.specs.drive);
    const error = await fails(core, 'productGet', { id: '0197a000-0000-7002-8000-00000000dead' }, 'catalog.unknown_product');
    expect(error.params).toEqual({ id: '0197a000-0000-7002-8000-00000000dead' });
  });

  it('show this year\'s budget (the clock says 2025), or null before one has arrived', async () => {
    const empty = await unlocked();
    expect(await ok(empty, 'budgetGet')).toBeNull();
    const core = await unlocked((db) =>
      upsert(db, 'budget', [
        { id: 'b2024', data: budget(2024) },
        { id: 'b2025', data: budget(2025, { committedKopiykas: 60_000_000_00 }) },
      ]),
    );
    const summary = await ok(core, 'budgetGet');
    expect(summary).toMatchObject({
      year: 2025,
      guaranteed: { allocated: 50_000_000_00, committed: 50_000_000_00, spent: 0, available: 0 },
      performance: { allocated: 20_000_000_00, committed: 10_000_000_00, spent: 0, available: 10_000_000_00 },
      ePoints: { balance: 1_200 },
    });
    expect(summary?.asOf).toMatch(/^\d{4}-\d\d-\d\dT/u);
  });

  it('answer nothing while the vault is locked', async () => {
    const core = await unlocked(loadDemoCatalogue);
    await ok(core, 'vaultLock');
    await fails(core, 'catalogSearch', { text: 'вежа' }, 'vault.locked');
    await fails(core, 'productGet', { id: product('Віл-500').id }, 'vault.locked');
    await fails(core, 'budgetGet', {}, 'vault.locked');
  });
});
