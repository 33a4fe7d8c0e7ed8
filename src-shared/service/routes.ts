import type { z } from 'zod';
import type { ServiceErrorCode } from './errors';
import {
  CaResponseSchema,
  EnrolRequestSchema,
  EnrolResponseSchema,
  HealthResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LogoutResponseSchema,
  MeResponseSchema,
  OpenApiDocumentSchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
} from './auth';
import {
  AdminCertificateListQuerySchema,
  AdminCertificateListSchema,
  AdminDocumentRefParamsSchema,
  AdminInvoiceListQuerySchema,
  AdminInvoiceListSchema,
} from './documents-admin';
import { AcceptanceCertificateSchema, CertificateActionRequestSchema, CertificateIssueRequestSchema, InvoiceIssueRequestSchema, InvoiceSchema } from './documents';
import { AdminOrderListQuerySchema, AdminOrderListSchema, AdminOrderRefParamsSchema } from './orders-admin';
import { OrderActionRequestSchema, OrderSchema } from './orders';
import { SyncPullRequestSchema, SyncPullResponseSchema } from '../sync/pull';
import { SYNC_PUSH_MAX_BYTES, SYNC_PUSH_MAX_INTENTS, SyncPushRequestSchema, SyncPushResponseSchema } from '../sync/intents';
import { SYNC_PULL_DEFAULT_LIMIT, SYNC_PULL_MAX_LIMIT } from '../sync/scopes';

/**
 * The service's HTTP contract, declared once. The service binds one handler
 * to each entry (and validates every input and output with these schemas);
 * the OpenAPI document is generated from the same table; a client can type
 * its calls from it. Adding a route here is the only way to add one.
 */

/**
 * Who may call a route:
 * - `none`: anyone;
 * - `enrolment`: bearer of the short-lived token `login` issues;
 * - `device`: bearer of an access token of an enrolled, unrevoked device;
 * - `admin`: bearer of the service's admin token, which stands in for the
 *   agency's and suppliers' own systems: a random secret the service makes
 *   on first start and keeps in its data directory (`keys/admin-token`,
 *   mode 0600; `npm run admin -- token` prints it). It never expires and
 *   names no person; it is compared in constant time.
 */
