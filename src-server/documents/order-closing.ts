import { kyivYear } from '@shared/domain/kyiv-calendar';
import { spendCommitted } from '../store/budgets';
import type { Db } from '../store/database';
import { ordersOfCertificate, unpaidInvoicesOfOrder } from '../store/documents-certificates';
import { changeOrderStatus, readOrder } from '../store/orders';

/**
 * An order is closed when it is delivered in full and every invoice it was
 * delivered with is in a paid acceptance certificate (DESIGN.md). The money
 * committed for it when the agency committed it is then spent, in the
 * budget year of that commit.
 */
export function closePaidOrders(db: Db, certificateId: string, certificateNumber: string, now: number): void {
  for (const orderId of ordersOfCertificate(db, certificateId)) {
    const order = readOrder(db, orderId);
    if (order.status !== 'delivered' || unpaidInvoicesOfOrder(db, orderId) > 0) continue;
    changeOrderStatus(db, orderId, { status: 'closed' }, { at: now, actor: 'agency', note: `Paid under acceptance certificate ${certificateNumber}` });
    const committed = order.timeline.find((event) => event.status === 'committed');
    const money = order.content.totals.moneyKopiykas;
    if (committed && money > 0) spendCommitted(db, order.unitId, kyivYear(Date.parse(committed.at)), money);
  }
}
