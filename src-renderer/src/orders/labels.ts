import type { FundingSource, OrderKind } from '@shared/service/orders';
import type { OrderStatus } from '@shared/api/ordering';
import { i18n } from '../i18n';
import { formatNumber, formatUah } from '../i18n/format';

/**
 * Words and figures of the cart and orders, shared by their views: prices in
 * the line's own funding (hryvnias or e-points), totals of both, the kind of
 * an order, its status.
 */

/** A price or total in the funding it is paid with: "12 500,00 грн" or "300 е-балів". */
export function formatAmount(value: number, funding: FundingSource): string {
  if (funding === 'e_points') return i18n.global.t('orders.points', { count: formatNumber(value) }, value);
  return formatUah(value);
}

/** Money and e-points together, leaving out a zero part (but never both). */
export function formatTotals(totals: { moneyKopiykas: number; ePoints: number }): string {
  const parts: string[] = [];
  if (totals.moneyKopiykas > 0 || totals.ePoints === 0) parts.push(formatUah(totals.moneyKopiykas));
  if (totals.ePoints > 0) parts.push(formatAmount(totals.ePoints, 'e_points'));
  return parts.join(' + ');
}

/** "в наявності" or "передзамовлення · 21 день". */
export function kindText(kind: OrderKind, leadTimeDays: number | null = null): string {
  const { t } = i18n.global;
  if (kind === 'in_stock') return t('orders.kinds.in_stock');
  if (leadTimeDays !== null && leadTimeDays > 0) return t('cart.preorderLead', { days: t('product.days', leadTimeDays) });
  return t('orders.kinds.preorder');
}

export function statusText(status: OrderStatus): string {
  return i18n.global.t(`orders.statuses.${status}`);
}

/** The number the service gave the order, or why there is none yet. */
export function orderNumberText(number: string | null): string {
  return number ?? i18n.global.t('orders.noNumber');
}

/** Statuses in which the order waits for the unit to act. */
export const statusesNeedingUs: readonly OrderStatus[] = ['draft', 'returned', 'proposal_received'];
