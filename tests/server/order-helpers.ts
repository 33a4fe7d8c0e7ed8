import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { v7 as uuidv7 } from 'uuid';
import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { signDetached } from '@shared/node/signing/sign';
import type { Product } from '@shared/service/catalogue';
import { ORDER_CONTENT_SCHEMA, type FundingSource, type Order, type OrderContent, type OrderKind } from '@shared/service/orders';
import type { Intent } from '@shared/sync/intents';
import { insertBudget } from '../../src-server/store/budgets';
import { findProduct, insertProduct, insertSupplier } from '../../src-server/store/catalogue';
import { upsertHromada } from '../../src-server/store/hromadas';
import { findPersonByUsername } from '../../src-server/store/persons';
import { addUnit } from '../../src-server/provisioning/units';
import { dataPaths } from '../../src-server/paths';
import { enrol, provision, readRows, type Enrolled, type TestPerson, type TestService } from './helpers';
import { intent, push, withStore } from './sync-helpers';

/**
 * A small world of its own for order tests: two units with budgets, two
 * suppliers, products in stock, on pre-order and in the e-points programme,
 * a hromada, and enrolled laptops of people with and without the orderer
 * role. Built through the service's own store functions, so tests do not
 * hang on the demo catalogue's details.
 */

export const HROMADA = 'UA05020030000031457';
/** The test clock's year (T0 is 2 June 2025). */
export const YEAR = 2025;
const UAH = 100;

export interface WorldUnit {
  id: string;
  number: string;
}

export interface Officer {
  username: string;
  personId: string;
  fullName: string;
  unit: WorldUnit;
  laptop: Enrolled;
  /** The credentials, to enrol another laptop. */
  person: TestPerson;
}

export interface OrderWorld {
  unit: WorldUnit;
  otherUnit: WorldUnit;
  supplier: { id: string; name: string };
  otherSupplier: { id: string; name: string };
  /** In stock (10), 48 000 UAH or 48 e-points. */
  drone: Product;
  /** In stock (3), 12 500,50 UAH, not in the e-points programme. */
  goggles: Product;
  /** Out of stock: pre-order only, 30 days. */
  bomber: Product;
  /** In stock, but the other supplier's. */
  foreign: Product;
  orderer: Officer;
  /** Same unit, receiver only. */
  receiver: Officer;
  /** Same unit, orderer and receiver. */
  colleague: Officer;
  /** The other unit's orderer. */
  stranger: Officer;
}

function product(supplierId: string, fields: Partial<Omit<Product, 'changeSeq'>> & Pick<Product, 'sku' | 'name' | 'priceKopiykas' | 'stock'>): Omit<Product, 'changeSeq'> {
  return {
    id: uuidv7(),
    supplierId,
    category: 'fpv_strike',
    description: 'Тестовий виріб',
    specs: { notes: 'test' },
    ePointsPrice: null,
    leadTimeDays: null,
    codified: true,
    active: true,
    ...fields,
  };
}

