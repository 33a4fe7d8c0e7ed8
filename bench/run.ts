import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Runs every `bench/*.bench.ts` in a process of its own, one after another,
 * so that one benchmark's heap and threads do not colour the next one's
 * figures. Each prints lines of the form `bench <name> <value> <unit>`.
 */
const benchDir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', resolve(benchDir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`# ${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
