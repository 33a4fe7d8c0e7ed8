import { OrderSchema, type FundingSource, type Order, type OrderEvent, type OrderKind, type OrderContent } from '@shared/service/orders';
import { DEMO_HROMADAS } from '../../src-server/demo/hromadas';
import type { Db } from '../../src-main/core/store';
import { dataPaths } from '../../src-main/core/paths';
import { openStore } from '../../src-main/core/store';
import { Vault } from '../../src-main/core/vault/vault';
import { systemClock } from '../../src-main/core/clock';
import { orderApplier } from '../../src-main/core/orders/order-applier';
import { budget, fixtureId, loadDemoCatalogue, product, supplierOf, UNIT_ID, upsert } from './catalog-fixtures';
import { copyOfVault, ok, PASSPHRASE, startCore, TestLog, type TestCore } from './support/fixtures';
import type { Budget, Product } from '@shared/service/catalogue';

/**
 * The ordering tests' world without a service: the demo catalogue, the
 * demo hromadas and a budget, written through the appliers into a real
 * encrypted store, and a core unlocked over it.
 */

/** Слов’янська (Донецька): an apostrophe in the name. */
export const SLOVIANSK = 'UA14120210000056793';
export const KHARKIV = 'UA63120270000028556';

export function loadHromadas(db: Db): void {
  upsert(
    db,
    'hromada',
    DEMO_HROMADAS.map((hromada, index) => ({ id: hromada.code, data: { ...hromada, changeSeq: 5_000 + index } })),
  );
}

/** Catalogue, hromadas and this year's budget (the manual clock says 2025). */
export function loadOrderingWorld(db: Db, figures: Partial<Budget> = {}): void {
  loadDemoCatalogue(db);
  loadHromadas(db);
  upsert(db, 'budget', [{ id: `${UNIT_ID}:2025`, data: budget(2025, figures) }]);
}

/** Writes into a vault's database with no core running (the core opens it afterwards). */
export async function fillVault(dataDir: string, fill: (db: Db) => void): Promise<void> {
  const paths = dataPaths(dataDir);
  const key = await new Vault({ file: paths.vault, databaseFile: paths.database, clock: systemClock, log: new TestLog() }).open(PASSPHRASE);
  const store = openStore(paths.database, key);
  key.fill(0);
  try {
    fill(store.db);
  } finally {
    store.close();
  }
}

/** An unlocked core (not enrolled) over a store that `fill` prepared. */
export async function orderingCore(fill: (db: Db) => void = (db) => loadOrderingWorld(db)): Promise<TestCore> {
  const dataDir = await copyOfVault();
  await fillVault(dataDir, fill);
  const started = startCore(dataDir);
  await ok(started.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  return started;
}

/** kopiykas of a demo product, by name. */
export const price = (name: string): number => product(name).priceKopiykas;
export const points = (name: string): number => product(name).ePointsPrice as number;

export interface ServiceOrderSpec {
  n: number;
  status: Order['status'];
  lines: Array<{ name: string; quantity: number; funding?: FundingSource }>;
  kind?: OrderKind;
  version?: number;
  hromadaCode?: string;
  neededBy?: string | null;
  promisedDate?: string | null;
  shipBy?: string | null;
  timeline?: OrderEvent[];
  changeSeq?: number;
  createdAt?: string;
  delivered?: number[];
}

export const orderId = (n: number): string => fixtureId(0x0a, n);

/** An order as the service would publish it (the signature is not a real one: these tests do not check it). */
export function serviceOrder(spec: ServiceOrderSpec): Order {
  const items = spec.lines.map((line) => ({ item: product(line.name), quantity: line.quantity, funding: line.funding ?? 'money' }));
  const first = items[0]?.item as Product;
  const supplier = supplierOf(first);
  const lines = items.map(({ item, quantity, funding }) => {
    const unitPrice = funding === 'money' ? item.priceKopiykas : (item.ePointsPrice as number);
    return { productId: item.id, sku: item.sku, name: item.name, quantity, funding, unitPrice, total: unitPrice * quantity };
  });
  const kind = spec.kind ?? 'in_stock';
  const createdAt = spec.createdAt ?? '2025-01-10T08:00:00.000Z';
  const content: OrderContent = {
    schema: 'qm.order/1',
    orderId: orderId(spec.n),
    version: spec.version ?? 1,
    kind,
    unit: { id: UNIT_ID, number: 'А4271' },
    supplier: { id: supplier.id, name: supplier.name },
    lines,
    totals: {
      moneyKopiykas: lines.filter((line) => line.funding === 'money').reduce((sum, line) => sum + line.total, 0),
      ePoints: lines.filter((line) => line.funding === 'e_points').reduce((sum, line) => sum + line.total, 0),
    },
    hromadaCode: spec.hromadaCode ?? KHARKIV,
    neededBy: spec.neededBy ?? (kind === 'preorder' ? '2025-03-01' : null),
    promisedDate: null,
    author: { personId: fixtureId(4, 1), username: 'olena.k', fullName: 'Коваленко Олена' },
    createdAt,
  };
  return OrderSchema.parse({
    id: orderId(spec.n),
    number: `ЗМ-2025-${String(spec.n).padStart(6, '0')}`,
    unitId: UNIT_ID,
    supplierId: supplier.id,
    kind,
    status: spec.status,
    content,
    signature: 'MIIBfake',
    promisedDate: spec.promisedDate ?? null,
    shipBy: spec.shipBy ?? null,
    lines: items.map(({ item, quantity }, index) => ({
      productId: item.id,
      quantity,
      deliveredQuantity: spec.delivered?.[index] ?? 0,
      expectedDate: spec.shipBy ?? spec.promisedDate ?? null,
    })),
    timeline: spec.timeline ?? [{ status: kind === 'preorder' ? 'preorder_requested' : 'submitted', at: createdAt, actor: 'unit', note: null }],
    submittedAt: createdAt,
    updatedAt: createdAt,
    changeSeq: spec.changeSeq ?? 9_000 + spec.n,
  });
}

/** Applies orders as a pulled page would; returns the notifications raised. */
export function applyOrders(db: Db, orders: readonly Order[]) {
  return db.transaction(() => orders.flatMap((order) => orderApplier.upsert(db, order.id, order) ?? []))();
}
