import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';
import { TestService, type Officer } from '../../tests/support/service';
import { enrolmentFor, type EnrolmentInput } from '../support/enrol';

/**
 * The built desktop app (out/), launched with the Electron binary this
 * machine has, on a fresh data directory. Where there is no binary, or on
 * Linux no display to open a window on, every test says it was skipped and
 * why — in the report and as a line in the run's output.
 */

const root = resolve(import.meta.dirname, '../..');

function whyUnavailable(): { binary: string; reason: null } | { binary: null; reason: string } {
  const found = findElectronBinary();
  if (found.path === null) return { binary: null, reason: `Electron runtime not found: ${found.reason}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, reason: 'No display for Electron: set DISPLAY or run under xvfb-run' };
  }
  return { binary: found.path, reason: null };
}

const runtime = whyUnavailable();
let told = false;

export interface Desktop {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
}

export const test = base.extend<{ desktop: Desktop; service: TestService; officer: Officer; enrolment: EnrolmentInput }>({
  service: async ({ desktop: _desktop }, use) => {
    const service = await TestService.start();
    await use(service);
    await service.close();
  },
  officer: async ({ service }, use) => {
    await use(await service.provision({ roles: ['orderer'] }));
  },
  enrolment: async ({ service, officer }, use) => {
    await use(enrolmentFor(service, officer));
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern.
  desktop: async ({}, use, testInfo) => {
    if (runtime.binary === null) {
      // Once per worker, so the run's output says it, not only the report.
      if (!told) console.log(`Electron tests skipped: ${runtime.reason}`);
      told = true;
      testInfo.skip(true, runtime.reason);
      return;
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'qm-electron-'));
    const args = ['.'];
    // Chromium refuses to start as root with its sandbox (containers, CI); elsewhere it stays on.
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    // ELECTRON_RUN_AS_NODE, if a parent shell set it, would start a plain Node instead of the app.
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    env.QUARTERMASTER_DATA_DIR = dataDir;
    const app = await _electron.launch({ executablePath: runtime.binary, args, cwd: root, env });
    try {
      const page = await app.firstWindow();
      await use({ app, page, dataDir });
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

