import type { z } from 'zod';
import type { OrderListRequestSchema, OrderSummary } from '@shared/api/ordering';
import { foldForSearch } from '../catalog/text';
import type { Db } from '../store/db';
import { kyivDateOf } from '@shared/domain/kyiv-calendar';
import { readOrderRecords } from './records';
import { faceOf, lookups, toSummary } from './summary';

export type OrderListRequest = z.output<typeof OrderListRequestSchema>;

const fold = (text: string): string => foldForSearch(text).replace(/\s+/gu, ' ').trim();

/**
 * The orders page: drafts, signed orders on their way and the service's
 * orders together, newest first. A unit places hundreds of orders a year,
 * not hundreds of thousands, so the filters run over the merged records in
 * memory rather than as SQL over three tables and the outbox.
 *
 * The query matches (every word, as a substring, case and apostrophes
 * folded) the order number, the supplier's brand and name, and the names
 * and SKUs of the products ordered. The period is on the day the order was
 * created, in Kyiv.
 */
export function listOrders(db: Db, request: OrderListRequest): OrderSummary[] {
  const look = lookups(db);
  const words = request.query === undefined ? [] : fold(request.query).split(' ').filter((word) => word !== '');
  const statuses = request.statuses && request.statuses.length > 0 ? new Set(request.statuses) : undefined;
  const found: OrderSummary[] = [];
  for (const order of readOrderRecords(db)) {
    const summary = toSummary(order, look);
    if (statuses && !statuses.has(summary.status)) continue;
    if (request.kind && summary.kind !== request.kind) continue;
    if (request.supplierId && summary.supplier.id !== request.supplierId) continue;
    if (request.from || request.to) {
      const day = kyivDateOf(summary.createdAt);
      if ((request.from && day < request.from) || (request.to && day > request.to)) continue;
    }
    if (words.length > 0) {
      const face = faceOf(order);
      const text = fold(
        [summary.number ?? '', summary.supplier.brand, summary.supplier.name, ...face.lines.flatMap((line) => [line.name, line.sku])].join(' \u0001 '),
      );
      if (!words.every((word) => text.includes(word))) continue;
    }
    found.push(summary);
  }
  // UUID v7 ids follow creation too: they break ties of one millisecond.
  return found.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}
