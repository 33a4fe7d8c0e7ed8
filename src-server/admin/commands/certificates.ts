import { CertificateIssueRequestSchema, CertificateStatusSchema, type AcceptanceCertificate, type DocumentSignature } from '@shared/service/documents';
import type { CertificateActionRequest } from '@shared/service/documents-admin';
import { normaliseUnitNumber } from '@shared/service/unit-number';
import { applyCertificateAction } from '../../documents/certificate-actions';
import { issueCertificate } from '../../documents/certificate-issue';
import { requireCertificate, requireInvoice } from '../../documents/lookup';
import { formatUah } from '../../orders/money';
import { ProvisioningError } from '../../provisioning/errors';
import { findSupplier } from '../../store/catalogue';
import { listCertificates } from '../../store/documents-certificates';
import { parseCommand, required, UsageError } from '../args';
import type { AdminCommand, AdminEnv } from '../env';
import { formatTable } from '../table';
import { unitIdOption } from './unit-option';

/**
 * Acceptance certificates from the command line: the supplier draws one up,
 * the agency signs third and pays. The same code as the admin API
 * (src-server/documents/). A certificate is named by its id or number.
 */

function headline(certificate: AcceptanceCertificate): string {
  const { content } = certificate;
  return `Certificate ${certificate.number} (${certificate.id}): ${certificate.status}; unit ${content.unit.number}; ${content.supplier.name}; ${content.period.from} – ${content.period.to}; ${formatUah(content.totalKopiykas)}`;
}

const slot = (name: string, signature: DocumentSignature | null) => `${name} ${signature ? `signed ${signature.receivedAt}` : '—'}`;

function describe(certificate: AcceptanceCertificate): string[] {
  const { signatures } = certificate;
  return [
    headline(certificate),
    `Signatures: ${[slot('supplier', signatures.supplier), slot('unit', signatures.unit), slot('agency', signatures.agency)].join('; ')}${certificate.paidAt ? `; paid ${certificate.paidAt}` : ''}`,
    '',
    ...formatTable(
      ['invoice', 'id', 'accepted', 'invoice digest'],
      certificate.content.invoices.map((ref) => [ref.number, ref.invoiceId, formatUah(ref.acceptedKopiykas), ref.invoiceDigest.slice(0, 16)]),
    ),
  ];
}

export const certificatesIssue: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, {
    unit: { type: 'string' },
    supplier: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    invoice: { type: 'string', multiple: true },
  });
  const db = env.db();
  const supplierRef = required(values.supplier, 'supplier').trim();
  const supplier = findSupplier(db, supplierRef);
  if (!supplier) throw new ProvisioningError(`No supplier ${supplierRef} (give its id or ЄДРПОУ)`);
  const request = {
    unitNumber: normaliseUnitNumber(required(values.unit, 'unit')),
    supplierId: supplier.id,
    period: { from: required(values.from, 'from'), to: required(values.to, 'to') },
    ...(values.invoice === undefined ? {} : { invoiceIds: values.invoice.map((ref) => requireInvoice(db, ref).id) }),
  };
  const parsed = CertificateIssueRequestSchema.safeParse(request);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  describe(await issueCertificate({ db, keyring: env.keyring(), now: env.clock() }, parsed.data)).forEach(env.out);
};

async function act(env: AdminEnv, ref: string | undefined, request: CertificateActionRequest): Promise<void> {
  const certificate = await applyCertificateAction({ db: env.db(), keyring: env.keyring(), now: env.clock() }, required(ref, 'certificate id or number (positional)'), request);
  describe(certificate).forEach(env.out);
}

export const certificatesSign: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  await act(env, positionals[0], { action: 'agency_sign' });
};

export const certificatesPay: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  await act(env, positionals[0], { action: 'pay' });
};

export const certificatesList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { unit: { type: 'string' }, status: { type: 'string' } });
  const status = values.status === undefined ? undefined : CertificateStatusSchema.safeParse(values.status);
  if (status && !status.success) throw new UsageError(`--status must be one of ${CertificateStatusSchema.options.join(', ')}`);
  const db = env.db();
  const certificates = listCertificates(db, { unitId: unitIdOption(db, values.unit), status: status?.data });
  if (certificates.length === 0) return env.out('No certificates match.');
  formatTable(
    ['number', 'id', 'date', 'unit', 'supplier', 'invoices', 'status', 'total'],
    certificates.map((c) => [
      c.number,
      c.id,
      c.content.date,
      c.content.unit.number,
      c.content.supplier.name,
      String(c.content.invoices.length),
      c.status,
      formatUah(c.content.totalKopiykas),
    ]),
  ).forEach(env.out);
};

export const certificatesShow: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  describe(requireCertificate(env.db(), required(positionals[0], 'certificate id or number (positional)'))).forEach(env.out);
};
