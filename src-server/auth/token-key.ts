import { existsSync } from 'node:fs';
import { readSecretFile, writeSecretFile } from '../secret-files';
import { newTokenKey } from './tokens';

/** The HMAC key of bearer tokens: made once per data directory, so tokens survive a restart. */
export function loadOrCreateTokenKey(path: string): Buffer {
  if (!existsSync(path)) writeSecretFile(path, newTokenKey());
  const key = readSecretFile(path);
  if (key.length !== 32) throw new Error(`The token key at ${path} is damaged (expected 32 bytes, found ${key.length})`);
  return key;
}
