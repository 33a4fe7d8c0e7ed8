import { apiMethods, type ApiMethod } from '@shared/api/contract';
import type { HandlerTable } from '../dispatch';

/**
 * Methods that do not count as the officer being present: the UI calls
 * these reads on its own (polling, re-querying after a background sync), and
 * that must not keep an unattended vault open. The officer's own typing and
 * clicking reach the core as sessionActivity.
 */
export const NOT_ACTIVITY: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'appStatus',
  'syncStatus',
  'settingsGet',
  'identityGet',
  'catalogSearch',
  'productGet',
  'budgetGet',
  'attentionList',
  'cartGet',
  'hromadaSearch',
  'orderList',
  'orderGet',
  'invoiceList',
  'invoiceGet',
  'certificateList',
  'certificateGet',
]);

type AnyHandler = (request: unknown) => Promise<unknown>;

/**
 * Wraps the table so every (valid) call counts as activity for auto-lock.
 * It sits inside dispatch, so rejected requests never reach it: garbage
 * cannot keep a session alive.
 */
export function countActivity(table: HandlerTable, touch: () => void): HandlerTable {
  const wrapped: Record<ApiMethod, AnyHandler> = { ...(table as Record<ApiMethod, AnyHandler>) };
  for (const method of apiMethods) {
    if (NOT_ACTIVITY.has(method)) continue;
    const handler = wrapped[method];
    wrapped[method] = (request) => {
      touch();
      return handler(request);
    };
  }
  return wrapped as HandlerTable;
}
