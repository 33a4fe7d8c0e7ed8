import type { AppNotification } from '@shared/api/contract';
import type { Budget, Hromada, Product, Supplier, Watch } from '@shared/service/catalogue';
import type { SyncEntity } from '@shared/sync/changes';
import type { EntityApplier } from '../sync/applier';
import type { Db } from '../store/db';
import { facetTokens } from './facets';
import { specSearchText } from './specs';
import { catalogueChanged } from './counts';
import { cached } from './statements';
import { foldForSearch, nameSortKey } from './text';
import { overlayWatch, PENDING_WATCH_SQL, type ConfirmedWatch } from './watch';

/**
 * How pulled catalogue, reference, budget and watch rows reach the store
 * (migration 0004). The sync engine calls these inside the page's
 * transaction.
 *
 * Validation: the appliers TRUST their `data`. The engine has already parsed
 * every page against its scope's schema (src-shared/sync/changes.ts, built
 * from the shared row schemas), and parsing 20 000 products a second time
 * would cost a sizeable share of the first-sync budget. What the database
 * itself enforces (CHECKs, NOT NULL, STRICT types) still stops a bad row.
 */

export interface CatalogApplierOptions {
  /** Local time of applying, for a budget's `asOf` (its row carries no service time). Default: the system clock. */
  now?: () => string;
}

const SQL = {
  supplierBrand: 'SELECT brand FROM suppliers WHERE id = ?',
  upsertSupplier: `INSERT INTO suppliers (id, name, brand, edrpou, city, change_seq) VALUES (@id, @name, @brand, @edrpou, @city, @changeSeq)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, brand = excluded.brand, edrpou = excluded.edrpou, city = excluded.city,
    change_seq = excluded.change_seq`,
  deleteSupplier: 'DELETE FROM suppliers WHERE id = ?',
  clearSuppliers: 'DELETE FROM suppliers',
  supplierProducts: 'SELECT rid FROM products WHERE supplier_id = ? AND active = 1',

  oldProduct: `SELECT p.rid, p.name, p.sku, p.category, p.supplier_id, p.price_kopiykas, p.stock, p.codified, p.active, d.specs
    FROM products p LEFT JOIN product_details d ON d.rid = p.rid WHERE p.id = ?`,
  indexSource: `SELECT p.name, p.sku, p.category, p.stock, p.codified, p.active, coalesce(s.brand, '') AS maker, d.specs
    FROM products p LEFT JOIN product_details d ON d.rid = p.rid LEFT JOIN suppliers s ON s.id = p.supplier_id WHERE p.rid = ?`,
  insertProduct: `INSERT INTO products (id, supplier_id, sku, name, name_key, category, price_kopiykas, e_points_price, stock, lead_time_days,
    codified, active, change_seq) VALUES (@id, @supplierId, @sku, @name, @nameKey, @category, @priceKopiykas, @ePointsPrice, @stock,
    @leadTimeDays, @codified, @active, @changeSeq)`,
  updateProduct: `UPDATE products SET supplier_id = @supplierId, sku = @sku, name = @name, name_key = @nameKey, category = @category,
    price_kopiykas = @priceKopiykas, e_points_price = @ePointsPrice, stock = @stock, lead_time_days = @leadTimeDays, codified = @codified,
    active = @active, change_seq = @changeSeq WHERE id = @id`,
  upsertDetails: `INSERT INTO product_details (rid, description, specs) VALUES (?, ?, ?)
    ON CONFLICT (rid) DO UPDATE SET description = excluded.description, specs = excluded.specs`,
  deleteProduct: 'DELETE FROM products WHERE rid = ?',
  clearDetails: 'DELETE FROM product_details',
  clearProducts: 'DELETE FROM products',
  index: 'INSERT INTO product_search (rowid, name, sku, maker, specs, facets) VALUES (?, ?, ?, ?, ?, ?)',
  indexName: 'INSERT INTO product_names (rowid, name, facets) VALUES (?, ?, ?)',
  unindex: 'DELETE FROM product_search WHERE rowid = ?',
  unindexName: 'DELETE FROM product_names WHERE rowid = ?',
  clearIndex: "INSERT INTO product_search (product_search) VALUES ('delete-all')",
  clearNames: "INSERT INTO product_names (product_names) VALUES ('delete-all')",
  watchOf: `SELECT w.restock, w.price, ${PENDING_WATCH_SQL} AS pending FROM (SELECT ? AS id) p LEFT JOIN watches w ON w.product_id = p.id`,

  upsertHromada: `INSERT INTO hromadas (code, name, raion_code, raion_name, oblast_code, oblast_name, change_seq)
    VALUES (@code, @name, @raionCode, @raionName, @oblastCode, @oblastName, @changeSeq)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, raion_code = excluded.raion_code, raion_name = excluded.raion_name,
    oblast_code = excluded.oblast_code, oblast_name = excluded.oblast_name, change_seq = excluded.change_seq`,
  deleteHromada: 'DELETE FROM hromadas WHERE code = ?',
  clearHromadas: 'DELETE FROM hromadas',

  upsertBudget: `INSERT INTO budgets (id, unit_id, year, guaranteed_kopiykas, performance_kopiykas, committed_kopiykas, spent_kopiykas, e_points,
    change_seq, received_at) VALUES (@id, @unitId, @year, @guaranteedKopiykas, @performanceKopiykas, @committedKopiykas, @spentKopiykas,
    @ePoints, @changeSeq, @receivedAt)
    ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, year = excluded.year, guaranteed_kopiykas = excluded.guaranteed_kopiykas,
    performance_kopiykas = excluded.performance_kopiykas, committed_kopiykas = excluded.committed_kopiykas,
    spent_kopiykas = excluded.spent_kopiykas, e_points = excluded.e_points, change_seq = excluded.change_seq, received_at = excluded.received_at`,
  deleteBudget: 'DELETE FROM budgets WHERE id = ?',
  clearBudgets: 'DELETE FROM budgets',

  upsertWatch: `INSERT INTO watches (product_id, restock, price, created_at, updated_at, change_seq)
    VALUES (@productId, @restock, @price, @createdAt, @updatedAt, @changeSeq)
    ON CONFLICT (product_id) DO UPDATE SET restock = excluded.restock, price = excluded.price, created_at = excluded.created_at,
    updated_at = excluded.updated_at, change_seq = excluded.change_seq`,
  deleteWatch: 'DELETE FROM watches WHERE product_id = ?',
  clearWatches: 'DELETE FROM watches',
} as const;

