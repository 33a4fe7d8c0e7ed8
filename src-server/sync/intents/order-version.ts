import type { Order, OrderContent, OrderKind, ServiceOrderStatus } from '@shared/service/orders';
import { refuse } from './handler';

/**
 * Which version of an order the service will take, and the status it then
 * has. A signed version is immutable; the next one (version + 1, same kind
 * and supplier) is taken only
 * - after a return for revision (the orderer edited and signed again), or
 * - as the acceptance of a supplier's proposal: the content names the very
 *   date the supplier promised, and the lines the supplier answered.
 */

function initialStatus(kind: OrderKind): ServiceOrderStatus {
  return kind === 'in_stock' ? 'submitted' : 'preorder_requested';
}

/** The same signed version arriving again (a new intent id for the same document): answered, never applied twice. */
export function isResubmission(existing: Order, content: OrderContent, signature: string): boolean {
  return (
    existing.unitId === content.unit.id &&
    existing.content.version === content.version &&
    Buffer.from(existing.signature, 'base64').equals(Buffer.from(signature, 'base64'))
  );
}

export interface VersionPlan {
  status: ServiceOrderStatus;
  /** The promised date the order keeps (an accepted proposal's), or null. */
  promisedDate: string | null;
}

export function planVersion(existing: Order | undefined, content: OrderContent): VersionPlan {
  if (!existing) {
    if (content.version !== 1) {
      refuse<'order.submit'>('order.version_conflict', `The service has no order ${content.orderId}; its first version must be 1, not ${content.version}`, {
        version: content.version,
        expected: 1,
      });
    }
    return { status: initialStatus(content.kind), promisedDate: null };
  }
  if (existing.unitId !== content.unit.id) {
    refuse<'order.submit'>('order.version_conflict', `The order id ${content.orderId} is taken`, { version: content.version });
  }
  if (content.version === existing.content.version) {
    refuse<'order.submit'>('order.already_submitted', `Version ${content.version} of order ${existing.number} is already with the service`, {
      number: existing.number,
      version: existing.content.version,
    });
  }
  if (content.version !== existing.content.version + 1 || content.kind !== existing.kind || content.supplier.id !== existing.supplierId) {
    refuse<'order.submit'>(
      'order.version_conflict',
      `Order ${existing.number} is at version ${existing.content.version}: the next must be ${existing.content.version + 1}, of the same kind and supplier`,
      { number: existing.number, version: content.version, expected: existing.content.version + 1 },
    );
  }
  if (existing.status === 'proposal_received') return acceptProposal(existing, content);
  if (existing.status === 'returned') {
    // A returned pre-order whose proposal was already accepted goes straight back to the agency if it keeps the promise.
    const keepsPromise = existing.kind === 'preorder' && existing.promisedDate !== null && content.promisedDate === existing.promisedDate;
    return keepsPromise ? { status: 'submitted', promisedDate: existing.promisedDate } : { status: initialStatus(content.kind), promisedDate: null };
  }
  return refuse<'order.submit'>('order.not_editable', `Order ${existing.number} is ${existing.status}; a new version is taken only after a return or to accept a proposal`, {
    number: existing.number,
    status: existing.status,
  });
}

function acceptProposal(existing: Order, content: OrderContent): VersionPlan {
  if (content.promisedDate === null || content.promisedDate !== existing.promisedDate) {
    refuse<'order.submit'>('order.not_editable', `To accept the proposal for order ${existing.number}, sign it with the promised date ${existing.promisedDate ?? ''}`, {
      number: existing.number,
      status: existing.status,
      promisedDate: existing.promisedDate ?? '',
    });
  }
  const answered = existing.content.lines.map((line) => `${line.productId}×${line.quantity}`).join(',');
  const accepted = content.lines.map((line) => `${line.productId}×${line.quantity}`).join(',');
  if (answered !== accepted) {
    refuse<'order.submit'>('order.not_editable', `The supplier's proposal for order ${existing.number} covers its lines as requested; accept it without changing them`, {
      number: existing.number,
      status: existing.status,
    });
  }
  return { status: 'submitted', promisedDate: existing.promisedDate };
}
