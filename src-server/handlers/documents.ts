import type { ServiceContext } from '../context';
import { applyCertificateAction } from '../documents/certificate-actions';
import { issueCertificate } from '../documents/certificate-issue';
import type { DocumentDeps } from '../documents/deps';
import { issueInvoice } from '../documents/invoice-issue';
import { requireCertificate, requireInvoice } from '../documents/lookup';
import type { Handler } from '../http/routing';
import { ServiceError } from '../http/errors';
import { listCertificates } from '../store/documents-certificates';
import { listInvoices } from '../store/documents-invoices';
import { findUnitByNumber } from '../store/units';

/** The admin API of delivery documents: what suppliers and the agency see and do (src-server/documents/). */

function deps(ctx: ServiceContext): DocumentDeps {
  return { db: ctx.db, keyring: ctx.keyring, now: ctx.clock() };
}

/** An unknown unit has no documents; saying so is clearer than an empty list that looks like a quiet unit. */
function unitIdOf(ctx: ServiceContext, number: string | undefined): string | undefined {
  if (number === undefined) return undefined;
  const unit = findUnitByNumber(ctx.db, number);
  if (!unit) throw new ServiceError('request.invalid', `No unit ${number}`, { issues: [{ path: 'query.unit', message: 'no such unit' }] });
  return unit.id;
}

export function adminInvoiceIssueHandler(ctx: ServiceContext): Handler<'adminInvoiceIssue'> {
  return async ({ params, body }) => issueInvoice(deps(ctx), params.id, body);
}

export function adminInvoiceListHandler(ctx: ServiceContext): Handler<'adminInvoiceList'> {
  return async ({ query }) => ({ invoices: listInvoices(ctx.db, { unitId: unitIdOf(ctx, query.unit), status: query.status, limit: query.limit }) });
}

export function adminInvoiceGetHandler(ctx: ServiceContext): Handler<'adminInvoiceGet'> {
  return async ({ params }) => requireInvoice(ctx.db, params.id);
}

export function adminCertificateIssueHandler(ctx: ServiceContext): Handler<'adminCertificateIssue'> {
  return async ({ body }) => issueCertificate(deps(ctx), body);
}

export function adminCertificateListHandler(ctx: ServiceContext): Handler<'adminCertificateList'> {
  return async ({ query }) => ({ certificates: listCertificates(ctx.db, { unitId: unitIdOf(ctx, query.unit), status: query.status, limit: query.limit }) });
}

export function adminCertificateGetHandler(ctx: ServiceContext): Handler<'adminCertificateGet'> {
  return async ({ params }) => requireCertificate(ctx.db, params.id);
}

export function adminCertificateActionHandler(ctx: ServiceContext): Handler<'adminCertificateAction'> {
  return async ({ params, body }) => applyCertificateAction(deps(ctx), params.id, body);
}
