/**
 * npx tsx scripts/seed-large.ts --data DIR --products 20000 [--suppliers N] [--seed N] [--demo] [--order-lines N --unit А4271]
 * Fill a reference service's data directory with a large synthetic catalogue
 * and, if asked, a unit's order history (benchmarks, trying the app at scale). Run it while the service is
 * stopped or running: it writes through its own connection, in one transaction.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateAuthority } from '../src-server/ca/authority';
import { seedLargeCatalogue } from '../src-server/demo/large';
import { seedLargeOrders } from '../src-server/demo/large-orders';
import { seedDemo } from '../src-server/demo/seed';
import { dataPaths, DEFAULT_DATA_DIR } from '../src-server/paths';
import { openDatabase } from '../src-server/store/database';
import { systemClock } from '../src-server/clock';

const USAGE = `Usage: npx tsx scripts/seed-large.ts [--data DIR] --products N [--suppliers N] [--seed N] [--demo] [--order-lines N --unit NUMBER]
  --data DIR       the service's data directory (default ${DEFAULT_DATA_DIR}); created if absent
  --products N     synthetic products to add (e.g. 20000)
  --suppliers N    makers to spread them over (default one per 200 products, 12 to 150)
  --seed N         generator seed (default 4): same seed, same catalogue
  --demo           also seed the demo units, people and budgets (once per data directory)
  --order-lines N  also add committed, signed orders of --unit with N lines in all (the unit needs an orderer)
  --unit NUMBER    the unit whose orders --order-lines adds, e.g. А4271`;

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      products: { type: 'string' },
      suppliers: { type: 'string' },
      seed: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'order-lines': { type: 'string' },
      unit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/u.test(text) || Number(text) < 1) fail(`--${name} must be a whole number, 1 or more, not "${text}"`);
  return Number(text);
};
const products = whole(values.products, 'products') ?? fail('--products is required');
const orderLines = whole(values['order-lines'], 'order-lines');
if (orderLines !== undefined && values.unit === undefined) fail('--order-lines needs --unit');

const db = openDatabase(dataPaths(values.data).database);
try {
  if (values.demo && (await seedDemo(db, systemClock))) console.log('Seeded the demo units, people and budgets.');
  const report = seedLargeCatalogue(db, { products, suppliers: whole(values.suppliers, 'suppliers'), seed: whole(values.seed, 'seed') });
  console.log(`Added ${report.products} products from ${report.suppliers} makers to ${dataPaths(values.data).root} in ${report.ms} ms.`);
  if (orderLines !== undefined && values.unit !== undefined) {
    const authority = await loadOrCreateAuthority(dataPaths(values.data), systemClock());
    const orders = seedLargeOrders(db, { unitNumber: values.unit, lines: orderLines, authority, now: systemClock() });
    console.log(`Added ${orders.orders} committed orders of ${values.unit} with ${orders.lines} lines in ${orders.ms} ms.`);
  }
} finally {
  db.close();
}
