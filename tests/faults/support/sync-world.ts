import type { Identity } from '@shared/api/contract';
import { openStore, type Db as LocalDb } from '../../../src-main/core/store';
import { dataPaths as localPaths } from '../../../src-main/core/paths';
import { systemClock } from '../../../src-main/core/clock';
import { Vault } from '../../../src-main/core/vault/vault';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_HROMADAS, DEMO_HROMADA_SOURCE } from '../../../src-server/demo/hromadas';
import { DEMO_PRODUCTS, demoProductRow } from '../../../src-server/demo/products';
import { DEMO_SUPPLIERS } from '../../../src-server/demo/suppliers';
import { insertBudget } from '../../../src-server/store/budgets';
import { insertProduct, insertSupplier } from '../../../src-server/store/catalogue';
import { upsertHromada } from '../../../src-server/store/hromadas';
import { findUnitByNumber } from '../../../src-server/store/units';
import { dataPaths } from '../../../src-server/paths';
import { openDatabase, type Db } from '../../../src-server/store/database';
import { ok, PASSPHRASE, TestLog, type ExtraCoreOptions, type TestCore } from '../../core/support/fixtures';
import { startEnrolmentCore } from '../../core/support/enrolment';
import { loginRequest, TestService, type Officer } from '../../support/service';
import { FaultProxy } from './fault-proxy';

/**
 * A real reference service on loopback with the demo catalogue, a fault
 * proxy in front of it, and client cores enrolled THROUGH the proxy (so
 * every request they make, sync included, passes it).
 */
export interface SyncWorld {
  service: TestService;
  proxy: FaultProxy;
  close(): Promise<void>;
}

export async function startWorld(): Promise<SyncWorld> {
  const service = await TestService.start();
  withServiceDb(service, seedCatalogue);
  const proxy = await FaultProxy.start(() => service.url);
  return {
    service,
    proxy,
    async close() {
      await proxy.close();
      await service.close();
    },
  };
}

/**
 * The demo catalogue (suppliers, products, hromadas) as seedDemo writes it,
 * without the demo people (their password hashes take seconds).
 */
export function seedCatalogue(db: Db): void {
  db.transaction(() => {
    const supplierIds = new Map<string, string>();
    for (const demo of DEMO_SUPPLIERS) {
      const id = uuidv7();
      insertSupplier(db, { id, name: demo.name, brand: demo.brand, edrpou: demo.edrpou, city: demo.city });
      supplierIds.set(demo.key, id);
    }
    for (const demo of DEMO_PRODUCTS) {
      insertProduct(db, demoProductRow(demo, { id: uuidv7(), supplierId: supplierIds.get(demo.supplier) as string }));
    }
    for (const hromada of DEMO_HROMADAS) upsertHromada(db, hromada, DEMO_HROMADA_SOURCE);
  })();
}

export const DEMO_UNIT = 'А4271';

/** An officer of DEMO_UNIT, whose unit has this year's budget (so the budgets scope has a row). */
export async function provisionOfficer(service: TestService): Promise<Officer> {
  const officer = await service.provision({ unitNumber: DEMO_UNIT });
  withServiceDb(service, (db) => {
    const unit = findUnitByNumber(db, DEMO_UNIT);
    if (!unit) throw new Error('the unit was not created');
    const year = new Date(service.now()).getUTCFullYear();
    if (!db.prepare('SELECT 1 FROM budgets WHERE unit_id = ? AND year = ?').get(unit.id, year)) {
      insertBudget(db, { unitId: unit.id, year, guaranteedKopiykas: 1_850_000_000, performanceKopiykas: 620_000_000, ePoints: 64_500 });
    }
  });
  return officer;
}

export interface EnrolledCore {
  t: TestCore;
  identity: Identity;
  officer: Officer;
  local: LocalStore;
}

export async function enrolThroughProxy(world: SyncWorld, extra: ExtraCoreOptions = {}, officer?: Officer, dataDir?: string): Promise<EnrolledCore> {
  const who = officer ?? (await provisionOfficer(world.service));
  const t = startEnrolmentCore(dataDir, extra);
  await ok(t.core, 'serviceProbe', { serviceUrl: world.proxy.url });
  await ok(t.core, 'enrolmentLogin', { ...(await loginRequest(world.service, who)), serviceUrl: world.proxy.url });
  const identity = await ok(t.core, 'enrolmentComplete', { passphrase: PASSPHRASE });
  return { t, identity, officer: who, local: await LocalStore.of(t.dataDir) };
}