export type RouteAuth = 'none' | 'enrolment' | 'device' | 'admin';

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Fastify syntax (`/v1/things/:id`); the OpenAPI document uses `{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: 'meta' | 'auth' | 'sync' | 'orders' | 'documents';
  auth: RouteAuth;
  /** Request body limit in bytes when it differs from the service default (64 KiB). */
  bodyLimit?: number;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 answer. */
  response: z.ZodType;
  /** Errors particular to this route; the generic ones are added by `routeErrors`. */
  errors: readonly ServiceErrorCode[];
}

function route<const R extends RouteSpec>(spec: R): R {
  return spec;
}

export const serviceRoutes = {
  health: route({
    method: 'GET',
    path: '/health',
    tag: 'meta',
    summary: 'Liveness and the service clock',
    auth: 'none',
    response: HealthResponseSchema,
    errors: [],
  }),
  openApi: route({
    method: 'GET',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This contract as OpenAPI 3.1',
    auth: 'none',
    response: OpenApiDocumentSchema,
    errors: [],
  }),
  caCertificate: route({
    method: 'GET',
    path: '/v1/ca',
    tag: 'meta',
    summary: "The CA's root certificate",
    description: 'The same certificate enrolment returns; published so it can be compared out of band.',
    auth: 'none',
    response: CaResponseSchema,
    errors: [],
  }),
  login: route({
    method: 'POST',
    path: '/v1/auth/login',
    tag: 'auth',
    summary: 'Password, TOTP and a one-time enrolment code → enrolment token',
    description:
      'Failed attempts are throttled per username and per client address with growing delays (429 with Retry-After). ' +
      'A TOTP code is accepted one step either side of the service clock and never twice.',
    auth: 'none',
    body: LoginRequestSchema,
    response: LoginResponseSchema,
    errors: [
      'auth.invalid_credentials',
      'auth.totp_invalid',
      'auth.totp_replayed',
      'auth.throttled',
      'enrolment.code_invalid',
      'enrolment.code_expired',
      'enrolment.code_used',
      'person.revoked',
    ],
  }),
  enrol: route({
    method: 'POST',
    path: '/v1/auth/enrol',
    tag: 'auth',
    summary: 'A CSR → the device certificate and the first tokens',
    description:
      'The CSR must carry an RSA key of an accepted size, a valid self-signature, and exactly the subject ' +
      '`login` named. Consumes the enrolment code.',
    auth: 'enrolment',
    body: EnrolRequestSchema,
    response: EnrolResponseSchema,
    errors: [
      'csr.malformed',
      'csr.unsupported',
      'csr.weak_key',
      'csr.bad_signature',
      'csr.subject_mismatch',
      'csr.key_reused',
      'enrolment.code_used',
      'enrolment.code_expired',
    ],
  }),
  refresh: route({
    method: 'POST',
    path: '/v1/auth/refresh',
    tag: 'auth',
    summary: 'Device id and refresh token → fresh tokens (the refresh token rotates)',
    auth: 'none',
    body: RefreshRequestSchema,
    response: RefreshResponseSchema,
    errors: ['auth.refresh_invalid', 'auth.refresh_expired', 'device.certificate_expired', 'device.revoked', 'person.revoked'],
  }),
  logout: route({
    method: 'POST',
    path: '/v1/auth/logout',
    tag: 'auth',
    summary: 'Revoke the calling device (the officer logged out and wiped the laptop)',
    auth: 'device',
    response: LogoutResponseSchema,
    errors: [],
  }),
  me: route({
    method: 'GET',
    path: '/v1/me',
    tag: 'auth',
    summary: "The calling device's standing: person, roles, unit, certificate",
    auth: 'device',
    response: MeResponseSchema,
    errors: [],
  }),
  syncPull: route({
    method: 'POST',
    path: '/v1/sync/pull',
    tag: 'sync',
    summary: 'Changes since the given cursors, for every named scope in one round trip',
    description:
      `Each named scope answers a page: its changes in seq order, the cursor to store with them, hasMore, and reset ` +
      `(drop the scope's rows before applying: the cursor was older than the retention horizon). All scopes share one ` +
      `row limit (default ${SYNC_PULL_DEFAULT_LIMIT}, at most ${SYNC_PULL_MAX_LIMIT}); a page never splits rows of one seq. ` +
      'A cursor of another service, of another scope, or malformed is refused whole (400 sync.cursor_invalid). ' +
      'Answers above 256 bytes are compressed (br, gzip) as Accept-Encoding allows. See src-shared/sync/README.md.',
    auth: 'device',
    body: SyncPullRequestSchema,
    response: SyncPullResponseSchema,
    errors: ['sync.cursor_invalid'],
  }),
  syncPush: route({
    method: 'POST',
    path: '/v1/sync/push',
    tag: 'sync',
    summary: 'Outbox intents → one result each (applied or rejected), exactly once per intent id',
    description:
      `At most ${SYNC_PUSH_MAX_INTENTS} intents and ${SYNC_PUSH_MAX_BYTES} bytes per request, applied in array order, each in ` +
      'its own transaction with the record of its result. A business refusal is a result (status rejected), never an ' +
      'HTTP error, and does not stop the others. A known intent id answers its stored result; the same id with a ' +
      'different body is rejected with sync.intent_conflict.',
    auth: 'device',
    bodyLimit: SYNC_PUSH_MAX_BYTES,
    body: SyncPushRequestSchema,
    response: SyncPushResponseSchema,
    errors: [],
  }),
  adminOrderList: route({
    method: 'GET',
    path: '/v1/admin/orders',
    tag: 'orders',
    summary: "The agency's and suppliers' view: orders of every unit, newest first",
    description: 'Filter by status and by unit number; at most `limit` (default and maximum 1000).',
    auth: 'admin',
    query: AdminOrderListQuerySchema,
    response: AdminOrderListSchema,
    errors: [],
  }),
  adminOrderGet: route({
    method: 'GET',
    path: '/v1/admin/orders/:id',
    tag: 'orders',
    summary: 'One order, by id or by number',
    auth: 'admin',
    params: AdminOrderRefParamsSchema,
    response: OrderSchema,
    errors: ['order.not_found'],
  }),
  adminOrderAction: route({
    method: 'POST',
    path: '/v1/admin/orders/:id/actions',
    tag: 'orders',
    summary: "An action of the agency (commit, return, reject) or of the supplier (propose, decline, ship) → the order as it now stands",
    description:
      'commit, return and reject take a submitted order; propose and decline a pre-order request; ship a committed order. ' +
      'Commit checks and commits the unit\'s budget of the year (409 budget.insufficient changes nothing) and, for an ' +
      'in-stock order, takes the stock first come, first served: an order the stock can no longer cover is answered ' +
      'rejected, with a reason naming the products and offering a pre-order. A committed in-stock order ships by seven ' +
      'days after the commit. Every action adds to the order\'s timeline and reaches the unit\'s laptops on their next pull.',
    auth: 'admin',
    params: AdminOrderRefParamsSchema,
    body: OrderActionRequestSchema,
    response: OrderSchema,
    errors: ['order.not_found', 'order.invalid_state', 'budget.insufficient'],
  }),
  adminInvoiceIssue: route({
    method: 'POST',
    path: '/v1/admin/orders/:id/invoices',
    tag: 'documents',
    summary: "Supplier: ship (part of) an order and issue the expenditure invoice, signed with the supplier's key",
    description:
      'The order (by id or number) must be committed, in delivery or partially delivered. Without `lines`, the invoice ships ' +
      'every line\'s outstanding quantity: ordered, less received, less what issued invoices still awaiting the unit\'s receipt ' +
      'ship. More than is outstanding is refused (409 invoice.exceeds_outstanding). Money lines carry the signed unit price; ' +
      'e-points lines the catalogue price in UAH. In the reference service the supplier signs through this API with a key ' +
      'the service holds for it (made on its first document, certified by the service\'s CA); a real supplier signs on its own ' +
      'side. The supplier signs the content (CMS) and the Ukrainian and English PDF renditions; a committed order goes ' +
      'in_delivery. The invoice reaches the unit\'s laptops on their next pull (scope documents).',
    auth: 'admin',
    params: AdminOrderRefParamsSchema,
    body: InvoiceIssueRequestSchema,
    response: InvoiceSchema,
    errors: ['order.not_found', 'order.invalid_state', 'invoice.exceeds_outstanding'],
  }),
  adminInvoiceList: route({
    method: 'GET',
    path: '/v1/admin/invoices',
    tag: 'documents',
    summary: 'Expenditure invoices of every unit, newest first',
    description: 'Filter by unit number and status; at most `limit` (default and maximum 1000).',
    auth: 'admin',
    query: AdminInvoiceListQuerySchema,
    response: AdminInvoiceListSchema,
    errors: [],
  }),
  adminInvoiceGet: route({
    method: 'GET',
    path: '/v1/admin/invoices/:id',
    tag: 'documents',
    summary: 'One invoice, by id or by number, with its signatures and the unit\'s receipt',
    auth: 'admin',
    params: AdminDocumentRefParamsSchema,
    response: InvoiceSchema,
    errors: ['invoice.not_found'],
  }),
  adminCertificateIssue: route({
    method: 'POST',
    path: '/v1/admin/certificates',
    tag: 'documents',
    summary: "Supplier: draw up an acceptance certificate from the unit's signed invoices of a period and sign it first",
    description:
      'Lists the named invoices, or every invoice of the supplier to the unit dated in the period that the unit received and ' +
      'signed and that no certificate lists yet. Each is quoted by id, number, the digests of the invoice and of the unit\'s ' +
      'receipt, and the accepted amount (received quantities at the invoice\'s prices). A named invoice the unit has not ' +
      'signed for is refused (409 certificate.invoice_not_received), as is one already certified or dated outside the period. ' +
      'The listed invoices become certified. The commander signs second (intent certificate.sign), the agency third.',
    auth: 'admin',
    body: CertificateIssueRequestSchema,
    response: AcceptanceCertificateSchema,
    errors: [
      'invoice.not_found',
      'certificate.no_invoices',
      'certificate.invoice_not_received',
      'certificate.invoice_already_certified',
      'certificate.invoice_outside_period',
    ],
  }),
  adminCertificateList: route({
    method: 'GET',
    path: '/v1/admin/certificates',
    tag: 'documents',
    summary: 'Acceptance certificates of every unit, newest first',
    description: 'Filter by unit number and status; at most `limit` (default and maximum 1000).',
    auth: 'admin',
    query: AdminCertificateListQuerySchema,
    response: AdminCertificateListSchema,
    errors: [],
  }),
  adminCertificateGet: route({
    method: 'GET',
    path: '/v1/admin/certificates/:id',
    tag: 'documents',
    summary: 'One acceptance certificate, by id or by number, with its three signature slots',
    auth: 'admin',
    params: AdminDocumentRefParamsSchema,
    response: AcceptanceCertificateSchema,
    errors: ['certificate.not_found'],
  }),
  adminCertificateAction: route({
    method: 'POST',
    path: '/v1/admin/certificates/:id/actions',
    tag: 'documents',
    summary: 'Agency: sign third (agency_sign → complete), then pay (pay → paid) → the certificate as it now stands',
    description:
      'agency_sign takes a certificate the unit has signed: the agency\'s key signs the content and the PDF renditions on top ' +
      'of the supplier\'s and the commander\'s signatures. pay takes a complete certificate; every order it covers that is ' +
      'delivered in full and has all its invoices in paid certificates becomes closed, and the money committed for it is spent.',
    auth: 'admin',
    params: AdminDocumentRefParamsSchema,
    body: CertificateActionRequestSchema,
    response: AcceptanceCertificateSchema,
    errors: ['certificate.not_found', 'certificate.invalid_state'],
  }),
} as const;

