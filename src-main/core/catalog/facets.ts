import type { ProductCategory } from '@shared/api/contract';
import type { Product } from '@shared/service/catalogue';

/**
 * The filter tokens of the full-text indexes (migration 0004). They start
 * with '_', which no query word can contain (text.ts folds it away), so only
 * search.ts ever asks for them. Short on purpose: the indexes keep prefixes
 * of every token, and a long facet token would add a posting per prefix
 * length to every product.
 */
export const IN_STOCK_FACET = '_st';
export const CODIFIED_FACET = '_cd';
export const CATEGORY_FACETS: Readonly<Record<ProductCategory, string>> = {
  fpv_strike: '_fs',
  recon_quadcopter: '_rq',
  fixed_wing_recon: '_fw',
  heavy_bomber: '_hb',
  interceptor: '_in',
  ew: '_ew',
  ground_robot: '_gr',
  component: '_co',
};

/** A product's facets: its category, and whether it is in stock and codified. */
export function facetTokens(product: Pick<Product, 'stock' | 'codified' | 'category'>): string {
  return `${CATEGORY_FACETS[product.category]}${product.stock > 0 ? ` ${IN_STOCK_FACET}` : ''}${product.codified ? ` ${CODIFIED_FACET}` : ''}`;
}

/** A facet as an FTS5 term. */
export const facetTerm = (token: string): string => `"${token}"`;
