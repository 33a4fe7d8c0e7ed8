import { InvoiceIssueRequestSchema, InvoiceStatusSchema, type Invoice } from '@shared/service/documents';
import { issueInvoice } from '../../documents/invoice-issue';
import { requireInvoice } from '../../documents/lookup';
import { requireOrder } from '../../orders/lookup';
import { formatUah } from '../../orders/money';
import { listInvoices } from '../../store/documents-invoices';
import { parseCommand, required, UsageError } from '../args';
import type { AdminCommand } from '../env';
import { formatTable } from '../table';
import { unitIdOption } from './unit-option';

/**
 * The suppliers' expenditure invoices from the command line: the same code
 * as the admin API (src-server/documents/). An invoice is named by its id
 * or its number, an order likewise.
 */

function headline(invoice: Invoice): string {
  const { content } = invoice;
  return `Invoice ${invoice.number} (${invoice.id}): ${invoice.status}; order ${content.contract.orderNumber}; unit ${content.unit.number}; ${content.supplier.name}; ${formatUah(content.totalKopiykas)}`;
}

function describe(invoice: Invoice): string[] {
  const received = new Map((invoice.receipt?.content.lines ?? []).map((line) => [line.position, line]));
  const receipt = invoice.receipt?.content;
  return [
    headline(invoice),
    `Dated ${invoice.content.date}; handed over by ${invoice.content.handedOverBy.map((p) => `${p.position} ${p.fullName}`).join(', ')}`,
    receipt ? `Received by ${receipt.receivedBy.fullName} (${receipt.receivedBy.username}) at ${invoice.receipt?.signature.receivedAt ?? ''}` : 'Awaiting the unit’s receipt',
    '',
    ...formatTable(
      ['#', 'sku', 'name', 'qty', 'unit', 'price', 'total', 'received', 'discrepancy'],
      invoice.content.lines.map((line) => {
        const got = received.get(line.position);
        return [
          String(line.position),
          line.sku,
          line.name,
          String(line.quantity),
          line.unitOfMeasure,
          formatUah(line.unitPriceKopiykas),
          formatUah(line.totalKopiykas),
          got ? String(got.receivedQuantity) : '—',
          got?.discrepancy ? `${got.discrepancy.kind}${got.discrepancy.note ? `: ${got.discrepancy.note}` : ''}` : '',
        ];
      }),
    ),
  ];
}

/** `--line PRODUCT:QTY`, PRODUCT the product's id or the SKU on the order. */
function parseLines(values: readonly string[], resolve: (product: string) => string): Array<{ productId: string; quantity: number }> {
  return values.map((value) => {
    const match = /^(.+):(\d+)$/u.exec(value.trim());
    if (!match) throw new UsageError(`--line must be PRODUCT:QTY (a product id or SKU of the order, and a quantity), not "${value}"`);
    return { productId: resolve(match[1] as string), quantity: Number(match[2]) };
  });
}

export const invoicesIssue: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { line: { type: 'string', multiple: true } }, 1);
  const ref = required(positionals[0], 'order id or number (positional)');
  const db = env.db();
  const order = requireOrder(db, ref);
  const bySku = new Map(order.content.lines.map((line) => [line.sku.toLocaleUpperCase('uk'), line.productId]));
  const lines = values.line === undefined ? undefined : parseLines(values.line, (product) => bySku.get(product.toLocaleUpperCase('uk')) ?? product);
  const parsed = InvoiceIssueRequestSchema.safeParse(lines === undefined ? {} : { lines });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'lines'}: ${issue.message}`).join('; '));
  const invoice = await issueInvoice({ db, keyring: env.keyring(), now: env.clock() }, order.id, parsed.data);
  describe(invoice).forEach(env.out);
};

export const invoicesList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { unit: { type: 'string' }, status: { type: 'string' } });
  const status = values.status === undefined ? undefined : InvoiceStatusSchema.safeParse(values.status);
  if (status && !status.success) throw new UsageError(`--status must be one of ${InvoiceStatusSchema.options.join(', ')}`);
  const db = env.db();
  const invoices = listInvoices(db, { unitId: unitIdOption(db, values.unit), status: status?.data });
  if (invoices.length === 0) return env.out('No invoices match.');
  formatTable(
    ['number', 'id', 'date', 'unit', 'supplier', 'order', 'status', 'total'],
    invoices.map((i) => [i.number, i.id, i.content.date, i.content.unit.number, i.content.supplier.name, i.content.contract.orderNumber, i.status, formatUah(i.content.totalKopiykas)]),
  ).forEach(env.out);
};

export const invoicesShow: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  describe(requireInvoice(env.db(), required(positionals[0], 'invoice id or number (positional)'))).forEach(env.out);
};
