import { join, resolve } from 'node:path';
import type { App } from 'electron';

const DATA_DIR_ENV = 'QUARTERMASTER_DATA_DIR';

/**
 * Where the vault and the encrypted database live: `<userData>/data`, or the
 * directory QUARTERMASTER_DATA_DIR names (tests, a second profile).
 *
 * With the variable set, Chromium's own profile moves under it as well, so a
 * test run neither writes into the officer's real profile nor collides with a
 * running app over the single-instance lock (which is keyed on userData).
 * Must run before `ready` and before the single-instance lock is taken.
 */
export function resolveDataDir(app: App, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DATA_DIR_ENV];
  if (override === undefined || override === '') return join(app.getPath('userData'), 'data');
  const dataDir = resolve(override);
  app.setPath('userData', join(dataDir, 'chromium-profile'));
  return dataDir;
}
