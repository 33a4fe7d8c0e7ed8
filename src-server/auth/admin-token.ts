import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readSecretFile, writeSecretFile } from '../secret-files';

/**
 * The admin API's bearer token: 32 random bytes (base64url), made once per
 * data directory beside the other secrets and read by the operator with
 * `npm run admin -- token`. Deleting the file and restarting makes a new one.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/u;

export function loadOrCreateAdminToken(path: string): string {
  if (!existsSync(path)) writeSecretFile(path, `${randomBytes(32).toString('base64url')}\n`);
  const token = readSecretFile(path).toString('utf8').trim();
  if (!TOKEN_PATTERN.test(token)) throw new Error(`The admin token at ${path} is damaged; delete it and restart the service to make a new one`);
  return token;
}

/** Holds only the token's digest, and compares digests in constant time (equal lengths, whatever was presented). */
export class AdminTokenCheck {
  private readonly digest: Buffer;

  constructor(token: string) {
    this.digest = sha256(token);
  }

  matches(presented: string): boolean {
    return timingSafeEqual(sha256(presented), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