/** A second connection to a core's encrypted database (the key derived once), as the tests' window into it. */
export class LocalStore {
  private constructor(
    private readonly file: string,
    private readonly key: Buffer,
  ) {}

  static async of(dataDir: string): Promise<LocalStore> {
    const paths = localPaths(dataDir);
    const key = await new Vault({ file: paths.vault, databaseFile: paths.database, clock: systemClock, log: new TestLog() }).open(PASSPHRASE);
    return new LocalStore(paths.database, key);
  }

  read<T>(task: (db: LocalDb) => T): T {
    const store = openStore(this.file, this.key);
    try {
      return task(store.db);
    } finally {
      store.close();
    }
  }

  products(): Map<string, { price: number; stock: number; seq: number }> {
    return this.read((db) => {
      const rows = db.prepare('SELECT id, price_kopiykas AS price, stock, change_seq AS seq FROM products').all() as Array<{
        id: string;
        price: number;
        stock: number;
        seq: number;
      }>;
      return new Map(rows.map((row) => [row.id, { price: row.price, stock: row.stock, seq: row.seq }]));
    });
  }

  watches(): Map<string, { restock: boolean; price: boolean }> {
    return this.read((db) => {
      const rows = db.prepare('SELECT product_id, restock, price FROM watches').all() as Array<{ product_id: string; restock: number; price: number }>;
      return new Map(rows.map((row) => [row.product_id, { restock: row.restock === 1, price: row.price === 1 }]));
    });
  }

  outbox(): Array<{ id: string; type: string; entity_id: string; state: string; attempts: number }> {
    return this.read((db) => db.prepare('SELECT id, type, entity_id, state, attempts FROM outbox ORDER BY seq').all() as never);
  }

  cursors(): Record<string, string> {
    return this.read((db) =>
      Object.fromEntries((db.prepare('SELECT scope, cursor FROM sync_cursor').all() as Array<{ scope: string; cursor: string }>).map((r) => [r.scope, r.cursor])),
    );
  }

  count(table: string): number {
    return this.read((db) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  }
}

export function withServiceDb<T>(service: TestService, task: (db: Db) => T): T {
  const db = openDatabase(dataPaths(service.dataDir).database);
  try {
    return task(db);
  } finally {
    db.close();
  }
}

/** The service's catalogue as a laptop should hold it: active products only. */
export function serviceProducts(service: TestService): Map<string, { price: number; stock: number; seq: number }> {
  return withServiceDb(service, (db) => {
    const rows = db.prepare('SELECT id, price_kopiykas AS price, stock, change_seq AS seq FROM products WHERE active = 1').all() as Array<{
      id: string;
      price: number;
      stock: number;
      seq: number;
    }>;
    return new Map(rows.map((row) => [row.id, { price: row.price, stock: row.stock, seq: row.seq }]));
  });
}

export function serviceWatches(service: TestService, username: string): Map<string, { restock: boolean; price: boolean }> {
  return withServiceDb(service, (db) => {
    const rows = db
      .prepare(
        `SELECT w.product_id, w.notify_restock AS restock, w.notify_price AS price FROM watches w JOIN persons p ON p.id = w.person_id
          WHERE p.username = ?`,
      )
      .all(username) as Array<{ product_id: string; restock: number; price: number }>;
    return new Map(rows.map((row) => [row.product_id, { restock: row.restock === 1, price: row.price === 1 }]));
  });
}

export function serviceIntents(service: TestService, deviceId: string): Array<{ id: string; type: string; entity_id: string; status: string }> {
  return withServiceDb(service, (db) =>
    db.prepare('SELECT id, type, entity_id, status FROM sync_intents WHERE device_id = ? ORDER BY rowid').all(deviceId) as never,
  );
}

/** Some active product ids of the service, in a stable order. */
export function someProducts(service: TestService, count: number): string[] {
  return withServiceDb(service, (db) => db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY sku LIMIT ?').pluck().all(count) as string[]);
}
