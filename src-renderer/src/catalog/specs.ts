import type { ProductDetail } from '@shared/api/contract';
import { i18n } from '../i18n';
import { formatNumber } from '../i18n/format';

type SpecRow = ProductDetail['specs'][number];

/** Fields whose values are codes with a translation (`specs.values.<key>.<code>`), not free text. */
const CODED_FIELDS = new Set(['videoLink', 'drive']);

/** A specification's label, with its unit: "Дальність, км". A field this build does not know is shown by its name. */
export function specLabel(key: string): string {
  const path = `specs.keys.${key}`;
  return i18n.global.te(path) ? i18n.global.t(path) : key;
}

/** A specification's value as the table shows it: numbers per locale, yes/no, lists joined, codes translated. */
export function specValue(row: SpecRow): string {
  const { key, value } = row;
  if (typeof value === 'boolean') return i18n.global.t(value ? 'specs.yes' : 'specs.no');
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.join(', ');
  if (CODED_FIELDS.has(key)) {
    const path = `specs.values.${key}.${value}`;
    if (i18n.global.te(path)) return i18n.global.t(path);
  }
  return value;
}
