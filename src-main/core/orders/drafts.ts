import type { z } from 'zod';
import type { DraftUpdateRequestSchema, OrderLineView } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import type { OrderContent } from '@shared/service/orders';
import type { Db } from '../store/db';
import { kyivDate } from '@shared/domain/kyiv-calendar';
import { deleteDraft, readDraft, writeDraft, type DraftLine, type DraftRecord } from './drafts-repo';
import { requireHromada } from './hromadas';
import { discardRejectedOrderIntents } from './order-outbox';
import { deleteSigned } from './orders-repo';
import { readCatalogueProduct, requireOrderableProduct, unitPriceOf } from './products';
import { notAllowed, requireOrderRecord, type OrderRecord } from './records';
import { lookups } from './summary';

/**
 * Draft orders (issue 5, item 4): made from the cart (checkout.ts), by
 * revising a returned order, or by accepting a supplier's proposal; edited
 * and discarded until signed. Every function here writes plain statements:
 * the handler runs it in one transaction.
 */

export type DraftUpdateRequest = z.output<typeof DraftUpdateRequestSchema>;

/** A pre-order needs the date the unit needs the goods by, and not one already gone (in Kyiv). */
export function checkNeededBy(neededBy: string | null, now: number): string {
  if (neededBy === null) throw new AppError('cart.needed_by_required', 'A pre-order needs the date the unit needs the goods by');
  const today = kyivDate(now);
  if (neededBy < today) throw new AppError('cart.needed_by_required', `The needed-by date ${neededBy} has passed`, { neededBy, today });
  return neededBy;
}

/** A draft line the catalogue has moved away from: its product withdrawn, or priced differently now. */
export function draftLineProblem(db: Db, line: DraftLine): OrderLineView['problem'] {
  const product = readCatalogueProduct(db, line.productId);
  if (!product?.active) return 'withdrawn';
  const price = line.funding === 'money' ? product.priceKopiykas : product.ePointsPrice;
  return price === line.unitPrice ? null : 'price_changed';
}

/** Signing waits until every line matches the catalogue again (an edit re-prices them). */
export function requireFreshDraft(db: Db, draft: DraftRecord): void {
  const stale = draft.lines.find((line) => draftLineProblem(db, line) !== null);
  if (stale) {
    throw new AppError('order.draft_stale', `${stale.name}: the catalogue has changed since the draft was priced; edit the draft first`, {
      productId: stale.productId,
    });
  }
}

export function requireDraft(db: Db, id: string): DraftRecord {
  const draft = readDraft(db, id);
  if (draft) return draft;
  throw notAllowed(requireOrderRecord(db, id), 'changed as a draft');
}

/**
 * The officer's edit: lines (quantity and funding; products of the draft's
 * supplier only), hromada and needed-by date. Every line is priced at
 * today's catalogue price, which is how a stale draft is brought back.
 */
export function updateDraft(db: Db, request: DraftUpdateRequest, now: number): void {
  const draft = requireDraft(db, request.id);
  const seen = new Set<string>();
  const lines = request.lines.map((line): DraftLine => {
    if (seen.has(line.productId)) throw new AppError('request.invalid', `The product ${line.productId} is on two lines`, { productId: line.productId });
    seen.add(line.productId);
    const known = draft.lines.find((candidate) => candidate.productId === line.productId);
    if (known && !readCatalogueProduct(db, line.productId)) {
      throw new AppError('cart.product_withdrawn', `${known.name} has been withdrawn from the catalogue`, { productId: line.productId, name: known.name });
    }
    const product = requireOrderableProduct(db, line.productId);
    if (product.supplierId !== draft.supplierId) {
      throw new AppError('request.invalid', `${product.name} is not supplied by this order's supplier`, { productId: line.productId });
    }
    return { productId: product.id, name: product.name, sku: product.sku, quantity: line.quantity, funding: line.funding, unitPrice: unitPriceOf(product, line.funding) };
  });
  requireHromada(db, request.hromadaCode);
  let neededBy: string | null = null;
  if (draft.kind === 'preorder') neededBy = checkNeededBy(request.neededBy, now);
  else if (request.neededBy !== null) throw new AppError('request.invalid', 'Only a pre-order names the date the unit needs the goods by');
  writeDraft(db, { ...draft, lines, hromadaCode: request.hromadaCode, neededBy, updatedAt: new Date(now).toISOString() });
}

export function discardDraft(db: Db, id: string): void {
  requireDraft(db, id);
  deleteDraft(db, id);
}

/** Signed lines priced again at today's catalogue prices; a line whose product is gone keeps its old price (and shows as withdrawn). */
function repriced(db: Db, content: OrderContent): DraftLine[] {
  return content.lines.map((line) => {
    const product = readCatalogueProduct(db, line.productId);
    if (!product?.active) return { productId: line.productId, name: line.name, sku: line.sku, quantity: line.quantity, funding: line.funding, unitPrice: line.unitPrice };
    const price = line.funding === 'money' ? product.priceKopiykas : (product.ePointsPrice ?? line.unitPrice);
    return { productId: line.productId, name: product.name, sku: product.sku, quantity: line.quantity, funding: line.funding, unitPrice: price };
  });
}

function draftFrom(db: Db, order: OrderRecord, content: OrderContent, version: number, promisedDate: string | null, now: number, createdAt: string): void {
  const supplier = lookups(db).supplier(content.supplier.id);
  writeDraft(db, {
    id: order.id,
    version,
    kind: content.kind,
    supplierId: content.supplier.id,
    supplierName: supplier?.name || content.supplier.name,
    supplierBrand: supplier?.brand ?? '',
    hromadaCode: content.hromadaCode,
    neededBy: content.kind === 'preorder' ? content.neededBy : null,
    promisedDate,
    lines: repriced(db, content),
    createdAt,
    updatedAt: new Date(now).toISOString(),
  });
}

/**
 * A new draft version of an order the agency returned for revision, at
 * today's prices. Also the way back from a submission the service refused
 * (the signed copy waiting in "needs attention"): the draft then keeps the
 * refused version's number, which the service never accepted.
 */
export function reviseOrder(db: Db, id: string, now: number): void {
  const order = requireOrderRecord(db, id);
  if (order.pending || order.draft) throw notAllowed(order, 'revised');
  if (order.signed) {
    draftFrom(db, order, order.signed.content, order.signed.version, order.signed.content.promisedDate, now, order.signed.createdAt);
    deleteSigned(db, id);
    discardRejectedOrderIntents(db, id);
    return;
  }
  const service = order.service;
  if (service?.status !== 'returned') throw notAllowed(order, 'revised');
  draftFrom(db, order, service.content, service.content.version + 1, null, now, service.createdAt);
}

/** Accepting a supplier's proposal: the next version, naming the promised date, to be signed as usual. */
export function acceptProposal(db: Db, id: string, now: number): void {
  const order = requireOrderRecord(db, id);
  const service = order.service;
  if (order.pending || order.draft || order.signed || service?.status !== 'proposal_received' || service.promisedDate === null) {
    throw notAllowed(order, 'accepted');
  }
  draftFrom(db, order, service.content, service.content.version + 1, service.promisedDate, now, service.createdAt);
}

