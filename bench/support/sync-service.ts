/**
 * The sync benchmark's service side, in a process of its own: seeds a data
 * directory with 20 000 products and the orders of 5 000 lines, then serves
 * it, with a pass-through proxy in front that counts requests and bytes (so
 * the no-op sync is measured on the wire without the proxy's work landing
 * in the measured process). Prints one JSON line (SyncServiceReady) when it
 * serves; ends when its stdin closes.
 * Run by bench/sync.bench.ts: node --import tsx bench/support/sync-service.ts DIR
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadOrCreateAuthority } from '../../src-server/ca/authority';
import { DEMO_HROMADA_SOURCE, DEMO_HROMADAS } from '../../src-server/demo/hromadas';
import { seedLargeCatalogue } from '../../src-server/demo/large';
import { seedLargeOrders } from '../../src-server/demo/large-orders';
import { dataPaths } from '../../src-server/paths';
import { issueEnrolmentCode } from '../../src-server/provisioning/enrolment-codes';
import { addPerson } from '../../src-server/provisioning/persons';
import { addUnit } from '../../src-server/provisioning/units';
import { startService } from '../../src-server/service';
import { openDatabase } from '../../src-server/store/database';
import { upsertHromada } from '../../src-server/store/hromadas';
import type { Officer, SyncServiceReady } from './sync-protocol';
import { ORDER_LINES, PRODUCTS } from './sync-seed';

const quiet = { info: () => {}, warn: (message: string) => console.log(`# warn: ${message}`), error: (message: string, detail?: unknown) => console.error(`# ${message}`, detail ?? '') };

/** The proxy answers GET /__bench/counters and POST /__bench/reset itself. */
async function serve(dataDir: string): Promise<void> {
  const seeded = await seed(dataDir);
  const service = await startService({ dataDir, host: '127.0.0.1', port: 0, log: quiet });
  const proxy = await countingProxy(service.url);
  const ready: SyncServiceReady = { url: proxy.url, ...seeded };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void proxy
      .close()
      .then(() => service.close())
      .then(() => process.exit(0));
  });
}

async function seed(serviceDir: string): Promise<{ officer: Officer; rows: number }> {
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


await serve(process.argv[2] ?? '');
