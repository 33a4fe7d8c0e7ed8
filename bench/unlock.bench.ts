/**
 * Unlock cost, as the officer feels it: stretching the passphrase, then
 * opening the encrypted database and answering the first query.
 * Run: npx tsx bench/unlock.bench.ts. Prints only `#` and `bench` lines;
 * figures are medians over RUNS runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../src-main/core/settings/settings-repo';
import { openStore } from '../src-main/core/store';
import { CURRENT_KDF, deriveKek, describeKdf, SALT_LENGTH } from '../src-main/core/vault/kdf';
import { median, timeAsync } from './support/timing';

const RUNS = 7;
const PASSPHRASE = 'Тиха ніч над Дніпром 1943';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-'));
  try {
    const kdfMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const salt = randomBytes(SALT_LENGTH);
      kdfMs.push(await timeAsync(async () => (await deriveKek(PASSPHRASE, salt, CURRENT_KDF)).fill(0)));
    }

    // A database as the app leaves it after first run: created, migrated, a setting written, closed.
    const file = join(dir, 'quartermaster.db');
    const key = randomBytes(32);
    const created = openStore(file, key);
    created.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('autoLockMinutes', '15');
    created.close();

    const openMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let close = () => {};
      openMs.push(
        await timeAsync(() => {
          const store = openStore(file, key);
          close = () => store.close();
          readSettings(store.db, { language: 'uk' });
        }),
      );
      close();
    }

    console.log(`# unlock KDF ${describeKdf(CURRENT_KDF)}`);
    console.log(`bench unlock.kdf_ms ${median(kdfMs).toFixed(1)} ms`);
    console.log(`bench unlock.open_ms ${median(openMs).toFixed(1)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
