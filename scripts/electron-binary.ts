import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Finds an Electron executable without ever starting a download.
 *
 * `require('electron')` cannot be used for this: electron@45 fetches its
 * binary on first use, which on a machine without that network stalls and
 * fails. This follows the same two places its index.js looks, read-only:
 * ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron/path.txt + dist/.
 *
 * `reason` says what was looked for, for the one line that reports its absence.
 */
export type ElectronBinary = { path: string } | { path: null; reason: string };

/** The executable's place inside an Electron dist, as electron's install.js names it. */
function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  // Resolving package.json runs none of electron's code.
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const executable = recorded || platformExecutable(process.platform);

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, executable);
    return isExecutableFile(candidate)
      ? { path: candidate }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} is not an executable file` };
  }
  if (recorded) {
    const candidate = join(packageDir, 'dist', recorded);
    if (isExecutableFile(candidate)) return { path: candidate };
    return { path: null, reason: `${candidate} is missing (the electron package never downloaded its binary)` };
  }
  return { path: null, reason: `no ${pathFile} and no ELECTRON_OVERRIDE_DIST_PATH (the electron package never downloaded its binary)` };
}
