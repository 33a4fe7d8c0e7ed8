/**
 * Military unit numbers as the agency writes them: the Armed Forces use a
 * Cyrillic letter (А or В) and four digits (А1234, В4321); the National Guard
 * uses four digits alone (3017). Latin look-alikes are a common typing slip and
 * would create a second unit that looks identical, so they are folded into
 * the Cyrillic letters before checking.
 */
export const UNIT_NUMBER_PATTERN = /^(?:[АВ]\d{4}|\d{4})$/u;

const LOOKALIKES: Record<string, string> = { A: 'А', a: 'А', B: 'В', b: 'В', а: 'А', в: 'В' };

/** Trim, drop an optional "в/ч" prefix and inner spaces, fold look-alike letters. Does not validate. */
export function normaliseUnitNumber(input: string): string {
  const compact = input.trim().replace(/^в\/ч\s*/iu, '').replace(/\s+/gu, '');
  const first = compact.charAt(0);
  return (LOOKALIKES[first] ?? first) + compact.slice(1);
}

export function isUnitNumber(value: string): boolean {
  return UNIT_NUMBER_PATTERN.test(value);
}

/** A National Guard unit is numbered by digits alone. */
export function isNationalGuardNumber(value: string): boolean {
  return /^\d{4}$/u.test(value);
}
