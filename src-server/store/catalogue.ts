import type { Product, Supplier } from '@shared/service/catalogue';
import type { Db } from './database';

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
  db.prepare(
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

interface ProductRow {
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
}

/** A page of products changed after `afterSeq`, in change order: the shape sync will serve. */
export function productsChangedAfter(db: Db, afterSeq: number, limit: number): Product[] {
  const rows = db.prepare('SELECT * FROM products WHERE change_seq > ? ORDER BY change_seq LIMIT ?').all(afterSeq, limit) as ProductRow[];
  return rows.map((row) => ({
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
  }));
}

export function listSuppliers(db: Db): Supplier[] {
  const rows = db.prepare('SELECT * FROM suppliers ORDER BY name').all() as Array<Omit<Supplier, 'changeSeq'> & { change_seq: number }>;
  return rows.map(({ change_seq, ...rest }) => ({ ...rest, changeSeq: change_seq }));
}
