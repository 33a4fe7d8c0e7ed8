import { createHash, randomInt } from 'node:crypto';

/**
 * One-time enrolment codes: 12 symbols of Crockford's base 32 (60 bits),
 * printed as K7QM-3XRT-9WPA. Crockford's alphabet has no I, L, O or U, and
 * reading is forgiving: case is ignored, I and L read as 1, O as 0, and
 * dashes and spaces are dropped. Only a SHA-256 of the normalised code is
 * stored; with 60 bits, a short expiry and throttled logins that suffices.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;
export const DEFAULT_ENROLMENT_CODE_HOURS = 72;

export function generateEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return formatEnrolmentCode(code);
}

export function formatEnrolmentCode(normalised: string): string {
  return normalised.match(/.{1,4}/gu)?.join('-') ?? normalised;
}

/** The canonical 12 symbols, or null when the input cannot be a code. */
export function normaliseEnrolmentCode(input: string): string | null {
  const folded = input
    .toUpperCase()
    .replace(/[\s-]/gu, '')
    .replace(/[IL]/gu, '1')
    .replace(/O/gu, '0');
  if (folded.length !== LENGTH) return null;
  for (const symbol of folded) if (!ALPHABET.includes(symbol)) return null;
  return folded;
}

export function hashEnrolmentCode(normalised: string): string {
  return createHash('sha256').update(`qm-enrolment-code:${normalised}`, 'utf8').digest('hex');
}
