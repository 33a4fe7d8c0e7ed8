import type { Product } from '@shared/service/catalogue';
import { KopiykasSchema } from '@shared/service/catalogue';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { findProduct, markProductWithdrawn, updateProductPrice, updateProductStock } from '../store/catalogue';
import { ProvisioningError } from './errors';

/**
 * The agency's and suppliers' changes to the catalogue, shared by the admin
 * command line and tests. Every one bumps the product's change_seq, so it
 * reaches every laptop exactly once on its next pull; a withdrawal reaches
 * them as a delete.
 */

type StoredProduct = NonNullable<ReturnType<typeof findProduct>>;

function requireActiveProduct(db: Db, id: string): StoredProduct {
  const product = findProduct(db, id.trim());
  if (!product) throw new ProvisioningError(`No product ${id}; see "product list"`);
  if (!product.active) throw new ProvisioningError(`Product ${product.sku} (${product.id}) has been withdrawn`);
  return product;
}

function reread(db: Db, id: string): Product {
  const product = findProduct(db, id);
  if (!product) throw new Error(`Product ${id} cannot be read back`);
  const { withdrawnAt: _withdrawnAt, ...rest } = product;
  return rest;
}

export function setProductPrice(db: Db, id: string, priceKopiykas: number): Product {
  if (!KopiykasSchema.safeParse(priceKopiykas).success || priceKopiykas <= 0) {
    throw new ProvisioningError('The price must be a positive whole number of kopiykas');
  }
  return db.transaction(() => {
    const product = requireActiveProduct(db, id);
    if (product.priceKopiykas !== priceKopiykas) updateProductPrice(db, product.id, priceKopiykas);
    return reread(db, product.id);
  })();
}

/**
 * Set the stock. An item out of stock is offered for pre-order and needs a
 * lead time: the one given, else the one it has.
 */
export function setProductStock(db: Db, id: string, stock: number, leadTimeDays?: number): Product {
  if (!Number.isInteger(stock) || stock < 0) throw new ProvisioningError('The stock must be a whole number, 0 or more');
  if (leadTimeDays !== undefined && (!Number.isInteger(leadTimeDays) || leadTimeDays <= 0)) {
    throw new ProvisioningError('The lead time must be a whole number of days, 1 or more');
  }
  return db.transaction(() => {
    const product = requireActiveProduct(db, id);
    const lead = leadTimeDays ?? product.leadTimeDays;
    if (stock === 0 && lead === null) throw new ProvisioningError(`Product ${product.sku} has no lead time: give one for pre-orders (--lead-days)`);
    if (product.stock !== stock || product.leadTimeDays !== lead) updateProductStock(db, product.id, stock, lead);
    return reread(db, product.id);
  })();
}

/** Withdraw a product from the catalogue: kept for the orders that name it, gone from every laptop on its next pull. */
export function withdrawProduct(db: Db, clock: Clock, id: string): Product {
  return db.transaction(() => {
    const product = requireActiveProduct(db, id);
    markProductWithdrawn(db, product.id, clock());
    return reread(db, product.id);
  })();
}

/** "14 800", "14800.5", "14 800,50" → kopiykas; null when it is not an amount of hryvnias. */
export function parseUah(text: string): number | null {
  const compact = text.replace(/[\s_\u00a0\u202f]/gu, '').replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/u.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