interface OldProduct {
  rid: number;
  name: string;
  sku: string;
  category: Product['category'];
  supplier_id: string;
  price_kopiykas: number;
  stock: number;
  codified: number;
  active: number;
  specs: string | null;
}

type IndexedFields = Pick<Product, 'name' | 'sku' | 'category' | 'specs' | 'stock' | 'codified'>;

const bit = (value: boolean): number => (value ? 1 : 0);

/** Writes a product's index rows: the searchable columns, each folded as every query is, and its facets; its name and facets alone. */
function indexProduct(db: Db, rid: number, product: IndexedFields, maker: string): void {
  const name = foldForSearch(product.name);
  const facets = facetTokens(product);
  cached(db, SQL.index).run(rid, name, foldForSearch(product.sku), foldForSearch(maker), foldForSearch(specSearchText(product.specs)), facets);
  cached(db, SQL.indexName).run(rid, name, facets);
}

function unindexProduct(db: Db, rid: number): void {
  cached(db, SQL.unindex).run(rid);
  cached(db, SQL.unindexName).run(rid);
}

/** Re-creates the index row of the product at `rid` from what the store holds (its supplier's brand changed). */
function reindexStored(db: Db, rid: number): void {
  const row = cached(db, SQL.indexSource).get(rid) as
    | { name: string; sku: string; category: Product['category']; stock: number; codified: number; active: number; maker: string; specs: string | null }
    | undefined;
  if (!row || row.active !== 1) return;
  const specs = (row.specs === null ? {} : JSON.parse(row.specs)) as Product['specs'];
  indexProduct(db, rid, { ...row, codified: row.codified === 1, specs }, row.maker);
}

/** A supplier's brand is every one of its products' maker: re-index them when it changes (or arrives after them). */
function reindexSupplierProducts(db: Db, supplierId: string): void {
  for (const rid of cached(db, SQL.supplierProducts).pluck().all(supplierId) as number[]) {
    unindexProduct(db, rid);
    reindexStored(db, rid);
  }
}

const supplierApplier: EntityApplier = {
  entity: 'supplier',
  upsert(db, id, data) {
    const supplier = data as Supplier;
    const before = cached(db, SQL.supplierBrand).pluck().get(id) as string | undefined;
    cached(db, SQL.upsertSupplier).run({ ...supplier, id });
    if (before !== supplier.brand) reindexSupplierProducts(db, id);
  },
  remove(db, id) {
    if (cached(db, SQL.deleteSupplier).run(id).changes > 0) reindexSupplierProducts(db, id);
  },
  clear(db) {
    // Only in a reset of the catalogue scope, which clears the products too.
    cached(db, SQL.clearSuppliers).run();
  },
};

/**
 * What a watched product's change tells the officer: back in stock (0 → more)
 * for a watch with `restock`, a new price for a watch with `price`. The
 * watch is the confirmed row with pending intents over it (see
 * overlayWatch): a watch set offline counts at once, a pending removal
 * silences it. A product seen for the first time raises nothing.
 */
