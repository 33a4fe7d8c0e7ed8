import { scrypt } from 'node:crypto';

/**
 * Passphrase → key-encryption key. scrypt at OWASP's recommended cost
 * (N=2^17, r=8, p=1: 128 MiB, a few hundred ms) makes each guess expensive
 * for anyone holding a copy of vault.json.
 */
export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export const CURRENT_KDF: Readonly<ScryptParams> = Object.freeze({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });

export const KEK_LENGTH = 32;
export const SALT_LENGTH = 16;

/**
 * What a vault file may ask for. The lower bound refuses a file edited to
 * make guessing cheap; the upper bound refuses one edited to exhaust memory.
 */
export const SCRYPT_LIMITS = { minLogN: 14, maxLogN: 20, maxR: 32, maxP: 16 } as const;

export function isAcceptableScrypt(params: ScryptParams): boolean {
  const logN = Math.log2(params.N);
  return (
    Number.isInteger(logN) &&
    logN >= SCRYPT_LIMITS.minLogN &&
    logN <= SCRYPT_LIMITS.maxLogN &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= SCRYPT_LIMITS.maxR &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= SCRYPT_LIMITS.maxP
  );
}

export function describeKdf(params: ScryptParams): string {
  return `${params.name} N=${params.N} r=${params.r} p=${params.p}`;
}

/**
 * Derives the key-encryption key. The asynchronous `scrypt` runs in libuv's
 * thread pool, so the main process keeps painting while it works.
 */
export function deriveKek(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  // The same passphrase typed on another keyboard layout or OS may arrive in
  // a different Unicode form (й composed or decomposed); NFC makes them one.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  // Node refuses scrypt above 32 MiB by default; N=2^17, r=8 needs 128 MiB (128·N·r bytes).
  const maxmem = 2 * 128 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEK_LENGTH, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** The form in which passphrases are compared, so "same passphrase" means what the KDF would see. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}
