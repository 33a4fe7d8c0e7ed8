import { systemClock, type Clock } from '../clock';
import { KatottgFormatError } from '../katottg/parse';
import { loadExistingAuthority } from '../ca/authority';
import { OrganisationKeyring } from '../documents/keyring';
import { DEFAULT_DATA_DIR, dataPaths } from '../paths';
import { ProvisioningError } from '../provisioning/errors';
import { openDatabase, type Db } from '../store/database';
import { StoreTooNewError } from '../store/migrate';
import { UsageError } from './args';
import { certificatesIssue, certificatesList, certificatesPay, certificatesShow, certificatesSign } from './commands/certificates';
import { deviceList, deviceRevoke } from './commands/devices';
import { enrolCode } from './commands/enrol-code';
import { invoicesIssue, invoicesList, invoicesShow } from './commands/invoices';
import { katottgImport } from './commands/katottg';
import { ordersCommit, ordersDecline, ordersList, ordersPropose, ordersReject, ordersReturn, ordersShip, ordersShow } from './commands/orders';
import { personAdd, personList, personRevoke } from './commands/persons';
import { productList, productSetPrice, productSetStock, productWithdraw } from './commands/products';
import { syncPurge, syncStatus } from './commands/sync';
import { adminToken } from './commands/token';
import { totpNow } from './commands/totp';
import { unitAdd, unitList } from './commands/units';
import type { AdminCommand, AdminEnv } from './env';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options] [--data DIR]

  unit add --name NAME --number А1234 --tier N     register a unit (number: А/В + 4 digits, or 4 digits for the National Guard; tier 1–5)
  unit list
  person add --unit А1234 --name "Прізвище Ім'я По батькові" --username U --roles orderer,receiver,commander
                                                  register a person; prints their password and TOTP secret once
  person list [--unit А1234]
  person revoke USERNAME [--reason TEXT]           withdraw access; their laptops wipe on next contact
  enrol-code --person USERNAME [--hours 72]        a one-time code to enrol one laptop
  device list [--person USERNAME]
  device revoke DEVICE_ID [--reason TEXT]          the laptop wipes on its next contact
  katottg import FILE.csv                          load the hromadas of the official KATOTTG codifier
  product list [--category C] [--search TEXT]
  product set-price --id ID --uah 14800.50         a new price; every laptop gets it on its next sync
  product set-stock --id ID --qty N [--lead-days N]
                                                  stock on hand (0: pre-order, which needs a lead time)
  product withdraw --id ID                        take a product off the catalogue (laptops drop it on next sync)
  sync status                                     service id, last change, retention horizons, tombstones, intents
  sync purge [--days 30]                           purge deletes older than N days (the service does it hourly)
  sync purge --through-seq N [--scope S]           purge deletes through change N; older cursors reset
  orders list [--status S] [--unit А1234]          orders of every unit, newest first
  orders show ID|NUMBER                            one order: lines, totals, timeline
  orders commit ID|NUMBER                          agency: commit the budget and take the stock (short stock rejects it)
  orders return ID|NUMBER --comment TEXT           agency: back to the orderer for revision
  orders reject ID|NUMBER --reason TEXT            agency: refuse a submitted order
  orders propose ID|NUMBER --date YYYY-MM-DD [--note TEXT]
                                                  supplier: answer a pre-order request with a delivery date
  orders decline ID|NUMBER --reason TEXT           supplier: decline a pre-order request
  orders ship ID|NUMBER                            supplier: the shipment of a committed order has left
  invoices issue ORDER [--line PRODUCT:QTY ...]    supplier: ship and issue a signed expenditure invoice (default: all outstanding;
                                                  PRODUCT: a product id or SKU of the order)
  invoices list [--unit А1234] [--status S]        invoices of every unit, newest first
  invoices show ID|NUMBER                          one invoice: lines, the unit's receipt
  certificates issue --unit А1234 --supplier ID|ЄДРПОУ --from YYYY-MM-DD --to YYYY-MM-DD [--invoice ID|NUMBER ...]
                                                  supplier: an acceptance certificate of the unit's received invoices, signed
  certificates sign ID|NUMBER                      agency: sign third, once the commander has (→ complete)
  certificates pay ID|NUMBER                       agency: pay a complete certificate (→ paid; delivered orders close)
  certificates list [--unit А1234] [--status S]
  certificates show ID|NUMBER                      one certificate: listed invoices, signature slots
  token                                            the admin API's bearer token (/v1/admin/…)
  totp --username USERNAME                         the current TOTP code (demo convenience)

  --data DIR   the service's data directory (default ${DEFAULT_DATA_DIR})`;

