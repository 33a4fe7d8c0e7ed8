import type { ServiceContext } from '../context';
import type { HandlerTable } from '../http/routing';
import {
  adminCertificateActionHandler,
  adminCertificateGetHandler,
  adminCertificateIssueHandler,
  adminCertificateListHandler,
  adminInvoiceGetHandler,
  adminInvoiceIssueHandler,
  adminInvoiceListHandler,
} from './documents';
import { enrolHandler } from './enrol';
import { loginHandler } from './login';
import { caCertificateHandler, healthHandler, openApiHandler } from './meta';
import { adminOrderActionHandler, adminOrderGetHandler, adminOrderListHandler } from './orders';
import { refreshHandler } from './refresh';
import { logoutHandler, meHandler } from './session';
import { syncPullHandler, syncPushHandler } from './sync';

/** The service, one handler per route of src-shared/service/routes.ts. */
export function createHandlers(ctx: ServiceContext): HandlerTable {
  return {
    health: healthHandler(ctx),
    openApi: openApiHandler(ctx),
    caCertificate: caCertificateHandler(ctx),
    login: loginHandler(ctx),
    enrol: enrolHandler(ctx),
    refresh: refreshHandler(ctx),
    logout: logoutHandler(ctx),
    me: meHandler(ctx),
    syncPull: syncPullHandler(ctx),
    syncPush: syncPushHandler(ctx),
    adminOrderList: adminOrderListHandler(ctx),
    adminOrderGet: adminOrderGetHandler(ctx),
    adminOrderAction: adminOrderActionHandler(ctx),
    adminInvoiceIssue: adminInvoiceIssueHandler(ctx),
    adminInvoiceList: adminInvoiceListHandler(ctx),
    adminInvoiceGet: adminInvoiceGetHandler(ctx),
    adminCertificateIssue: adminCertificateIssueHandler(ctx),
    adminCertificateList: adminCertificateListHandler(ctx),
    adminCertificateGet: adminCertificateGetHandler(ctx),
    adminCertificateAction: adminCertificateActionHandler(ctx),
  };
}
