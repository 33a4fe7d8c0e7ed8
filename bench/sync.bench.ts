/**
 * The first sync of a new laptop, over loopback, into the encrypted store:
 * 20 000 products (scripts/seed-large.ts's generator) and 5 000 order
 * lines (signed, committed orders of the officer's unit) from a reference
 * service running in a child process, so every figure here is the client's.
 * The pull worker runs bundled, as in the app (support/built-pull-worker.ts).
 * Run: npx tsx bench/sync.bench.ts. Prints only `#` and `bench` lines.
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
 *   sync.max_stall_ms           largest event-loop stall of this process's main thread (which serves the UI in the
 *                               app) during the first sync (target ≤ 50)
 *   sync.first.peak_rss_mb      peak resident memory of this process (pull worker included) during the first sync
 *                               (target ≤ 250)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generate } from 'otplib';
import type { CoreEvent, SyncStatus } from '@shared/api/contract';
import { createCore } from '../src-main/core/create-core';
import { createCatalogAppliers } from '../src-main/core/catalog/appliers';
import { orderApplier } from '../src-main/core/orders/order-applier';
import { openStore } from '../src-main/core/store';
import { loadOrCreateAuthority } from '../src-server/ca/authority';
import { DEMO_HROMADA_SOURCE, DEMO_HROMADAS } from '../src-server/demo/hromadas';
import { seedLargeCatalogue } from '../src-server/demo/large';
import { seedLargeOrders } from '../src-server/demo/large-orders';
import { dataPaths } from '../src-server/paths';
import { issueEnrolmentCode } from '../src-server/provisioning/enrolment-codes';
import { addPerson } from '../src-server/provisioning/persons';
import { addUnit } from '../src-server/provisioning/units';
import { startService } from '../src-server/service';
import { listSuppliers, productsChangedAfter } from '../src-server/store/catalogue';
import { openDatabase } from '../src-server/store/database';
import { upsertHromada } from '../src-server/store/hromadas';
import { listOrders } from '../src-server/store/orders';
import { buildPullWorker } from './support/built-pull-worker';

const PRODUCTS = 20_000;
const ORDER_LINES = 5_000;
const PASSPHRASE = 'Тиха ніч над Дніпром 1943';
const quiet = { info: () => {}, warn: (message: string, detail?: unknown) => console.log(`# warn: ${message}${detail === undefined ? '' : `: ${String(detail)}`}`), error: (message: string, detail?: unknown) => console.error(`# ${message}`, detail ?? '') };

/**
 * The child: the reference service, and in front of it a pass-through proxy
 * that counts requests and bytes (so the no-op sync is measured on the wire
 * without the proxy's work landing in the measured process). The proxy
 * answers GET /__bench/counters and POST /__bench/reset itself.
 */
async function serveChild(dataDir: string): Promise<void> {
  const seeded = await seed(dataDir);
  const service = await startService({ dataDir, host: '127.0.0.1', port: 0, log: quiet });
  const proxy = await countingProxy(service.url);
  const ready: ChildReady = { url: proxy.url, ...seeded };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void proxy
      .close()
      .then(() => service.close())
      .then(() => process.exit(0));
  });
}

/** What the child tells once it has seeded and serves: where, and as whom the laptop enrols. */
interface ChildReady {
  url: string;
  officer: Officer;
  rows: number;
}

/** The service with its data, in a child process: seeding 20 000 products must not weigh on this process's memory. */
async function startChildService(dataDir: string): Promise<ChildReady & { child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--service', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('#')) console.log(line);
      else resolve(JSON.parse(line) as ChildReady);
    });
  });
  return { ...ready, child };
}

interface Counters {
  requests: string[];
  payload: number;
  wire: number;
}

async function control(url: string, method: 'GET' | 'POST', path: string): Promise<Counters> {
  const response = await fetch(`${url}${path}`, { method });
  return (await response.json()) as Counters;
}

interface Officer {
  username: string;
  password: string;
  totpSecret: string;
  enrolmentCode: string;
}

async function seed(serviceDir: string): Promise<Omit<ChildReady, 'url'>> {
  const db = openDatabase(dataPaths(serviceDir).database);
  const now = () => Date.now();
  try {
    const report = seedLargeCatalogue(db, { products: PRODUCTS });
    console.log(`# seeded ${report.products} products from ${report.suppliers} makers in ${report.ms} ms`);
    for (const hromada of DEMO_HROMADAS) upsertHromada(db, hromada, DEMO_HROMADA_SOURCE);
    addUnit(db, now, { name: 'Бригада А1234', number: 'А1234', tier: 1 });
    const added = await addPerson(db, now, { unit: 'А1234', fullName: 'Коваленко Олена', username: 'bench-sync', roles: ['orderer'] });
    const authority = await loadOrCreateAuthority(dataPaths(serviceDir), now());
    const orders = seedLargeOrders(db, { unitNumber: 'А1234', lines: ORDER_LINES, authority, now: now() });
    console.log(`# seeded ${orders.orders} signed, committed orders of the unit with ${orders.lines} lines in ${orders.ms} ms`);
    const code = issueEnrolmentCode(db, now, { username: 'bench-sync' });
    return {
      officer: { username: 'bench-sync', password: added.password, totpSecret: added.totpSecret, enrolmentCode: code.code },
      rows: report.products + report.suppliers + orders.orders,
    };
  } finally {
    db.close();
  }
}

