import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Keys live in the data directory readable by the service's user only
 * (0600 files in 0700 directories). Writes go to a temporary file and are
 * renamed into place, so a crash never leaves half a key.
 */
export function writeSecretFile(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

export function readSecretFile(path: string): Buffer {
  return readFileSync(path);
}
