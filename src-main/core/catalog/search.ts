import type { z } from 'zod';
import type { CatalogQuerySchema, ProductCard } from '@shared/api/contract';
import type { Db } from '../store/db';
import { cachedCount } from './counts';
import { CATEGORY_FACETS, CODIFIED_FACET, facetTerm, IN_STOCK_FACET } from './facets';
import { cached } from './statements';
import { categoriesMatching } from './specs';
import { queryWords, type QueryWord } from './text';
import { overlayWatch, PENDING_WATCH_SQL } from './watch';

/** A catalogue query as the dispatcher hands it over (defaults applied). */
export type CatalogRequest = z.output<typeof CatalogQuerySchema>;

export interface CatalogPage {
  total: number;
  offset: number;
  items: ProductCard[];
}

/**
 * The showcase's search over active products: free text, filters, one sort,
 * a window (offset, limit) and the total.
 *
 * With text, the full-text index (migration 0004) does most of it. Every
 * word is quoted prefix terms (text.ts), all ANDed, over name, sku, maker
 * and specifications; a word that starts one of a category's words
 * («реб», «розв», «fpv») also matches that category's facet. The filters
 * are facet tokens in the same index (category, in stock, codified), so they
 * are part of the MATCH and cost no row lookups; only a price range joins
 * the products table. FTS5 returns matches in rowid order, which is
 * catalogue order (the order products first arrived), so a window in that
 * order is read straight off the index however many products match.
 * Without text, the products table's partial indexes answer (browse).
 *
 * Sorts:
 * - relevance (with text): products whose NAME matches every word first,
 *   then those matching elsewhere (sku, maker, category, specifications);
 *   catalogue order within each. Not bm25: scoring costs about a microsecond
 *   per match, and a short prefix matches thousands of products, which
 *   would take the search far past its 2 ms budget. Without text,
 *   relevance is name order.
 * - name: Ukrainian alphabetical order, numbers by value (text.ts);
 * - price_asc, price_desc, stock_desc: then name order.
 * These walk a covering index of migration 0004; with text, testing each
 * entry against the matches (cost grows with their number).
 *
 * The total is counted only when the window does not show the end of the
 * result, and kept (counts.ts) until the catalogue changes, so scrolling
 * through a result counts it once. Statements are prepared once per shape.
 */
export function searchCatalog(db: Db, query: CatalogRequest): CatalogPage {
  const words = query.text === undefined ? [] : queryWords(query.text);
  const window = { limit: query.limit, offset: query.offset };
  const { rids, total } = words.length === 0 ? browse(db, query, window) : search(db, query, words, window);
  return { total, offset: query.offset, items: readCards(db, rids) };
}

interface Window {
  limit: number;
  offset: number;
}

interface Found {
  rids: number[];
  total: number;
}

/** The total when this window shows the end of the result (it came back short and is not past the end). */
function endOfResult(rids: readonly number[], window: Window): number | undefined {
  return rids.length < window.limit && (rids.length > 0 || window.offset === 0) ? window.offset + rids.length : undefined;
}

/** ORDER BY of each sort, column for column an index of migration 0004. */
const SORT_ORDER = {
  relevance: 'p.name_key, p.rid',
  name: 'p.name_key, p.rid',
  price_asc: 'p.price_kopiykas, p.name_key, p.rid',
  price_desc: 'p.price_kopiykas DESC, p.name_key, p.rid',
  stock_desc: 'p.stock DESC, p.name_key, p.rid',
} as const;

/** The index each sort walks (migration 0004). */
const SORT_INDEX = {
  name: 'products_by_name',
  price_asc: 'products_by_price',
  price_desc: 'products_by_price_desc',
  stock_desc: 'products_by_stock',
} as const;

/** Up to this many matches, a text search in a products order sorts the matches rather than walking an index. */
const FEW_MATCHES = 300;

/** Filters as SQL over products `p` (price range with text too; the others only without text, where the index has no facets to use). */
function columnFilters(query: CatalogRequest, withFacets: boolean): { where: string[]; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (withFacets) {
    // An empty category list is "no category chosen": every category. One parameter per category: a literal list is
    // tested in the index scan, where `IN (SELECT … json_each)` would cost a probe per row.
    const categories = query.categories ?? [];
    if (categories.length > 0) {
      where.push(`p.category IN (${categories.map((_category, index) => `@category${index}`).join(', ')})`);
      categories.forEach((category, index) => (params[`category${index}`] = category));
    }
    if (query.inStockOnly) where.push('p.stock > 0');
    if (query.codifiedOnly) where.push('p.codified = 1');
  }
  if (query.priceMinKopiykas !== undefined) {
    where.push('p.price_kopiykas >= @priceMin');
    params.priceMin = query.priceMinKopiykas;
  }
  if (query.priceMaxKopiykas !== undefined) {
    where.push('p.price_kopiykas <= @priceMax');
    params.priceMax = query.priceMaxKopiykas;
  }
  return { where, params };
}

