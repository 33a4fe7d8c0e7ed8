import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP per RFC 6238 (SHA-1, 6 digits, 30-second steps: what every
 * authenticator app does). A code is accepted one step either side of the
 * service clock, and never at or before the last step this person used, so
 * an overheard code cannot be replayed.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'Quartermaster';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

export async function checkTotp(secret: string, code: string, nowMs: number, lastStep: number): Promise<TotpCheck> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_SECONDS,
    // In seconds: one period either side covers exactly the previous and next step.
    epochTolerance: TOTP_PERIOD_SECONDS,
  });
  // The functional API's result type also covers HOTP; a TOTP success always has the step.
  if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'invalid' };
  if (result.timeStep <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: result.timeStep };
}

/** 160 random bits, base32: the RFC 4226 recommendation and what authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: TOTP_PERIOD_SECONDS });
}

export function totpCode(secret: string, atMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(atMs / 1000), period: TOTP_PERIOD_SECONDS });
}

export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}
