import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AdminTokenCheck, loadOrCreateAdminToken } from './auth/admin-token';
import { DEFAULT_THROTTLE_POLICY, LoginThrottle, type ThrottlePolicy } from './auth/throttle';
import { loadOrCreateTokenKey } from './auth/token-key';
import { TokenSigner } from './auth/tokens';
import { loadOrCreateAuthority } from './ca/authority';
import { systemClock, type Clock } from './clock';
import type { ServiceContext, ServiceLog } from './context';
import { demoLogins, type DemoLogin } from './demo/logins';
import { OrganisationKeyring } from './documents/keyring';
import { seedDemo } from './demo/seed';
import { createHandlers } from './handlers';
import { buildApp } from './http/app';
import { dataPaths, DEFAULT_DATA_DIR } from './paths';
import { openDatabase } from './store/database';
import { DAY_MS, DEFAULT_TOMBSTONE_RETENTION_DAYS, sweepSyncHistory } from './sync/retention';
import { SERVICE_VERSION } from './version';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;

export interface ServiceOptions {
  /** Where the database, the CA and the token key live (created if absent). Default `.data/service`. */
  dataDir?: string;
  /** Default 127.0.0.1: the reference service is for loopback unless told otherwise. */
  host?: string;
  /** Default 8787; 0 picks a free port (see `url`). */
  port?: number;
  /** Seed the demo world on first start and return its logins. */
  demo?: boolean;
  /** Epoch milliseconds; tests move it to cross TOTP steps and expiries. */
  now?: Clock;
  /** Tuning of login throttling (tests lower the per-address limit). */
  throttle?: Partial<ThrottlePolicy>;
  /** Where messages go; default the console, prefixed. */
  log?: ServiceLog;
  /** Retention of sync deletes (see src-server/sync/retention.ts). */
  sync?: SyncOptions;
}

export interface SyncOptions {
  /** Days a delete stays pullable before it is purged; default 30. */
  tombstoneRetentionDays?: number;
  /** How often the retention sweep runs (it also runs at start); default hourly, 0 disables the timer. */
  sweepIntervalMs?: number;
  /**
   * Parse every pulled row back and check it against the shared schemas
   * before sending (the tests do). Off by default: rows are checked when
   * written, and a page is JSON that SQLite writes, never re-read.
   */
  checkRows?: boolean;
}

const DEFAULT_SWEEP_INTERVAL_MS = 3600_000;

export interface RunningService {
  /** Base URL, e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** SHA-256 of the CA root certificate, hex. */
  caFingerprint: string;
  /** The demo logins when started with `demo`, as they stand in this data directory. */
  demo?: DemoLogin[];
  close(): Promise<void>;
}

export const consoleLog: ServiceLog = {
  info: (message) => console.log(`[service] ${message}`),
  warn: (message) => console.warn(`[service] ${message}`),
  error: (message, detail) => console.error(`[service] ${message}`, detail ?? ''),
};

export interface ServiceApp {
  app: FastifyInstance;
  /** Every registered route as "METHOD /path". */
  routes: string[];
  caFingerprint: string;
  dataDir: string;
  demo?: DemoLogin[];
  /** Close the HTTP server (if listening) and the database. */
  close(): Promise<void>;
}

/**
 * Everything but listening: open (or create) the data directory, load (or
 * make) the CA and the token key, seed the demo when asked, and build the
 * routes. startService listens on it; tests may also inject requests.
 */
export async function createServiceApp(options: Omit<ServiceOptions, 'host' | 'port'> = {}): Promise<ServiceApp> {
  const paths = dataPaths(options.dataDir ?? DEFAULT_DATA_DIR);
  const clock = options.now ?? systemClock;
  const log = options.log ?? consoleLog;
  const db = openDatabase(paths.database);
  try {
    const ca = await loadOrCreateAuthority(paths, clock());
    const tokens = new TokenSigner(loadOrCreateTokenKey(paths.tokenKey));
    const adminToken = new AdminTokenCheck(loadOrCreateAdminToken(paths.adminToken));
    if (options.demo && (await seedDemo(db, clock))) log.info('Seeded the demo data');
    const policy: ThrottlePolicy = { ...DEFAULT_THROTTLE_POLICY, ...options.throttle };
    const ctx: ServiceContext = {
      db,
      clock,
      ca,
      tokens,
      throttle: new LoginThrottle(db, policy, clock),
      adminToken,
      keyring: new OrganisationKeyring(paths.organisationKeys, ca),
      version: SERVICE_VERSION,
      log,
      checkSyncRows: options.sync?.checkRows ?? false,
    };
    const { app, routes } = await buildApp(ctx, createHandlers(ctx));
    const retentionMs = (options.sync?.tombstoneRetentionDays ?? DEFAULT_TOMBSTONE_RETENTION_DAYS) * DAY_MS;
    const sweep = () => {
      try {
        const report = sweepSyncHistory(db, clock(), retentionMs);
        for (const [scope, purge] of Object.entries(report.scopes)) {
          log.info(`Purged ${purge.purged} ${scope} deletes older than the retention period; horizon now ${purge.horizon}`);
        }
      } catch (error) {
        log.error('The sync retention sweep failed', error);
      }
    };
    sweep();
    const interval = options.sync?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
    timer?.unref();
    let closed = false;
    return {
      app,
      routes,
      caFingerprint: ca.fingerprint,
      dataDir: paths.root,
      ...(options.demo ? { demo: demoLogins(db, clock) } : {}),
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        try {
          await app.close();
        } finally {
          db.close();
        }
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Start the reference service and listen; `close()` stops it and releases the data directory. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const service = await createServiceApp(options);
  const host = options.host ?? DEFAULT_HOST;
  try {
    await service.app.listen({ host, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await service.close();
    throw error;
  }
  const port = (service.app.server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    dataDir: service.dataDir,
    caFingerprint: service.caFingerprint,
    ...(service.demo ? { demo: service.demo } : {}),
    close: () => service.close(),
  };
}
