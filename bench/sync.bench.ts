/**
 * The first sync of a new laptop, over loopback, into the encrypted store:
 * 20 000 products (scripts/seed-large.ts's generator) and 5 000 order
 * lines (signed, committed orders of the officer's unit). Three processes,
 * so that every figure is the client's: the reference service, seeded, in
 * one (support/sync-service.ts); the laptop in another (support/
 * sync-laptop.ts), its core and pull worker bundled as the app runs them
 * (support/bundle.ts); this one only starts them and, afterwards, times the
 * raw insert. Run: npx tsx bench/sync.bench.ts. Prints only `#` and
 * `bench` lines.
 *
 * The laptop is enrolled as the officer would enrol it; its first sync
 * starts by itself the moment enrolment is done (as on a real laptop), and
 * is timed from then until the status says it has finished.
 *
 * Figures:
 *   sync.first_ms               wall time of the first sync (target < 3000)
 *   sync.first.rows_per_s       rows received and applied per second during it
 *   sync.raw_insert.rows_per_s  the same rows (makers, products, orders) written in ONE transaction into a fresh
 *                               encrypted store of the same schema, through the same appliers' SQL (FTS index
 *                               included), no network, no paging, no checks
 *   sync.first.ratio_to_raw     first.rows_per_s / raw_insert.rows_per_s (target ≥ 0.5)
 *   sync.noop.round_trips       requests of a sync with nothing new (target 1)
 *   sync.noop.bytes             request + answer payload (bodies) of that sync (target < 1024)
 *   sync.max_stall_ms           largest event-loop stall of the laptop's main thread (which serves the UI in the
 *                               app) during the first sync (target ≤ 50)
 *   sync.first.peak_rss_mb      peak resident memory of the laptop process (pull worker included) during the first
 *                               sync (target ≤ 250)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCatalogAppliers } from '../src-main/core/catalog/appliers';
import { orderApplier } from '../src-main/core/orders/order-applier';
import { openStore } from '../src-main/core/store';
import { dataPaths } from '../src-server/paths';
import { listSuppliers, productsChangedAfter } from '../src-server/store/catalogue';
import { openDatabase } from '../src-server/store/database';
import { listOrders } from '../src-server/store/orders';
import { bundleForBench, fileUrl } from './support/bundle';
import { ORDER_LINES, PRODUCTS } from './support/sync-seed';
import type { SyncLaptopFigures, SyncLaptopJob, SyncServiceReady } from './support/sync-protocol';

/** Starts a child and resolves with its first line that is not a `#` comment (those are passed on). */
function startChild(args: string[], stdin: 'pipe' | 'ignore'): { child: ChildProcess; answer: Promise<string> } {
  const child = spawn(process.execPath, args, { stdio: [stdin, 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const answer = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.at(-2) ?? args[0]} exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('#')) console.log(line);
      else resolve(line);
    });
  });
  return { child, answer };
}

/** Raw bulk insert: the same rows, one transaction, the same appliers' SQL, a fresh encrypted store. */
function rawInsert(serviceDir: string, file: string): { rows: number; ms: number } {
  const serviceDb = openDatabase(dataPaths(serviceDir).database);
  let suppliers;
  let products;
  let orders;
  try {
    suppliers = listSuppliers(serviceDb);
    products = productsChangedAfter(serviceDb, 0, 1_000_000);
    orders = listOrders(serviceDb);
  } finally {
    serviceDb.close();
  }
  const store = openStore(file, randomBytes(32));
  try {
    const appliers = new Map(createCatalogAppliers().map((applier) => [applier.entity, applier]));
    const supplier = appliers.get('supplier')!;
    const product = appliers.get('product')!;
    const started = performance.now();
    store.db.transaction(() => {
      for (const row of suppliers) supplier.upsert(store.db, row.id, row);
      for (const row of products) product.upsert(store.db, row.id, row);
      for (const row of orders) orderApplier.upsert(store.db, row.id, row);
    })();
    return { rows: suppliers.length + products.length + orders.length, ms: performance.now() - started };
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'qm-bench-sync-'));
  const serviceDir = join(root, 'service');
  let service: ChildProcess | undefined;
  try {
    const bundles = bundleForBench();
    const started = startChild(['--import', 'tsx', join(import.meta.dirname, 'support/sync-service.ts'), serviceDir], 'pipe');
    service = started.child;
    const ready = JSON.parse(await started.answer) as SyncServiceReady;

    const job: SyncLaptopJob = { url: ready.url, officer: ready.officer, dataDir: join(root, 'laptop'), workerUrl: fileUrl(bundles['pull-worker']) };
    const laptop = startChild([bundles['sync-laptop'], JSON.stringify(job)], 'ignore');
    const figures = JSON.parse(await laptop.answer) as SyncLaptopFigures;

    mkdirSync(join(root, 'raw'));
    const raw = rawInsert(serviceDir, join(root, 'raw', 'raw.db'));

    const rows = ready.rows;
    const firstRate = rows / (figures.firstMs / 1000);
    const rawRate = raw.rows / (raw.ms / 1000);
    console.log(
      `# first sync: ${rows} rows (${PRODUCTS} products, their makers, the orders holding ${ORDER_LINES} lines) in ${figures.pulls} pulls, over loopback, service in a process of its own`,
    );
    console.log(`bench sync.first_ms ${figures.firstMs.toFixed(0)} ms`);
    console.log(`bench sync.first.rows_per_s ${firstRate.toFixed(0)} rows/s`);
    console.log(`# raw insert: ${raw.rows} rows in one transaction through the appliers' SQL (FTS5 index included) into a fresh encrypted store, ${raw.ms.toFixed(0)} ms`);
    console.log(`bench sync.raw_insert.rows_per_s ${rawRate.toFixed(0)} rows/s`);
    console.log(`bench sync.first.ratio_to_raw ${(firstRate / rawRate).toFixed(2)} ratio`);
    console.log(`bench sync.noop.round_trips ${figures.noop.requests} requests`);
    console.log(`# no-op sync on the wire with HTTP headers and the bearer token: ${figures.noop.wire} bytes`);
    console.log(`bench sync.noop.bytes ${figures.noop.payload} bytes`);
    console.log(`bench sync.max_stall_ms ${figures.stallMs.toFixed(1)} ms`);
    console.log(`bench sync.first.peak_rss_mb ${(figures.peakRssBytes / 1024 / 1024).toFixed(0)} MB`);
    // The status counts every row of the first sync, the demo hromadas and the unit's budget included.
    if (figures.received !== null && figures.received < rows) console.log(`# note: the status counted only ${figures.received} rows received`);
  } finally {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service?.once('exit', resolve));
      service.stdin?.end();
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