function productNotifications(db: Db, id: string, before: OldProduct, product: Product): AppNotification[] {
  const restocked = before.stock === 0 && product.stock > 0;
  const repriced = before.price_kopiykas !== product.priceKopiykas;
  if (!product.active || (!restocked && !repriced)) return [];
  const row = cached(db, SQL.watchOf).get(id) as (Partial<ConfirmedWatch> & { pending: string | null }) | undefined;
  const confirmed = row?.restock === null || row?.restock === undefined ? null : (row as ConfirmedWatch);
  const watch = overlayWatch(confirmed, row?.pending);
  const notifications: AppNotification[] = [];
  if (watch?.restock && restocked) {
    notifications.push({ kind: 'restock', productId: id, productName: product.name, stock: product.stock, priceKopiykas: product.priceKopiykas });
  }
  if (watch?.price && repriced) {
    notifications.push({
      kind: 'price',
      productId: id,
      productName: product.name,
      previousPriceKopiykas: before.price_kopiykas,
      priceKopiykas: product.priceKopiykas,
    });
  }
  return notifications;
}

const productApplier: EntityApplier = {
  entity: 'product',
  upsert(db, id, data) {
    const product = data as Product;
    catalogueChanged(db);
    const before = cached(db, SQL.oldProduct).get(id) as OldProduct | undefined;
    const specs = JSON.stringify(product.specs);
    const row = {
      id,
      supplierId: product.supplierId,
      sku: product.sku,
      name: product.name,
      nameKey: nameSortKey(product.name),
      category: product.category,
      priceKopiykas: product.priceKopiykas,
      ePointsPrice: product.ePointsPrice,
      stock: product.stock,
      leadTimeDays: product.leadTimeDays,
      codified: bit(product.codified),
      active: bit(product.active),
      changeSeq: product.changeSeq,
    };

    let rid: number;
    if (before) {
      rid = before.rid;
      cached(db, SQL.updateProduct).run(row);
    } else {
      rid = Number(cached(db, SQL.insertProduct).run(row).lastInsertRowid);
    }
    cached(db, SQL.upsertDetails).run(rid, product.description, specs);

    // The index row changes only when what it holds does: a price update, or a stock one that stays above zero, leaves it alone.
    const wasIndexed = before?.active === 1;
    const indexChanged =
      !before ||
      before.name !== product.name ||
      before.sku !== product.sku ||
      before.category !== product.category ||
      before.supplier_id !== product.supplierId ||
      before.codified !== row.codified ||
      before.stock > 0 !== product.stock > 0 ||
      before.specs !== specs;
    if (wasIndexed && (!product.active || indexChanged)) unindexProduct(db, rid);
    if (product.active && (!wasIndexed || indexChanged)) {
      const maker = (cached(db, SQL.supplierBrand).pluck().get(product.supplierId) as string | undefined) ?? '';
      indexProduct(db, rid, product, maker);
    }
    return before ? productNotifications(db, id, before, product) : undefined;
  },
  remove(db, id) {
    catalogueChanged(db);
    const before = cached(db, SQL.oldProduct).get(id) as OldProduct | undefined;
    if (!before) return;
    if (before.active === 1) unindexProduct(db, before.rid);
    // product_details goes with it (ON DELETE CASCADE).
    cached(db, SQL.deleteProduct).run(before.rid);
  },
  clear(db) {
    catalogueChanged(db);
    cached(db, SQL.clearIndex).run();
    cached(db, SQL.clearNames).run();
    cached(db, SQL.clearDetails).run();
    cached(db, SQL.clearProducts).run();
  },
};

const hromadaApplier: EntityApplier = {
  entity: 'hromada',
  upsert(db, id, data) {
    cached(db, SQL.upsertHromada).run({ ...(data as Hromada), code: id });
  },
  remove(db, id) {
    cached(db, SQL.deleteHromada).run(id);
  },
  clear(db) {
    cached(db, SQL.clearHromadas).run();
  },
};

function budgetApplier(now: () => string): EntityApplier {
  return {
    entity: 'budget',
    upsert(db, id, data) {
      cached(db, SQL.upsertBudget).run({ ...(data as Budget), id, receivedAt: now() });
    },
    remove(db, id) {
      cached(db, SQL.deleteBudget).run(id);
    },
    clear(db) {
      cached(db, SQL.clearBudgets).run();
    },
  };
}

const watchApplier: EntityApplier = {
  entity: 'watch',
  upsert(db, id, data) {
    const watch = data as Watch;
    cached(db, SQL.upsertWatch).run({
      productId: id,
      restock: bit(watch.notify.restock),
      price: bit(watch.notify.price),
      createdAt: watch.createdAt,
      updatedAt: watch.updatedAt,
      changeSeq: watch.changeSeq,
    });
  },
  remove(db, id) {
    cached(db, SQL.deleteWatch).run(id);
  },
  clear(db) {
    cached(db, SQL.clearWatches).run();
  },
};

export function createCatalogAppliers(options: CatalogApplierOptions = {}): EntityApplier[] {
  const now = options.now ?? (() => new Date().toISOString());
  return [supplierApplier, productApplier, hromadaApplier, budgetApplier(now), watchApplier];
}

/** The appliers of supplier, product, hromada, budget and watch, for the sync engine's table. */
export const catalogAppliers: EntityApplier[] = createCatalogAppliers();

export const catalogEntities: readonly SyncEntity[] = catalogAppliers.map((applier) => applier.entity);
