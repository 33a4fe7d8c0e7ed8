import { i18n } from '../i18n';
import { formatNumber } from '../i18n/format';

/** What the invoice and certificate lists share: their order and their count line. */

interface Listed {
  awaitingUnit: boolean;
  date: string;
  number: string;
}

/** Those waiting for the unit's signature first, then the newest. */
export function awaitingFirst<T extends Listed>(documents: readonly T[]): T[] {
  return [...documents].sort((a, b) => Number(b.awaitingUnit) - Number(a.awaitingUnit) || b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
}

/** "12 invoices · 3 awaiting your signature", from `<list>.count` and `<list>.awaitingCount`. */
export function listCountText(list: 'invoices' | 'certificates', total: number, awaiting: number): string {
  const { t } = i18n.global;
  const all = t(`${list}.count`, { count: formatNumber(total) }, total);
  return awaiting > 0 ? `${all} · ${t(`${list}.awaitingCount`, { count: formatNumber(awaiting) }, awaiting)}` : all;
}
