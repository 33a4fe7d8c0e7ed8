import type { FundingSource } from '@shared/service/orders';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';
import type { CatalogueProduct } from './products';

/**
 * The cart's rows (migration 0005), read together with what the catalogue
 * says of each product now. The line's own copy of the product (name, sku,
 * supplier, prices) stands in only where the catalogue no longer holds it.
 */

export interface CartRow {
  productId: string;
  position: number;
  quantity: number;
  funding: FundingSource;
  addedAt: string;
  /** The catalogue's values where it still holds the product, else the line's copy. */
  name: string;
  sku: string;
  category: string;
  supplierId: string;
  supplierName: string;
  supplierBrand: string;
  /** Null where the catalogue no longer holds the product (or holds it withdrawn). */
  live: { priceKopiykas: number; ePointsPrice: number | null; stock: number; leadTimeDays: number | null } | null;
  /** The line's copy of the prices, for a withdrawn product. */
  savedPriceKopiykas: number;
  savedEPointsPrice: number | null;
}

interface JoinedRow {
  product_id: string;
  position: number;
  quantity: number;
  funding: FundingSource;
  added_at: string;
  name: string;
  sku: string;
  category: string;
  supplier_id: string;
  supplier_name: string;
  supplier_brand: string;
  saved_price: number;
  saved_e_points: number | null;
  live: number;
  price_kopiykas: number | null;
  e_points_price: number | null;
  stock: number | null;
  lead_time_days: number | null;
}

const CART_SQL = `SELECT c.product_id, c.position, c.quantity, c.funding, c.added_at,
    coalesce(p.name, c.name) AS name, coalesce(p.sku, c.sku) AS sku, coalesce(p.category, c.category) AS category,
    coalesce(p.supplier_id, c.supplier_id) AS supplier_id,
    coalesce(nullif(s.name, ''), c.supplier_name) AS supplier_name, coalesce(nullif(s.brand, ''), c.supplier_brand) AS supplier_brand,
    c.price_kopiykas AS saved_price, c.e_points_price AS saved_e_points,
    coalesce(p.active, 0) AS live, p.price_kopiykas, p.e_points_price, p.stock, p.lead_time_days
  FROM cart_lines c
  LEFT JOIN products p ON p.id = c.product_id
  LEFT JOIN suppliers s ON s.id = coalesce(p.supplier_id, c.supplier_id)`;

function toCartRow(row: JoinedRow): CartRow {
  return {
    productId: row.product_id,
    position: row.position,
    quantity: row.quantity,
    funding: row.funding,
    addedAt: row.added_at,
    name: row.name,
    sku: row.sku,
    category: row.category,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    supplierBrand: row.supplier_brand,
    live:
      row.live === 1
        ? { priceKopiykas: row.price_kopiykas as number, ePointsPrice: row.e_points_price, stock: row.stock as number, leadTimeDays: row.lead_time_days }
        : null,
    savedPriceKopiykas: row.saved_price,
    savedEPointsPrice: row.saved_e_points,
  };
}

/** Every line, in the order they were first added. */
export function readCartRows(db: Db): CartRow[] {
  return (cached(db, `${CART_SQL} ORDER BY c.position`).all() as JoinedRow[]).map(toCartRow);
}

export function readCartRow(db: Db, productId: string): CartRow | undefined {
  const row = cached(db, `${CART_SQL} WHERE c.product_id = ?`).get(productId) as JoinedRow | undefined;
  return row ? toCartRow(row) : undefined;
}

const UPSERT_SQL = `INSERT INTO cart_lines (product_id, position, quantity, funding, name, sku, category, supplier_id, supplier_name,
    supplier_brand, price_kopiykas, e_points_price, added_at, updated_at)
  VALUES (@productId, (SELECT coalesce(max(position), 0) + 1 FROM cart_lines), @quantity, @funding, @name, @sku, @category, @supplierId,
    @supplierName, @supplierBrand, @priceKopiykas, @ePointsPrice, @now, @now)
  ON CONFLICT (product_id) DO UPDATE SET quantity = excluded.quantity, funding = excluded.funding, name = excluded.name, sku = excluded.sku,
    category = excluded.category, supplier_id = excluded.supplier_id, supplier_name = excluded.supplier_name,
    supplier_brand = excluded.supplier_brand, price_kopiykas = excluded.price_kopiykas, e_points_price = excluded.e_points_price,
    updated_at = excluded.updated_at`;

/** Writes a line (keeping its place and when it was added), with a fresh copy of the product as the catalogue holds it. */
export function writeCartLine(db: Db, product: CatalogueProduct, quantity: number, funding: FundingSource, now: string): void {
  cached(db, UPSERT_SQL).run({
    productId: product.id,
    quantity,
    funding,
    name: product.name,
    sku: product.sku,
    category: product.category,
    supplierId: product.supplierId,
    supplierName: product.supplierName,
    supplierBrand: product.supplierBrand,
    priceKopiykas: product.priceKopiykas,
    ePointsPrice: product.ePointsPrice,
    now,
  });
}

export function deleteCartLine(db: Db, productId: string): void {
  cached(db, 'DELETE FROM cart_lines WHERE product_id = ?').run(productId);
}

export function clearCartLines(db: Db): void {
  cached(db, 'DELETE FROM cart_lines').run();
}
