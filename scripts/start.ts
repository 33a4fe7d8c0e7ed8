import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { buildApp } from './build-app';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start`: build, then the desktop app; where no Electron runtime exists
 * (it cannot be downloaded on these machines), the browser mode instead.
 */

const root = resolve(import.meta.dirname, '..');

/** Background parts this script started, closed in reverse order on the way out. */
const running: { close(): Promise<void> }[] = [];

async function shutdown(code: number): Promise<never> {
  for (const part of running.reverse()) {
    await part.close().catch((error: unknown) => console.error('Shutdown step failed:', error));
  }
  process.exit(code);
}

buildApp();

// Seam for the reference service: DESIGN.md has `npm start` run the app with
// the reference service and demo data on loopback. When src-server exists,
// start it here, push it onto `running`, and hand its URL to the UI — in
// `uiEnv` for Electron, as an option of startBrowserMode for the browser mode.
const uiEnv: NodeJS.ProcessEnv = {};

const electron = findElectronBinary();
if (electron.path !== null) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...uiEnv };
  // Inherited from a parent shell, this would make the binary a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(electron.path, ['.'], { cwd: root, env, stdio: 'inherit' });
  // The app is the foreground: signals go to it (it closes its core and quits), its exit ends the rest.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.once('error', (error) => {
    console.error(`Could not start Electron (${electron.path}): ${error.message}`);
    void shutdown(1);
  });
  app.once('exit', (code, signal) => void shutdown(code ?? 128 + (signal ? constants.signals[signal] : 0)));
} else {
  console.log('Electron runtime not found (it cannot be downloaded here); starting the browser mode instead.');
  // Loaded only here: the desktop path never loads the loopback transport.
  const { startBrowserMode } = await import('../src-main/browser/start-browser-mode');
  running.push(await startBrowserMode({ dataDir: process.env.QUARTERMASTER_DATA_DIR || undefined }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
}
