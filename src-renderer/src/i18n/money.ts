/**
 * Reading an amount of hryvnias the officer typed, into integer kopiykas.
 * The text is taken apart as a decimal string and put together with integer
 * arithmetic: no binary fraction ever stands between what was typed and what
 * is sent (12,10 грн is 1210 kopiykas, never 1209.9999).
 */

/** An empty field (no limit), a valid amount, or text that is not an amount. */
export type UahInput = { kind: 'empty' } | { kind: 'amount'; kopiykas: number } | { kind: 'invalid' };

/** At most this many digits of whole hryvnias: the kopiykas stay a safe integer with room to spare. */
const MAX_WHOLE_DIGITS = 13;

/** Spaces of every kind people and Intl put between digit groups, and the apostrophe some use. */
const GROUPING_SPACES = /[\s\u00a0\u2009\u202f'’]/gu;
/** A currency word or sign typed (or pasted) after the figure. */
const CURRENCY = /(грн\.?|гривень|гривні|гривня|uah|₴)$/iu;

/**
 * "12 500", "12500,5", "12 500.50 грн", "1.234,56", "1,234.56" → kopiykas.
 * A separator followed by one or two digits at the end is the decimal mark
 * (comma or point alike); any other separator groups thousands and must be
 * followed by exactly three digits. More than two decimals, signs, letters
 * or an amount beyond thirteen digits of hryvnias are refused.
 */
export function parseUahInput(text: string): UahInput {
  const compact = text.trim().replace(CURRENCY, '').replace(GROUPING_SPACES, '');
  if (compact === '') return { kind: 'empty' };
  if (!/^\d[\d.,]*$/u.test(compact) || /[.,]$/u.test(compact)) return { kind: 'invalid' };

  let whole = compact;
  let fraction = '';
  const decimal = /[.,](\d{1,2})$/u.exec(compact);
  if (decimal) {
    fraction = decimal[1] ?? '';
    whole = compact.slice(0, decimal.index);
  }
  // What is left may only be digits grouped by one kind of separator, three digits a group.
  const separators = new Set(whole.match(/[.,]/gu) ?? []);
  if (separators.size > 1) return { kind: 'invalid' };
  if (separators.size === 1) {
    const groups = whole.split(/[.,]/u);
    if (groups.slice(1).some((group) => group.length !== 3) || (groups[0] ?? '').length === 0) return { kind: 'invalid' };
    if (decimal && separators.has(compact.charAt(decimal.index))) return { kind: 'invalid' };
    whole = groups.join('');
  }
  whole = whole.replace(/^0+(?=\d)/u, '');
  if (whole.length > MAX_WHOLE_DIGITS) return { kind: 'invalid' };
  const kopiykas = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(kopiykas) ? { kind: 'amount', kopiykas } : { kind: 'invalid' };
}
