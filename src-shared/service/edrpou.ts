/**
 * ЄДРПОУ: the 8-digit identifier of a legal entity in the Unified State
 * Register of Ukraine. The last digit is a mod-11 check digit computed as the
 * State Statistics Service prescribes:
 *
 * - weights 1,2,3,4,5,6,7 over the first seven digits when the code is below
 *   30 000 000 or above 60 000 000, otherwise 7,1,2,3,4,5,6;
 * - if the sum mod 11 is 10, recompute with every weight increased by two
 *   (3..9, or 9,3,4,5,6,7,8);
 * - if it is 10 again, the check digit is 0.
 *
 * Examples: 00034022 (Ministry of Defence), 14360570, 40075815.
 */
const OUTER_WEIGHTS = [1, 2, 3, 4, 5, 6, 7] as const;
const MIDDLE_WEIGHTS = [7, 1, 2, 3, 4, 5, 6] as const;

function weightedRemainder(digits: readonly number[], weights: readonly number[], bump: number): number {
  let sum = 0;
  for (let i = 0; i < 7; i += 1) sum += (digits[i] ?? 0) * ((weights[i] ?? 0) + bump);
  return sum % 11;
}

/** The check digit that `code` (eight digits) must end with; the weight set depends on the whole code. */
function expectedCheckDigit(code: string): number {
  const value = Number(code);
  const digits = [...code.slice(0, 7)].map(Number);
  const weights = value < 30_000_000 || value > 60_000_000 ? OUTER_WEIGHTS : MIDDLE_WEIGHTS;
  let remainder = weightedRemainder(digits, weights, 0);
  if (remainder === 10) remainder = weightedRemainder(digits, weights, 2);
  return remainder === 10 ? 0 : remainder;
}

export function isValidEdrpou(code: string): boolean {
  if (!/^\d{8}$/u.test(code)) return false;
  return expectedCheckDigit(code) === Number(code[7]);
}

/**
 * The digit that completes seven leading digits into a valid code, or null.
 * Searching rather than computing keeps it exactly consistent with
 * `isValidEdrpou` at the 30 000 000 / 60 000 000 boundaries, where the weight
 * set depends on the check digit itself.
 */
export function edrpouCheckDigit(firstSeven: string): number | null {
  if (!/^\d{7}$/u.test(firstSeven)) throw new RangeError('ЄДРПОУ prefix must be seven digits');
  for (let digit = 0; digit <= 9; digit += 1) {
    if (isValidEdrpou(`${firstSeven}${digit}`)) return digit;
  }
  return null;
}