/**
 * No text: a walk of the sort's index (forced: the planner may otherwise
 * prefer a price range and a sort), stopping once the window is full and
 * looking up only the rows it passes; the count over the name index, which
 * carries every filtered column. A price or stock order with a selective
 * category, stock or codified filter (under a quarter of the catalogue)
 * would look up many rows before it found a window's worth, so it walks the
 * index against the full-text facets instead, as a text search does.
 */
function browse(db: Db, query: CatalogRequest, window: Window): Found {
  const { where, params } = columnFilters(query, true);
  const condition = ['p.active = 1', ...where].join(' AND ');
  const countSql = `SELECT count(*) FROM products p INDEXED BY products_by_name WHERE ${condition}`;
  const count = (): number => cachedCount(db, `${countSql}\u0000${JSON.stringify(params)}`, () => cached(db, countSql).pluck().get(params) as number);
  const sort = query.sort === 'relevance' ? 'name' : query.sort;
  const facets = facetTerms(query);
  if (sort !== 'name' && facets.length > 0 && count() * 4 < activeProducts(db)) {
    const price = columnFilters(query, false);
    return { rids: new FtsQueries(db, price.where, price.params).sorted(facets.join(' AND '), sort, window), total: count() };
  }
  const rids = cached(db, `SELECT p.rid FROM products p INDEXED BY ${SORT_INDEX[sort]} WHERE ${condition} ORDER BY ${SORT_ORDER[sort]} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, ...window }) as number[];
  return { rids, total: endOfResult(rids, window) ?? count() };
}

function activeProducts(db: Db): number {
  const sql = 'SELECT count(*) FROM products p INDEXED BY products_by_name WHERE p.active = 1';
  return cachedCount(db, sql, () => cached(db, sql).pluck().get() as number);
}

/** The filters as index terms: categories (any of), in stock, codified. */
function facetTerms(query: CatalogRequest): string[] {
  const terms: string[] = [];
  if (query.categories && query.categories.length > 0) {
    terms.push(`(${query.categories.map((category) => facetTerm(CATEGORY_FACETS[category])).join(' OR ')})`);
  }
  if (query.inStockOnly) terms.push(facetTerm(IN_STOCK_FACET));
  if (query.codifiedOnly) terms.push(facetTerm(CODIFIED_FACET));
  return terms;
}

/** One word anywhere: its term, or for a one-token word also the categories one of whose words it starts. */
function wordAnywhere(word: QueryWord): string {
  const categories = word.tokens.length === 1 ? categoriesMatching(word.tokens[0] as string) : [];
  return categories.length === 0 ? word.term : `(${[word.term, ...categories.map((category) => facetTerm(CATEGORY_FACETS[category]))].join(' OR ')})`;
}

/** The text: all its words, together with the filters. */
function search(db: Db, query: CatalogRequest, words: readonly QueryWord[], window: Window): Found {
  const facets = facetTerms(query);
  const anywhere = [...words.map(wordAnywhere), ...facets].join(' AND ');
  const { where, params } = columnFilters(query, false);
  const index = new FtsQueries(db, where, params);
  if (query.sort !== 'relevance') return { rids: index.sorted(anywhere, query.sort, window), total: index.count(anywhere) };
  // Relevance: "the name matches every word" (the names index) first, then the rest, each in catalogue order.
  const inName = [...words.map((word) => word.term), ...facets].join(' AND ');
  const first = index.names(inName, window);
  if (first.length === window.limit) return { rids: first, total: index.count(anywhere) };
  const firstSize = endOfResult(first, window) ?? index.namesCount(inName);
  const rest = { limit: window.limit - first.length, offset: Math.max(0, window.offset - firstSize) };
  const second = index.rest(anywhere, firstSize === 0 ? null : inName, rest);
  const restEnd = endOfResult(second, rest);
  return { rids: [...first, ...second], total: restEnd === undefined ? index.count(anywhere) : firstSize + restEnd };
}

/** Statements over the full-text indexes, joined to products only when a price range asks for it. */
class FtsQueries {
  private readonly join: string;
  private readonly filters: string;

  constructor(
    private readonly db: Db,
    filters: readonly string[],
    private readonly params: Record<string, string | number>,
  ) {
    this.join = filters.length > 0 ? ' JOIN products p ON p.rid = f.rowid' : '';
    this.filters = filters.map((filter) => ` AND ${filter}`).join('');
  }

  /** Matches of the names index, in rowid (catalogue) order. */
  names(match: string, window: Window): number[] {
    const sql = `SELECT f.rowid FROM product_names f${this.join} WHERE product_names MATCH @match${this.filters}
      ORDER BY f.rowid LIMIT @limit OFFSET @offset`;
    return this.all(sql, { match, ...window });
  }

  namesCount(match: string): number {
    return this.countOf(`SELECT count(*) FROM product_names f${this.join} WHERE product_names MATCH @match${this.filters}`, { match });
  }

  /** Matches of the full index, less those of the names index (when `names` is given), in rowid order. */
  rest(match: string, names: string | null, window: Window): number[] {
    const exclude = names === null ? '' : ' AND f.rowid NOT IN (SELECT rowid FROM product_names WHERE product_names MATCH @names)';
    const sql = `SELECT f.rowid FROM product_search f${this.join} WHERE product_search MATCH @match${exclude}${this.filters}
      ORDER BY f.rowid LIMIT @limit OFFSET @offset`;
    return this.all(sql, names === null ? { match, ...window } : { match, names, ...window });
  }

  /**
   * Matches in a products order. Few matches: each is looked up and they are
   * sorted. Many: the sort's covering index is walked and each entry tested
   * against the set of matches (a Bloom filter, then a lookup), which costs
   * about half as much per match and stops once the window is full.
   */
  sorted(match: string, sort: Exclude<CatalogRequest['sort'], 'relevance'>, window: Window): number[] {
    const sql =
      this.count(match) <= FEW_MATCHES
        ? `SELECT p.rid FROM product_search f JOIN products p ON p.rid = f.rowid WHERE product_search MATCH @match${this.filters}
           ORDER BY ${SORT_ORDER[sort]} LIMIT @limit OFFSET @offset`
        : `SELECT p.rid FROM products p INDEXED BY ${SORT_INDEX[sort]}
           WHERE p.active = 1 AND p.rid IN (SELECT rowid FROM product_search WHERE product_search MATCH @match)${this.filters}
           ORDER BY ${SORT_ORDER[sort]} LIMIT @limit OFFSET @offset`;
    return this.all(sql, { match, ...window });
  }

  count(match: string): number {
    return this.countOf(`SELECT count(*) FROM product_search f${this.join} WHERE product_search MATCH @match${this.filters}`, { match });
  }

  private all(sql: string, params: Record<string, string | number>): number[] {
    return cached(this.db, sql)
      .pluck()
      .all({ ...this.params, ...params }) as number[];
  }

  private countOf(sql: string, params: Record<string, string | number>): number {
    const all = { ...this.params, ...params };
    return cachedCount(this.db, `${sql}\u0000${JSON.stringify(all)}`, () => cached(this.db, sql).pluck().get(all) as number);
  }
}

const CARDS_SQL = `SELECT p.rid, p.id, p.name, coalesce(s.brand, '') AS maker, p.category, p.price_kopiykas, p.e_points_price, p.stock,
  p.lead_time_days, p.codified, w.restock, w.price, ${PENDING_WATCH_SQL} AS pending
  FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id LEFT JOIN watches w ON w.product_id = p.id`;

export interface CardRow {
  rid: number;
  id: string;
  name: string;
  maker: string;
  category: ProductCard['category'];
  price_kopiykas: number;
  e_points_price: number | null;
  stock: number;
  lead_time_days: number | null;
  codified: number;
  restock: number | null;
  price: number | null;
  pending: string | null;
}

export function toCard(row: CardRow): ProductCard {
  return {
    id: row.id,
    name: row.name,
    maker: row.maker,
    category: row.category,
    priceKopiykas: row.price_kopiykas,
    ePointsPrice: row.e_points_price,
    stock: row.stock,
    leadTimeDays: row.lead_time_days,
    codified: row.codified === 1,
    watch: overlayWatch(row.restock === null || row.price === null ? null : { restock: row.restock, price: row.price }, row.pending),
  };
}

/** The cards of `rids`, in that order. */
function readCards(db: Db, rids: readonly number[]): ProductCard[] {
  if (rids.length === 0) return [];
  const rows = cached(db, `${CARDS_SQL} WHERE p.rid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rids)) as CardRow[];
  const byRid = new Map(rows.map((row) => [row.rid, row]));
  return rids.flatMap((rid) => {
    const row = byRid.get(rid);
    return row ? [toCard(row)] : [];
  });
}

/** One card by product id (any product, active or not), for the product page. */
export function readCard(db: Db, id: string): CardRow | undefined {
  return cached(db, `${CARDS_SQL} WHERE p.id = ?`).get(id) as CardRow | undefined;
}
