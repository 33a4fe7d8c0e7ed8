/**
 * Showcase search over 20 000 products in the encrypted store (issue 4:
 * `search.p50_ms`, `search.p95_ms`; target p95 ≤ 2 ms in the core).
 *
 * The catalogue is the reference service's synthetic one (src-server/demo/large.ts:
 * Ukrainian and Latin names, makers and specifications), written into a real
 * encrypted store through the appliers the sync engine calls, in pages of
 * 2 000 rows per transaction as a first sync does.
 *
 * The headline figures are the officer typing: each prefix as it grows
 * ("f", "fp", "fpv", "р" … "розвід"), the examples ("5.8", "оптово",
 * "ELRS", "рэб"/"РЕБ", "mav") and two-word queries, sorted by relevance, the
 * first window of 100 cards, each call COLD (no total remembered from an
 * earlier call: every keystroke is a new query). Each call is the whole of
 * what the catalogSearch handler does inside the store: the window, the
 * count, the cards with maker and watch overlay.
 *
 * `#` lines give the rest: filters and sorts combined with text, browsing
 * without text, scrolling (later windows of a query whose total is
 * remembered), and every query's own figures; and CPU time beside wall time,
 * because on a busy machine wall time also measures the neighbours.
 *
 * Run: npx tsx bench/search.bench.ts. Prints only `#` and `bench` lines.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogQuerySchema, type CatalogQuery } from '@shared/api/contract';
import { catalogAppliers } from '../src-main/core/catalog/appliers';
import { catalogueChanged } from '../src-main/core/catalog/counts';
import { searchCatalog } from '../src-main/core/catalog/search';
import { openStore, type Db } from '../src-main/core/store';
import { seedLargeCatalogue } from '../src-server/demo/large';
import { listSuppliers, productsChangedAfter } from '../src-server/store/catalogue';
import { openDatabase } from '../src-server/store/database';

const PRODUCTS = 20_000;
const PAGE = 2_000;
const ROUNDS = 40;

const TYPED = ['f', 'fp', 'fpv', 'р', 'ро', 'роз', 'розв', 'розвід', 'mav', 'оптово', 'ELRS', 'рэб', 'РЕБ', '5.8', '5.8 ghz', 'тепло', 'тепловізор'];
const TWO_WORDS = ['fpv 10', 'вежа 10', 'акб 6s', 'сокіл удар', 'hornet strike', 'розв термо', 'ВО-10', 'роз’єм', 'АКБ 12000'];

const GROUPS: Record<string, { queries: CatalogQuery[]; cold: boolean }> = {
  typing: { queries: [...TYPED, ...TWO_WORDS].map((text) => ({ text })), cold: true },
  'text with filters and sorts': {
    queries: [
      { text: 'fpv', inStockOnly: true, codifiedOnly: true },
      { text: 'розв', categories: ['recon_quadcopter'] },
      { text: 'fpv', sort: 'price_asc' },
      { text: 'р', sort: 'stock_desc', inStockOnly: true },
      { text: 'тепло', categories: ['fpv_strike', 'recon_quadcopter'], priceMaxKopiykas: 5_000_000 },
      { text: 'акб', sort: 'name' },
    ],
    cold: true,
  },
  browse: {
    queries: [
      {},
      { sort: 'price_desc' },
      { categories: ['ew'] },
      { categories: ['ew'], sort: 'price_asc' },
      { inStockOnly: true, codifiedOnly: true, sort: 'stock_desc' },
      { priceMinKopiykas: 1_000_000, priceMaxKopiykas: 10_000_000 },
    ],
    cold: true,
  },
  scrolling: {
    queries: [1, 10, 30, 60].flatMap((page) => [
      { text: 'fpv', offset: page * 100 },
      { text: 'р', offset: page * 100 },
      { offset: page * 100 },
      { sort: 'price_asc', offset: page * 100 },
    ]),
    cold: false,
  },
};

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const fixed = (ms: number): string => ms.toFixed(3);

function fill(db: Db): void {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-search-service-'));
  try {
    // The service's synthetic catalogue, read back in the contract's shapes.
    const service = openDatabase(join(dir, 'service.db'));
    const seeded = seedLargeCatalogue(service, { products: PRODUCTS, seed: 4 });
    const suppliers = listSuppliers(service);
    const products = productsChangedAfter(service, 0, PRODUCTS * 2);
    service.close();

    const byEntity = new Map(catalogAppliers.map((applier) => [applier.entity, applier]));
    const supplier = byEntity.get('supplier')!;
    const product = byEntity.get('product')!;
    const started = performance.now();
    db.transaction(() => {
      for (const row of suppliers) supplier.upsert(db, row.id, row);
    })();
    for (let from = 0; from < products.length; from += PAGE) {
      db.transaction(() => {
        for (const row of products.slice(from, from + PAGE)) product.upsert(db, row.id, row);
      })();
    }
    const ms = performance.now() - started;
    console.log(`# ${products.length} products of ${seeded.suppliers} makers applied through the appliers in ${ms.toFixed(0)} ms (${Math.round(products.length / (ms / 1000))} rows/s, pages of ${PAGE})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Timing {
  wall: number[];
  cpu: number[];
}

function measure(db: Db, queries: readonly CatalogQuery[], cold: boolean): Timing[] {
  const parsed = queries.map((query) => CatalogQuerySchema.parse(query));
  // Warm-up: each shape compiled once and the page cache filled, as after the first keystrokes.
  for (const query of parsed) searchCatalog(db, query);
  const timings = parsed.map((): Timing => ({ wall: [], cpu: [] }));
  for (let round = 0; round < ROUNDS; round += 1) {
    parsed.forEach((query, index) => {
      if (cold) catalogueChanged(db);
      const cpu = process.cpuUsage();
      const start = performance.now();
      searchCatalog(db, query);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      timings[index]!.wall.push(wall);
      timings[index]!.cpu.push((used.user + used.system) / 1000);
    });
  }
  return timings;
}

function summary(values: number[]): { p50: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-search-'));
  try {
    const store = openStore(join(dir, 'quartermaster.db'), randomBytes(32));
    const { db } = store;
    fill(db);

    let headline: { wall: number[]; cpu: number[] } | undefined;
    for (const [group, { queries, cold }] of Object.entries(GROUPS)) {
      const timings = measure(db, queries, cold);
      timings.forEach((timing, index) => {
        const wall = summary(timing.wall);
        const cpu = summary(timing.cpu);
        const { total } = searchCatalog(db, CatalogQuerySchema.parse(queries[index]));
        console.log(`#   ${JSON.stringify(queries[index])} total ${total}: p50 ${fixed(wall.p50)} ms, p95 ${fixed(wall.p95)} ms (cpu p95 ${fixed(cpu.p95)} ms)`);
      });
      const wall = summary(timings.flatMap((timing) => timing.wall));
      const cpu = summary(timings.flatMap((timing) => timing.cpu));
      console.log(
        `# ${group}${cold ? ' (cold)' : ' (total remembered)'}: ${queries.length} queries × ${ROUNDS}: p50 ${fixed(wall.p50)} ms, p95 ${fixed(wall.p95)} ms; cpu p50 ${fixed(cpu.p50)} ms, p95 ${fixed(cpu.p95)} ms`,
      );
      if (group === 'typing') headline = { wall: timings.flatMap((timing) => timing.wall), cpu: timings.flatMap((timing) => timing.cpu) };
    }
    const wall = summary(headline!.wall);
    console.log(`bench search.p50_ms ${fixed(wall.p50)} ms`);
    console.log(`bench search.p95_ms ${fixed(wall.p95)} ms`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
