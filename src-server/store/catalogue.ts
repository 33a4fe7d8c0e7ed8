import type { Product, Supplier } from '@shared/service/catalogue';
import type { Db } from './database';
import { cachedStatement } from './statements';

/** Rows go in without change_seq: the triggers assign it (see migration 001). */
export type NewSupplier = Omit<Supplier, 'changeSeq'>;
export type NewProduct = Omit<Product, 'changeSeq'>;

export function insertSupplier(db: Db, supplier: NewSupplier): void {
  db.prepare('INSERT INTO suppliers (id, name, brand, edrpou, city) VALUES (?, ?, ?, ?, ?)').run(
    supplier.id,
    supplier.name,
    supplier.brand,
    supplier.edrpou,
    supplier.city,
  );
}

export function insertProduct(db: Db, product: NewProduct): void {
  cachedStatement(
    db,
    `INSERT INTO products (id, supplier_id, sku, name, category, description, specs, price_kopiykas, e_points_price,
       stock, lead_time_days, codified, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    product.id,
    product.supplierId,
    product.sku,
    product.name,
    product.category,
    product.description,
    JSON.stringify(product.specs),
    product.priceKopiykas,
    product.ePointsPrice,
    product.stock,
    product.leadTimeDays,
    product.codified ? 1 : 0,
    product.active ? 1 : 0,
  );
}

export interface ProductRow {
  id: string;
  supplier_id: string;
  sku: string;
  name: string;
  category: Product['category'];
  description: string;
  specs: string;
  price_kopiykas: number;
  e_points_price: number | null;
  stock: number;
  lead_time_days: number | null;
  codified: number;
  active: number;
  change_seq: number;
  withdrawn_at: number | null;
}

export function productFromRow(row: ProductRow): Product {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    description: row.description,
    specs: JSON.parse(row.specs) as Product['specs'],
    priceKopiykas: row.price_kopiykas,
    ePointsPrice: row.e_points_price,
    stock: row.stock,
    leadTimeDays: row.lead_time_days,
    codified: row.codified === 1,
    active: row.active === 1,
    changeSeq: row.change_seq,
  };
}

export interface SupplierRow {
  id: string;
  name: string;
  brand: string;
  edrpou: string;
  city: string;
  change_seq: number;
}

export function supplierFromRow(row: SupplierRow): Supplier {
  return { id: row.id, name: row.name, brand: row.brand, edrpou: row.edrpou, city: row.city, changeSeq: row.change_seq };
}

/** A page of products changed after `afterSeq`, in change order (withdrawn ones included, active = false). */
export function productsChangedAfter(db: Db, afterSeq: number, limit: number): Product[] {
  const rows = db.prepare('SELECT * FROM products WHERE change_seq > ? ORDER BY change_seq LIMIT ?').all(afterSeq, limit) as ProductRow[];
  return rows.map(productFromRow);
}

export function listSuppliers(db: Db): Supplier[] {
  return (db.prepare('SELECT * FROM suppliers ORDER BY name').all() as SupplierRow[]).map(supplierFromRow);
}

/** A supplier by id, or by ЄДРПОУ as the operator may type it. */
export function findSupplier(db: Db, idOrEdrpou: string): Supplier | undefined {
  const row = db.prepare('SELECT * FROM suppliers WHERE id = ? OR edrpou = ? ORDER BY id LIMIT 1').get(idOrEdrpou, idOrEdrpou) as SupplierRow | undefined;
  return row && supplierFromRow(row);
}

export function findProduct(db: Db, id: string): (Product & { withdrawnAt: number | null }) | undefined {
  const row = db.prepare('SELECT * FROM products WHERE id = ?').get(id) as ProductRow | undefined;
  return row && { ...productFromRow(row), withdrawnAt: row.withdrawn_at };
}

export interface ProductListing {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: string;
  priceKopiykas: number;
  stock: number;
  leadTimeDays: number | null;
  active: boolean;
  changeSeq: number;
}

/** Products for the operator: optionally of one category, or whose name, SKU or maker contains `search` (any case, any script). */
export function listProducts(db: Db, filter: { category?: string; search?: string; limit?: number } = {}): ProductListing[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.sku, p.name, s.brand, p.category, p.price_kopiykas, p.stock, p.lead_time_days, p.active, p.change_seq
       FROM products p JOIN suppliers s ON s.id = p.supplier_id
       ${filter.category === undefined ? '' : 'WHERE p.category = ?'} ORDER BY p.category, p.name`,
    )
    .all(...(filter.category === undefined ? [] : [filter.category])) as Array<{
    id: string;
    sku: string;
    name: string;
    brand: string;
    category: string;
    price_kopiykas: number;
    stock: number;
    lead_time_days: number | null;
    active: number;
    change_seq: number;
  }>;
  // SQLite's lower() folds ASCII only; the catalogue is mostly Cyrillic.
  const needle = filter.search?.trim().toLocaleLowerCase('uk');
  const matching = needle ? rows.filter((row) => [row.name, row.sku, row.brand].some((text) => text.toLocaleLowerCase('uk').includes(needle))) : rows;
  return matching.slice(0, filter.limit ?? 1000).map((row) => ({
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    category: row.category,
    priceKopiykas: row.price_kopiykas,
    stock: row.stock,
    leadTimeDays: row.lead_time_days,
    active: row.active === 1,
    changeSeq: row.change_seq,
  }));
}

/** Each write bumps the product's change_seq (trigger), so the change reaches every client on its next pull. */
export function updateProductPrice(db: Db, id: string, priceKopiykas: number): void {
  db.prepare('UPDATE products SET price_kopiykas = ? WHERE id = ?').run(priceKopiykas, id);
}

export function updateProductStock(db: Db, id: string, stock: number, leadTimeDays: number | null): void {
  db.prepare('UPDATE products SET stock = ?, lead_time_days = ? WHERE id = ?').run(stock, leadTimeDays, id);
}

/** The row stays (orders name it); sync serves it as a delete from now on. */
export function markProductWithdrawn(db: Db, id: string, at: number): boolean {
  return db.prepare('UPDATE products SET active = 0, withdrawn_at = ? WHERE id = ? AND active = 1').run(at, id).changes === 1;
}
