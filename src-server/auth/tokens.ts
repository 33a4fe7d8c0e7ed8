import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Bearer tokens as compact JWTs (HS256) signed with the service's own key.
 * They carry identifiers only — the person (`sub`) and, for access tokens,
 * the device (`dev`) — never roles or unit: every request reads the person's
 * and device's current standing from the store, so a revocation or a change
 * of roles takes effect on the very next request.
 *
 * - `enrol`: from login to enrolment (10 minutes); `cid` is the enrolment code.
 * - `access`: every other call (15 minutes).
 *
 * Refresh tokens are different: opaque random strings bound to a device and
 * kept only as hashes (see refresh-tokens.ts).
 */
export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
export const ENROLMENT_TOKEN_TTL_MS = 10 * 60_000;
const ISSUER = 'quartermaster-reference';

export type TokenType = 'access' | 'enrol';

export interface TokenClaims {
  iss: string;
  typ: TokenType;
  sub: string;
  dev?: string;
  cid?: string;
  iat: number;
  exp: number;
  jti: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims; expired: boolean } | { ok: false };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenSigner {
  private readonly header: string;

  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('The token key must be at least 32 bytes');
    const kid = createHash('sha256').update(key).digest('hex').slice(0, 16);
    this.header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }));
  }

  issue(type: TokenType, subject: { sub: string; dev?: string; cid?: string }, nowMs: number, ttlMs: number): { token: string; expiresAt: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = Math.floor((nowMs + ttlMs) / 1000);
    const claims: TokenClaims = { iss: ISSUER, typ: type, ...subject, iat, exp, jti: uuidv7() };
    const body = `${this.header}.${b64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt: exp * 1000 };
  }

  /**
   * Check signature and type; report expiry separately, because an expired
   * but authentic token still identifies the device well enough to tell it
   * that it was revoked.
   */
  check(token: string, type: TokenType, nowMs: number): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== this.header) return { ok: false };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false };
    }
    if (claims.iss !== ISSUER || claims.typ !== type || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false };
    if (type === 'access' && typeof claims.dev !== 'string') return { ok: false };
    if (type === 'enrol' && typeof claims.cid !== 'string') return { ok: false };
    return { ok: true, claims, expired: nowMs >= claims.exp * 1000 };
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

export function newTokenKey(): Buffer {
  return randomBytes(32);
}
