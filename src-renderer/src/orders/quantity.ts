import { ORDER_LINE_MAX_QUANTITY } from '@shared/service/orders';

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = ORDER_LINE_MAX_QUANTITY;

/** Why typed text is not a quantity; each has a message under `cart.quantityErrors`. */
export type QuantityProblem = 'empty' | 'notNumber' | 'fraction' | 'zero' | 'negative' | 'tooLarge';

export type QuantityInput = { kind: 'ok'; quantity: number } | { kind: 'invalid'; problem: QuantityProblem };

/**
 * What the officer typed in a quantity field: a whole number of pieces from
 * 1 to 10 000. Grouping spaces are allowed ("1 000"); a decimal mark, a sign
 * or anything else is explained rather than rounded away.
 */
export function parseQuantity(text: string): QuantityInput {
  const compact = text.trim().replace(/[\s\u00a0\u202f\u2009]/gu, '');
  if (compact === '') return { kind: 'invalid', problem: 'empty' };
  const signed = /^([+\-\u2212\u2013]?)(\d+)(?:[.,](\d+))?$/u.exec(compact);
  if (!signed) return { kind: 'invalid', problem: 'notNumber' };
  const [, sign = '', whole = '', fraction] = signed;
  const negative = sign !== '' && sign !== '+';
  if (fraction !== undefined && /[1-9]/u.test(fraction)) return { kind: 'invalid', problem: negative ? 'negative' : 'fraction' };
  const value = Number(whole);
  if (value === 0) return { kind: 'invalid', problem: 'zero' };
  if (negative) return { kind: 'invalid', problem: 'negative' };
  if (!Number.isSafeInteger(value) || value > MAX_QUANTITY) return { kind: 'invalid', problem: 'tooLarge' };
  return { kind: 'ok', quantity: value };
}

/** A quantity kept inside the allowed range (for the stepper buttons). */
export function clampQuantity(value: number): number {
  if (!Number.isFinite(value)) return MIN_QUANTITY;
  return Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, Math.trunc(value)));
}
