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

// DESIGN.md: `npm start` is the app with the reference service and demo data
// on loopback. QUARTERMASTER_SERVICE_URL points the app at another service
// instead, and then no reference service is started.
let serviceUrl = process.env.QUARTERMASTER_SERVICE_URL || undefined;
if (serviceUrl === undefined) {
  const { DEFAULT_PORT, startService } = await import('../src-server/service');
  const { formatDemoLogins } = await import('../src-server/demo/print');
  const dataDir = resolve(root, '.data/service');
  // A fixed port: an enrolled laptop remembers the service's address across restarts.
  const service = await startService({ dataDir, demo: true, port: DEFAULT_PORT }).catch((error: Error) => {
    console.error(`The reference service could not start: ${error.message}`);
    process.exit(1);
  });
  running.push(service);
  serviceUrl = service.url;
  console.log(`Reference service (demo data) on ${service.url}, data in ${service.dataDir}`);
  for (const line of formatDemoLogins(service.demo ?? [], dataDir)) console.log(line);
}
const uiEnv: NodeJS.ProcessEnv = { QUARTERMASTER_SERVICE_URL: serviceUrl };

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
  running.push(await startBrowserMode({ dataDir: process.env.QUARTERMASTER_DATA_DIR || undefined, defaultServiceUrl: serviceUrl }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
}
