import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Refresh tokens: 256 random bits, shown to the device once and stored only
 * as SHA-256 (they are too long to guess, so a slow hash would add nothing).
 * A refresh token is valid only together with its device id, lives 30 days
 * (never beyond the device certificate) and rotates on every use.
 */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;
const PREFIX = 'qmr_';

export function newRefreshToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