/** Build the world in the test service's store and enrol the laptops (a few seconds: RSA keys). */
export async function buildOrderWorld(test: TestService, budget = { guaranteedUah: 1_000_000, performanceUah: 200_000, ePoints: 100 }): Promise<OrderWorld> {
  const built = withStore(test, (db) => {
    const units = (['А4271', 'А7318'] as const).map((number) => {
      const unit = addUnit(db, test.clock, { name: `Бригада ${number}`, number, tier: 1 });
      insertBudget(db, {
        unitId: unit.id,
        year: YEAR,
        guaranteedKopiykas: budget.guaranteedUah * UAH,
        performanceKopiykas: budget.performanceUah * UAH,
        ePoints: budget.ePoints,
      });
      return { id: unit.id, number: unit.number };
    });
    const suppliers = [
      { id: uuidv7(), name: 'ТОВ «Джміль»', brand: 'Джміль', edrpou: '44182634', city: 'Київ' },
      { id: uuidv7(), name: 'ТОВ «Вежа»', brand: 'Вежа', edrpou: '43905176', city: 'Львів' },
    ];
    suppliers.forEach((s) => insertSupplier(db, s));
    const [mine, theirs] = suppliers as [(typeof suppliers)[0], (typeof suppliers)[0]];
    const rows = {
      drone: product(mine.id, { sku: 'DZ-10', name: 'Джміль-10', priceKopiykas: 48_000 * UAH, ePointsPrice: 48, stock: 10 }),
      goggles: product(mine.id, { sku: 'DZ-GOG', name: 'Окуляри Джміль', category: 'component', priceKopiykas: 1_250_050, stock: 3 }),
      bomber: product(mine.id, { sku: 'DZ-H6', name: 'Джміль-Н6', category: 'heavy_bomber', priceKopiykas: 450_000 * UAH, stock: 0, leadTimeDays: 30 }),
      foreign: product(theirs.id, { sku: 'VZ-10', name: 'Вежа-10', priceKopiykas: 69_500 * UAH, stock: 5 }),
    };
    Object.values(rows).forEach((row) => insertProduct(db, row));
    upsertHromada(
      db,
      { code: HROMADA, name: 'Вінницька', raionCode: 'UA05020000000026686', raionName: 'Вінницький', oblastCode: 'UA05000000000010236', oblastName: 'Вінницька' },
      'test',
    );
    const read = (id: string) => {
      const { withdrawnAt: _withdrawnAt, ...rest } = findProduct(db, id) as Product & { withdrawnAt: number | null };
      return rest;
    };
    return {
      units: units as [WorldUnit, WorldUnit],
      suppliers: [
        { id: mine.id, name: mine.name },
        { id: theirs.id, name: theirs.name },
      ] as const,
      products: { drone: read(rows.drone.id), goggles: read(rows.goggles.id), bomber: read(rows.bomber.id), foreign: read(rows.foreign.id) },
    };
  });
  const [unit, otherUnit] = built.units;
  const officer = async (username: string, roles: Array<'orderer' | 'receiver'>, which: WorldUnit, fullName: string): Promise<Officer> => {
    const person = await provision(test, { username, roles, unitNumber: which.number, fullName });
    const laptop = await enrol(test, person);
    const personId = withStore(test, (db) => findPersonByUsername(db, username)?.id as string);
    return { username, personId, fullName, unit: which, laptop, person };
  };
  return {
    unit,
    otherUnit,
    supplier: built.suppliers[0],
    otherSupplier: built.suppliers[1],
    ...built.products,
    orderer: await officer('orderer.a', ['orderer'], unit, 'Ковальчук Андрій Петрович'),
    receiver: await officer('receiver.a', ['receiver'], unit, 'Мельник Оксана Василівна'),
    colleague: await officer('supply.a', ['orderer', 'receiver'], unit, 'Ткаченко Ігор Миколайович'),
    stranger: await officer('orderer.b', ['orderer'], otherUnit, 'Шевчук Дмитро Олегович'),
  };
}

export interface LineSpec {
  product: Product;
  quantity: number;
  funding?: FundingSource;
  /** Defaults to the catalogue price of the funding. */
  unitPrice?: number;
}