export type ServiceRoutes = typeof serviceRoutes;
export type RouteName = keyof ServiceRoutes;
export const routeNames = Object.keys(serviceRoutes) as RouteName[];

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
export type RouteBody<N extends RouteName> = Out<ServiceRoutes[N] extends { body: infer B } ? B : undefined>;
export type RouteParams<N extends RouteName> = Out<ServiceRoutes[N] extends { params: infer P } ? P : undefined>;
export type RouteQuery<N extends RouteName> = Out<ServiceRoutes[N] extends { query: infer Q } ? Q : undefined>;
export type RouteResponse<N extends RouteName> = z.input<ServiceRoutes[N]['response']>;

/** Every error a route can answer with: its own, plus those that follow from its inputs and its auth. */
export function routeErrors(spec: RouteSpec): ServiceErrorCode[] {
  const codes = new Set<ServiceErrorCode>(spec.errors);
  if (spec.body || spec.params || spec.query) codes.add('request.invalid');
  if (spec.body) {
    codes.add('request.too_large');
    codes.add('request.unsupported_media_type');
  }
  if (spec.auth !== 'none') {
    codes.add('auth.required');
    codes.add('auth.token_invalid');
  }
  // The admin token names no person and does not expire.
  if (spec.auth === 'device' || spec.auth === 'enrolment') {
    codes.add('auth.token_expired');
    codes.add('person.revoked');
  }
  if (spec.auth === 'device') codes.add('device.revoked');
  codes.add('internal');
  return [...codes];
}
