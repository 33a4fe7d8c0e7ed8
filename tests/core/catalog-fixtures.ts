import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogQuerySchema, type CatalogQuery } from '@shared/api/contract';
import { BudgetSchema, ProductSchema, SupplierSchema, WatchSchema, type Budget, type Product, type Supplier, type Watch } from '@shared/service/catalogue';
import type { SyncEntity } from '@shared/sync/changes';
import { DEMO_PRODUCTS, demoProductRow } from '../../src-server/demo/products';
import { DEMO_SUPPLIERS } from '../../src-server/demo/suppliers';
import { catalogAppliers } from '../../src-main/core/catalog/appliers';
import { searchCatalog, type CatalogPage } from '../../src-main/core/catalog/search';
import { openStore, type Db, type Store } from '../../src-main/core/store';
import type { EntityApplier } from '../../src-main/core/sync/applier';
import { markRejected } from '../../src-main/core/sync/outbox-repo';
import { queueIntent } from '../../src-main/core/sync/queue';
import { tempDataDir } from './support/fixtures';

/**
 * The catalogue tests' world: a real encrypted store with every app
 * migration, the demo catalogue of the reference service (its makers and
 * products, in the contract's shapes, checked against the shared schemas)
 * written through the appliers the sync engine calls.
 */

/** A stable UUID (v7 layout) per fixture row, so tests can name rows. */
export const fixtureId = (kind: number, n: number): string =>
  `0197a000-0000-7${kind.toString(16).padStart(3, '0')}-8000-${n.toString(16).padStart(12, '0')}`;

export const SUPPLIERS: Supplier[] = DEMO_SUPPLIERS.map((demo, index) =>
  SupplierSchema.parse({ id: fixtureId(1, index + 1), name: demo.name, brand: demo.brand, edrpou: demo.edrpou, city: demo.city, changeSeq: index + 1 }),
);

const supplierId = new Map(DEMO_SUPPLIERS.map((demo, index) => [demo.key, SUPPLIERS[index]!.id]));

export const PRODUCTS: Product[] = DEMO_PRODUCTS.map((demo, index) =>
  ProductSchema.parse({
    ...demoProductRow(demo, { id: fixtureId(2, index + 1), supplierId: supplierId.get(demo.supplier) as string }),
    changeSeq: 100 + index,
  }),
);

export function product(name: string): Product {
  const found = PRODUCTS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No demo product named ${name}`);
  return found;
}

export function supplierOf(item: Product): Supplier {
  return SUPPLIERS.find((supplier) => supplier.id === item.supplierId)!;
}

export const UNIT_ID = fixtureId(3, 1);

export function budget(year: number, figures: Partial<Budget> = {}): Budget {
  return BudgetSchema.parse({
    unitId: UNIT_ID,
    year,
    guaranteedKopiykas: 50_000_000_00,
    performanceKopiykas: 20_000_000_00,
    committedKopiykas: 0,
    spentKopiykas: 0,
    ePoints: 1_200,
    changeSeq: 1,
    ...figures,
  });
}

export function watch(productId: string, notify: { restock: boolean; price: boolean }): Watch {
  return WatchSchema.parse({ productId, notify, createdAt: '2025-01-10T08:00:00.000Z', updatedAt: '2025-01-10T08:00:00.000Z', changeSeq: 7 });
}

const appliers = new Map(catalogAppliers.map((applier) => [applier.entity, applier]));

export function applier(entity: SyncEntity): EntityApplier {
  const found = appliers.get(entity);
  if (!found) throw new Error(`No applier for ${entity}`);
  return found;
}

/** Applies upserts in one transaction, as the engine applies a page; returns the notifications raised. */
export function upsert(db: Db, entity: SyncEntity, rows: ReadonlyArray<{ id: string; data: unknown }>) {
  return db.transaction(() => rows.flatMap((row) => applier(entity).upsert(db, row.id, row.data) ?? []))();
}

export function upsertProducts(db: Db, products: readonly Product[]) {
  return upsert(
    db,
    'product',
    products.map((row) => ({ id: row.id, data: row })),
  );
}

export function upsertSuppliers(db: Db, suppliers: readonly Supplier[]): void {
  upsert(
    db,
    'supplier',
    suppliers.map((row) => ({ id: row.id, data: row })),
  );
}

/** The demo catalogue, makers first. */
export function loadDemoCatalogue(db: Db): void {
  upsertSuppliers(db, SUPPLIERS);
  upsertProducts(db, PRODUCTS);
}

const stores: Store[] = [];

/** A fresh encrypted store at the app's latest schema. */
export function catalogueStore(): Db {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true });
  const store = openStore(join(dir, 'quartermaster.db'), randomBytes(32));
  stores.push(store);
  return store.db;
}

export function closeCatalogueStores(): void {
  for (const store of stores.splice(0)) store.close();
}

/** catalogSearch as the handler runs it (the request parsed by the contract, defaults applied). */
export function search(db: Db, query: CatalogQuery = {}): CatalogPage {
  return searchCatalog(db, CatalogQuerySchema.parse(query));
}

export function names(page: CatalogPage): string[] {
  return page.items.map((item) => item.name);
}

/** Every name a query finds, across windows. */
export function allNames(db: Db, query: CatalogQuery): string[] {
  const found: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = search(db, { ...query, offset, limit: 500 });
    found.push(...names(page));
    if (page.items.length < 500) return found;
  }
}

/** Queues a watch intent in the outbox as the watchSet / watchRemove handlers do. */
export function queueWatchSet(db: Db, productId: string, notify: { restock: boolean; price: boolean }, now = Date.UTC(2025, 0, 15)): string {
  return queueIntent(db, 'watch.set', { productId, notify }, now).id;
}

export function queueWatchRemove(db: Db, productId: string, now = Date.UTC(2025, 0, 15)): string {
  return queueIntent(db, 'watch.remove', { productId }, now).id;
}

/** The service refused an intent: it moves to "needs attention" and stops counting as pending. */
export function rejectIntent(db: Db, intentId: string): void {
  markRejected(db, intentId, { code: 'watch.product_withdrawn', message: 'The product has been withdrawn' }, '2025-01-15T10:00:00.000Z');
}
