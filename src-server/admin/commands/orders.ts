import { OrderActionRequestSchema, ServiceOrderStatusSchema, type Order, type OrderActionRequest } from '@shared/service/orders';
import { normaliseUnitNumber } from '@shared/service/unit-number';
import { applyOrderAction } from '../../orders/actions';
import { requireOrder } from '../../orders/lookup';
import { formatPrice, formatUah } from '../../orders/money';
import { ProvisioningError } from '../../provisioning/errors';
import { listOrders } from '../../store/orders';
import { findUnitByNumber } from '../../store/units';
import { parseCommand, required, UsageError } from '../args';
import type { AdminCommand, AdminEnv } from '../env';
import { formatTable } from '../table';

/**
 * The agency's and suppliers' actions on orders from the command line: the
 * same code as the admin API (src-server/orders/actions.ts). An order is
 * named by its id or its number.
 */

const stamp = (iso: string) => iso.replace('T', ' ').slice(0, 16) + 'Z';

function totals(order: Order): string {
  const { moneyKopiykas, ePoints } = order.content.totals;
  return [moneyKopiykas > 0 || ePoints === 0 ? formatUah(moneyKopiykas) : '', ePoints > 0 ? `${ePoints} e-points` : ''].filter(Boolean).join(' + ');
}

function headline(order: Order): string {
  const dates = [order.shipBy && `ship by ${order.shipBy}`, order.promisedDate && `promised ${order.promisedDate}`].filter(Boolean).join(', ');
  return `Order ${order.number} (${order.id}): ${order.kind}, ${order.status}, version ${order.content.version}${dates ? `; ${dates}` : ''}`;
}

function describe(order: Order): string[] {
  const { content } = order;
  const expected = new Map(order.lines.map((line, i) => [i, line]));
  return [
    headline(order),
    `Unit ${content.unit.number}; supplier ${content.supplier.name}; hromada ${content.hromadaCode}; signed by ${content.author.fullName} (${content.author.username})`,
    ...(content.neededBy ? [`Needed by ${content.neededBy}`] : []),
    `Total ${totals(order)}`,
    '',
    ...formatTable(
      ['#', 'sku', 'name', 'qty', 'unit price', 'total', 'delivered', 'expected'],
      content.lines.map((line, i) => [
        String(i + 1),
        line.sku,
        line.name,
        String(line.quantity),
        formatPrice(line.unitPrice, line.funding),
        formatPrice(line.total, line.funding),
        String(expected.get(i)?.deliveredQuantity ?? 0),
        expected.get(i)?.expectedDate ?? '—',
      ]),
    ),
    '',
    ...formatTable(
      ['when', 'status', 'by', 'note'],
      order.timeline.map((event) => [stamp(event.at), event.status, event.actor, event.note ?? '']),
    ),
  ];
}

export const ordersList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { status: { type: 'string' }, unit: { type: 'string' } });
  const status = values.status === undefined ? undefined : ServiceOrderStatusSchema.safeParse(values.status);
  if (status && !status.success) throw new UsageError(`--status must be one of ${ServiceOrderStatusSchema.options.join(', ')}`);
  const db = env.db();
  let unitId: string | undefined;
  if (values.unit !== undefined) {
    const unit = findUnitByNumber(db, normaliseUnitNumber(values.unit));
    if (!unit) throw new ProvisioningError(`No unit ${values.unit}; see "unit list"`);
    unitId = unit.id;
  }
  const orders = listOrders(db, { status: status?.data, unitId });
  if (orders.length === 0) return env.out('No orders match.');
  formatTable(
    ['number', 'id', 'unit', 'supplier', 'kind', 'status', 'total', 'submitted'],
    orders.map((o) => [o.number, o.id, o.content.unit.number, o.content.supplier.name, o.kind, o.status, totals(o), stamp(o.submittedAt)]),
  ).forEach(env.out);
};

export const ordersShow: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  describe(requireOrder(env.db(), required(positionals[0], 'order id or number (positional)'))).forEach(env.out);
};

/** Run an action given as CLI options, checked with the same schema as the API's body. */
async function act(env: AdminEnv, ref: string | undefined, request: Record<string, unknown>): Promise<void> {
  const parsed = OrderActionRequestSchema.safeParse(request);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'action'}: ${issue.message}`).join('; '));
  const order = applyOrderAction(env.db(), env.clock(), required(ref, 'order id or number (positional)'), parsed.data satisfies OrderActionRequest);
  env.out(headline(order));
  const last = order.timeline.at(-1);
  if (last?.note) env.out(`  ${last.note}`);
}

export const ordersCommit: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  await act(env, positionals[0], { action: 'commit' });
};

export const ordersReturn: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { comment: { type: 'string' } }, 1);
  await act(env, positionals[0], { action: 'return', comment: required(values.comment, 'comment') });
};

export const ordersReject: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { reason: { type: 'string' } }, 1);
  await act(env, positionals[0], { action: 'reject', reason: required(values.reason, 'reason') });
};

export const ordersPropose: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { date: { type: 'string' }, note: { type: 'string' } }, 1);
  await act(env, positionals[0], { action: 'propose', promisedDate: required(values.date, 'date'), ...(values.note === undefined ? {} : { note: values.note }) });
};

export const ordersDecline: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { reason: { type: 'string' } }, 1);
  await act(env, positionals[0], { action: 'decline', reason: required(values.reason, 'reason') });
};

export const ordersShip: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  await act(env, positionals[0], { action: 'ship' });
};