/** A pass-through proxy that counts requests and body bytes, so the no-op sync is measured on the wire. */
async function countingProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const requests: string[] = [];
  let payload = 0;
  const sockets = new Set<Socket>();
  const controlSockets = new WeakSet<Socket>();
  let base = new WeakMap<Socket, number>();
  let closed = 0;
  const target = new URL(upstream);
  const wire = () => closed + [...sockets].filter((s) => !controlSockets.has(s)).reduce((sum, s) => sum + s.bytesRead + s.bytesWritten - (base.get(s) ?? 0), 0);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/__bench/')) {
      controlSockets.add(req.socket);
      if (req.url === '/__bench/reset') {
        requests.length = 0;
        payload = 0;
        closed = 0;
        base = new WeakMap();
        for (const socket of sockets) base.set(socket, socket.bytesRead + socket.bytesWritten);
      }
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ requests, payload, wire: wire() }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push(`${req.method} ${req.url}`);
      payload += body.length;
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
      const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          payload += chunk.length;
          res.write(chunk);
        });
        answer.on('end', () => res.end());
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (!controlSockets.has(socket)) closed += socket.bytesRead + socket.bytesWritten - (base.get(socket) ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  let child: ChildProcess | undefined;
  try {
    const started = await startChildService(serviceDir);
    child = started.child;
    const { url, officer, rows: expectedRows } = started;

    const pullWorkerScript = buildPullWorker();
    const core = createCore({ dataDir: join(root, 'laptop'), appVersion: 'bench', log: quiet, pullWorkerScript });
    const call = async (method: string, payload: unknown) => {
      const envelope = await core.dispatch(method, payload);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
      return envelope.data;
    };

    // The first sync starts by itself when enrolment is done; it is over when a status says so.
    let syncStarted = 0;
    let last: SyncStatus | undefined;
    let resolveDone: (status: SyncStatus) => void = () => {};
    const done = new Promise<SyncStatus>((resolve) => (resolveDone = resolve));
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    let peakRss = 0;
    let rssTimer: NodeJS.Timeout | undefined;
    let maxGap = 0;
    core.onEvent((event: CoreEvent) => {
      if (event.type === 'enrolment' && event.step === 'done') {
        syncStarted = performance.now();
        histogram.enable();
        let tick = performance.now();
        rssTimer = setInterval(() => {
          const now = performance.now();
          maxGap = Math.max(maxGap, now - tick - 5);
          tick = now;
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
        }, 5);
      }
      if (event.type === 'sync') {
        last = event.status;
        if (syncStarted > 0 && !event.status.syncing && (event.status.lastSyncAt !== null || event.status.lastError !== null)) resolveDone(event.status);
      }
    });

    const totp = await generate({ secret: officer.totpSecret, epoch: Math.floor(Date.now() / 1000) });
    await call('enrolmentLogin', { serviceUrl: url, username: officer.username, password: officer.password, enrolmentCode: officer.enrolmentCode, totp });
    await call('enrolmentComplete', { passphrase: PASSPHRASE });
    const status = await done;
    const firstMs = performance.now() - syncStarted;
    histogram.disable();
    clearInterval(rssTimer);
    if (status.lastError) throw new Error(`the first sync failed: ${status.lastError.code}: ${status.lastError.message}`);
    const received = last?.firstSync?.received ?? expectedRows;
    const pulls = (await control(url, 'GET', '/__bench/counters')).requests.filter((r) => r.includes('/v1/sync/pull')).length;
    const stallMs = Math.max(maxGap, histogram.max / 1e6 - 5);

    // A sync with nothing new.
    await control(url, 'POST', '/__bench/reset');
    await call('syncNow', {});
    const noop = await control(url, 'GET', '/__bench/counters');
    const noopRequests = noop.requests.length;
    const noopPayload = noop.payload;
    const noopWire = noop.wire;

    await core.close();

    mkdirSync(join(root, 'raw'));
    const raw = rawInsert(serviceDir, join(root, 'raw', 'raw.db'));

    const firstRate = expectedRows / (firstMs / 1000);
    const rawRate = raw.rows / (raw.ms / 1000);
    console.log(
      `# first sync: ${expectedRows} rows (${PRODUCTS} products, their makers, the orders holding ${ORDER_LINES} lines) in ${pulls} pulls, over loopback, service in a child process`,
    );
    console.log(`bench sync.first_ms ${firstMs.toFixed(0)} ms`);
    console.log(`bench sync.first.rows_per_s ${firstRate.toFixed(0)} rows/s`);
    console.log(`# raw insert: ${raw.rows} rows in one transaction through the catalogue appliers' SQL (FTS5 index included) into a fresh encrypted store, ${raw.ms.toFixed(0)} ms`);
    console.log(`bench sync.raw_insert.rows_per_s ${rawRate.toFixed(0)} rows/s`);
    console.log(`bench sync.first.ratio_to_raw ${(firstRate / rawRate).toFixed(2)} ratio`);
    console.log(`bench sync.noop.round_trips ${noopRequests} requests`);
    console.log(`# no-op sync on the wire with HTTP headers and the bearer token: ${noopWire} bytes`);
    console.log(`bench sync.noop.bytes ${noopPayload} bytes`);
    console.log(`bench sync.max_stall_ms ${stallMs.toFixed(1)} ms`);
    console.log(`bench sync.first.peak_rss_mb ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
    if (received !== expectedRows) console.log(`# note: the status counted ${received} rows received`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.stdin?.end();
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--service') await serveChild(process.argv[3] ?? '');
else await main();
