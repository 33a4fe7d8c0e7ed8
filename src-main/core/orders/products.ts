import type { FundingSource } from '@shared/service/orders';
import { AppError } from '@shared/api/errors';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/** What ordering needs to know of a product, as the local catalogue holds it now. */
export interface CatalogueProduct {
  id: string;
  name: string;
  sku: string;
  category: string;
  supplierId: string;
  /** Empty until the supplier's row has arrived (a product may be pulled before its supplier). */
  supplierName: string;
  supplierBrand: string;
  priceKopiykas: number;
  ePointsPrice: number | null;
  stock: number;
  leadTimeDays: number | null;
  active: boolean;
}

const PRODUCT_SQL = `SELECT p.id, p.name, p.sku, p.category, p.supplier_id AS supplierId, coalesce(s.name, '') AS supplierName,
    coalesce(s.brand, '') AS supplierBrand, p.price_kopiykas AS priceKopiykas, p.e_points_price AS ePointsPrice, p.stock,
    p.lead_time_days AS leadTimeDays, p.active
  FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id WHERE p.id = ?`;

export function readCatalogueProduct(db: Db, id: string): CatalogueProduct | undefined {
  const row = cached(db, PRODUCT_SQL).get(id) as (Omit<CatalogueProduct, 'active'> & { active: number }) | undefined;
  return row ? { ...row, active: row.active === 1 } : undefined;
}

/** A product that can go into a cart or a draft now: known to the catalogue and not withdrawn. */
export function requireOrderableProduct(db: Db, id: string): CatalogueProduct {
  const product = readCatalogueProduct(db, id);
  if (!product) throw new AppError('catalog.unknown_product', `The local catalogue holds no product ${id}`, { id });
  if (!product.active) throw new AppError('cart.product_withdrawn', `${product.name} has been withdrawn from the catalogue`, { productId: id, name: product.name });
  return product;
}

/** A unit's price in the line's funding: kopiykas for money, points for e-points (refused where the product has no e-points price). */
export function unitPriceOf(product: CatalogueProduct, funding: FundingSource): number {
  if (funding === 'money') return product.priceKopiykas;
  if (product.ePointsPrice === null) {
    throw new AppError('cart.no_e_points_price', `${product.name} cannot be paid with e-points`, { productId: product.id, name: product.name });
  }
  return product.ePointsPrice;
}
