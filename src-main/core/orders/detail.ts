import type { OrderDetail, OrderLineView, OrderUserAction, SignatureCheck } from '@shared/api/ordering';
import { cancellableStatuses, type OrderContent, type OrderEvent } from '@shared/service/orders';
import { receivedByProduct } from '../documents/deliveries';
import type { Db } from '../store/db';
import { draftLineProblem } from './drafts';
import { NEW_VERSION_STATUSES, type OrderRecord } from './records';
import { checkOrderSignature, type Trust } from './signature-check';
import { lookups, toSummary } from './summary';
import type { ServiceOrder } from './orders-repo';

/** The order page: the summary, its lines with their progress, the timeline, the signature as checked here, and what the officer may do. */
export function orderDetail(db: Db, order: OrderRecord, trust: Trust): OrderDetail {
  return {
    ...toSummary(order, lookups(db)),
    version: order.draft?.version ?? order.signed?.version ?? (order.service as ServiceOrder).content.version,
    lines: linesOf(db, order),
    timeline: timelineOf(order),
    comment: commentOf(order.service),
    signature: signatureOf(order, trust),
    actions: actionsOf(order),
  };
}

function linesOf(db: Db, order: OrderRecord): OrderLineView[] {
  if (order.draft) {
    return order.draft.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      funding: line.funding,
      unitPrice: line.unitPrice,
      lineTotal: line.quantity * line.unitPrice,
      delivered: 0,
      outstanding: line.quantity,
      expectedDate: null,
      problem: draftLineProblem(db, line),
    }));
  }
  const content = (order.signed?.content ?? order.service?.content) as OrderContent;
  // A signed new version is not the service's yet: the progress it reports belongs to the version under it.
  const states = order.signed ? [] : (order.service?.lines ?? []);
  // Receipts signed here show at once, before the service's count includes them.
  const received = order.signed ? new Map<string, number>() : receivedByProduct(db, order.id);
  return content.lines.map((line, index) => {
    const state = states[index]?.productId === line.productId ? states[index] : states.find((candidate) => candidate.productId === line.productId);
    const delivered = Math.max(state?.deliveredQuantity ?? 0, received.get(line.productId) ?? 0);
    return {
      productId: line.productId,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      funding: line.funding,
      unitPrice: line.unitPrice,
      lineTotal: line.total,
      delivered,
      outstanding: Math.max(0, line.quantity - delivered),
      expectedDate: state?.expectedDate ?? null,
      problem: null,
    };
  });
}

/**
 * The service's events, then what happened only here: a draft made, a
 * version signed. Those carry this laptop's clock, which may be off; they
 * come after the service's events because they are later versions.
 */
function timelineOf(order: OrderRecord): OrderDetail['timeline'] {
  const events: OrderDetail['timeline'] = (order.service?.timeline ?? []).map((event) => ({ ...event }));
  const local = order.service === undefined;
  if (order.signed) {
    if (local) events.push({ status: 'draft', at: order.signed.createdAt, actor: 'unit', note: null });
    events.push({ status: 'signed', at: order.signed.signedAt, actor: 'unit', note: null });
  }
  if (order.draft) {
    events.push({ status: 'draft', at: local && !order.signed ? order.draft.createdAt : order.draft.updatedAt, actor: 'unit', note: null });
  }
  return events;
}

/** The reason of a rejection or cancellation (a supplier's decline is one), else the agency's latest comment on a return. */
function commentOf(service: ServiceOrder | undefined): string | null {
  if (!service) return null;
  const latest = (statuses: readonly OrderEvent['status'][]): string | null =>
    service.timeline.findLast((event) => statuses.includes(event.status) && event.note !== null)?.note ?? null;
  if (service.status === 'rejected' || service.status === 'cancelled') return latest([service.status]) ?? latest(['returned']);
  return latest(['returned']);
}

function signatureOf(order: OrderRecord, trust: Trust): SignatureCheck | null {
  if (order.draft) return null;
  if (order.signed) return checkOrderSignature(order.signed.content, order.signed.signature, trust);
  const service = order.service as ServiceOrder;
  return checkOrderSignature(service.content, service.signature, trust);
}

/** What the state allows (DESIGN.md, "Order"); nothing while an intent about the order is on its way. */
export function actionsOf(order: OrderRecord): OrderUserAction[] {
  if (order.pending) return [];
  const cancellable = order.service !== undefined && cancellableStatuses.includes(order.service.status);
  if (order.draft) {
    // A new version the service would no longer take (the order was cancelled or rejected meanwhile) can only be thrown away.
    if (order.service && !NEW_VERSION_STATUSES.includes(order.service.status)) return ['discard_draft'];
    return ['edit', 'sign', 'discard_draft', ...(cancellable ? (['cancel'] as const) : [])];
  }
  // A signed version only stops being pending when the service refused it: revise it, or give it up.
  if (order.signed) return ['revise', 'cancel'];
  switch (order.service?.status) {
    case 'returned':
      return ['revise', 'cancel'];
    case 'proposal_received':
      return ['accept_proposal', 'decline_proposal', 'cancel'];
    case 'preorder_requested':
    case 'submitted':
      return ['cancel'];
    default:
      return [];
  }
}