/** The content a laptop would sign: totals computed, author the officer. */
export function orderContent(
  world: OrderWorld,
  lines: readonly LineSpec[],
  options: { author?: Officer; kind?: OrderKind; orderId?: string; version?: number; promisedDate?: string | null; neededBy?: string | null; hromadaCode?: string } = {},
): OrderContent {
  const author = options.author ?? world.orderer;
  const kind = options.kind ?? 'in_stock';
  const contentLines = lines.map((line) => {
    const funding = line.funding ?? 'money';
    const unitPrice = line.unitPrice ?? (funding === 'money' ? line.product.priceKopiykas : (line.product.ePointsPrice ?? 1));
    return { productId: line.product.id, sku: line.product.sku, name: line.product.name, quantity: line.quantity, funding, unitPrice, total: line.quantity * unitPrice };
  });
  const sum = (funding: FundingSource) => contentLines.filter((l) => l.funding === funding).reduce((total, l) => total + l.total, 0);
  return {
    schema: ORDER_CONTENT_SCHEMA,
    orderId: options.orderId ?? uuidv7(),
    version: options.version ?? 1,
    kind,
    unit: { id: author.unit.id, number: author.unit.number },
    supplier: world.supplier,
    lines: contentLines,
    totals: { moneyKopiykas: sum('money'), ePoints: sum('e_points') },
    hromadaCode: options.hromadaCode ?? HROMADA,
    neededBy: options.neededBy ?? (kind === 'preorder' ? '2025-09-01' : null),
    promisedDate: options.promisedDate ?? null,
    author: { personId: author.personId, username: author.username, fullName: author.fullName },
    createdAt: '2025-06-02T09:00:00.000Z',
  };
}

/** Sign as the officer's laptop does: a detached CMS over the canonical JSON, with the enrolled key. */
export function signContent(content: unknown, signer: Officer, at: Date): string {
  const key = createPrivateKey(forge.pki.privateKeyToPem(signer.laptop.keys.privateKey));
  const der = signDetached(canonicalJsonBytes(content), { certificatePem: signer.laptop.certificate, signSha256: (data) => sign('sha256', data, key) }, at);
  return der.toString('base64');
}

export function submitIntent(content: OrderContent | Record<string, unknown>, signature: string | undefined): Intent {
  const orderId = (content as { orderId: string }).orderId;
  return intent('order.submit', orderId, { content }, signature === undefined ? {} : { signature });
}

export interface Submitted {
  intent: Intent;
  result: Record<string, unknown>;
  order?: Order;
}

function officerOf(world: OrderWorld, personId: string): Officer {
  const found = [world.orderer, world.receiver, world.colleague, world.stranger].find((officer) => officer.personId === personId);
  if (!found) throw new Error(`No officer ${personId} in the world`);
  return found;
}

/** Sign `content` as `signer` (its author by default) and push it from `sender`'s laptop (the signer's by default). */
export async function submit(test: TestService, world: OrderWorld, content: OrderContent, options: { signer?: Officer; sender?: Officer } = {}): Promise<Submitted> {
  const signer = options.signer ?? officerOf(world, content.author.personId);
  return send(test, submitIntent(content, signContent(content, signer, new Date(test.clock()))), options.sender ?? signer);
}

/** Push one intent from the officer's laptop; the result, and the order when applied. */
export async function send(test: TestService, submitted: Intent, sender: Officer): Promise<Submitted> {
  const reply = await push(test, sender.laptop.accessToken, [submitted]);
  if (reply.status !== 200) throw new Error(`push failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const result = reply.results[0] as Record<string, unknown>;
  const order = result.status === 'applied' ? (result.result as { order: Order }).order : undefined;
  return { intent: submitted, result, ...(order ? { order } : {}) };
}

/** The rows that make up orders and what they touch: equal before and after means nothing changed. */
export function orderState(test: TestService): Record<string, unknown[]> {
  return Object.fromEntries(
    ['orders', 'order_lines', 'order_events', 'order_versions', 'order_numbers', 'budgets', 'products'].map((table) => [
      table,
      readRows(test.dataDir, `SELECT * FROM ${table} ORDER BY rowid`),
    ]),
  );
}

export function adminTokenOf(test: TestService): string {
  return readFileSync(dataPaths(test.dataDir).adminToken, 'utf8').trim();
}

/** The admin API, as the agency's and suppliers' systems call it. */
export async function adminCall(test: TestService, method: string, path: string, body?: unknown, token = adminTokenOf(test)) {
  return test.call(method, path, { token, ...(body === undefined ? {} : { body }) });
}

/** An action on an order (by id or number) through the admin API. */
export async function act(test: TestService, ref: string, body: unknown) {
  return adminCall(test, 'POST', `/v1/admin/orders/${encodeURIComponent(ref)}/actions`, body);
}