const COMMANDS: Record<string, AdminCommand> = {
  'unit add': unitAdd,
  'unit list': unitList,
  'person add': personAdd,
  'person list': personList,
  'person revoke': personRevoke,
  'device list': deviceList,
  'device revoke': deviceRevoke,
  'katottg import': katottgImport,
  'product list': productList,
  'product set-price': productSetPrice,
  'product set-stock': productSetStock,
  'product withdraw': productWithdraw,
  'sync status': syncStatus,
  'sync purge': syncPurge,
  'orders list': ordersList,
  'orders show': ordersShow,
  'orders commit': ordersCommit,
  'orders return': ordersReturn,
  'orders reject': ordersReject,
  'orders propose': ordersPropose,
  'orders decline': ordersDecline,
  'orders ship': ordersShip,
  'invoices issue': invoicesIssue,
  'invoices list': invoicesList,
  'invoices show': invoicesShow,
  'certificates issue': certificatesIssue,
  'certificates sign': certificatesSign,
  'certificates pay': certificatesPay,
  'certificates list': certificatesList,
  'certificates show': certificatesShow,
  token: adminToken,
  'enrol-code': enrolCode,
  totp: totpNow,
};

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

/** Take `--data DIR` (or `--data=DIR`) out of the arguments, wherever it is. */
function extractDataDir(argv: string[]): { dataDir: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir = DEFAULT_DATA_DIR;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--data') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--data needs a directory');
      dataDir = value;
      i += 1;
    } else if (arg.startsWith('--data=')) dataDir = arg.slice('--data='.length);
    else rest.push(arg);
  }
  return { dataDir, rest };
}

/**
 * The admin command line: returns the exit code (0 done, 1 refused or
 * failed, 2 called wrongly) instead of exiting, so tests can drive it.
 */
export async function runAdmin(argv: string[], io: AdminIo, options: { now?: Clock } = {}): Promise<number> {
  let db: Db | undefined;
  let keyring: OrganisationKeyring | undefined;
  try {
    const { dataDir, rest } = extractDataDir(argv);
    if (rest.length === 0 || rest[0] === 'help' || rest[0] === '--help' || rest[0] === '-h') {
      io.out(ADMIN_USAGE);
      return rest.length === 0 ? 2 : 0;
    }
    const twoWord = `${rest[0]} ${rest[1] ?? ''}`;
    const [name, args] = COMMANDS[twoWord] ? [twoWord, rest.slice(2)] : [rest[0] as string, rest.slice(1)];
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${rest.slice(0, 2).join(' ')}"`);
    const env: AdminEnv = {
      db: () => (db ??= openDatabase(dataPaths(dataDir).database)),
      keyring: () => (keyring ??= new OrganisationKeyring(dataPaths(dataDir).organisationKeys, loadExistingAuthority(dataPaths(dataDir)))),
      clock: options.now ?? systemClock,
      dataDir,
      out: (line) => io.out(line),
    };
    await command(args, env);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err('Run "npm run admin -- help" for the commands.');
      return 2;
    }
    if (error instanceof ProvisioningError || error instanceof KatottgFormatError || error instanceof StoreTooNewError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    db?.close();
  }
}
