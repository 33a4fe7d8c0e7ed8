import type { ProductCard, WatchState } from '@shared/api/contract';
import { i18n } from '../i18n';
import { formatNumber } from '../i18n/format';

/** "В наявності: 12", "Передзамовлення · 21 день", or "Немає в наявності" when neither is known. */
export function availabilityText(product: Pick<ProductCard, 'stock' | 'leadTimeDays'>): string {
  const { t } = i18n.global;
  if (product.stock > 0) return t('product.inStock', { count: formatNumber(product.stock) });
  if (product.leadTimeDays !== null && product.leadTimeDays > 0) {
    return t('product.preorder', { days: t('product.days', product.leadTimeDays) });
  }
  return t('product.unavailable');
}

/**
 * Whether the officer watches the product, as the screen should show it. A
 * removal waiting in the outbox comes as `{restock: false, price: false,
 * pending: true}`: not watched any more, with the change still to be sent.
 */
export function isWatching(watch: WatchState | null | undefined): watch is WatchState {
  return watch != null && (watch.restock || watch.price);
}
