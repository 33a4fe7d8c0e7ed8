import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, session, type BrowserWindow } from 'electron';
import { createCore } from '../core';
import { registerAppScheme, serveAppFiles } from './app-protocol';
import { resolveDataDir } from './data-dir';
import { hardenAllWebContents } from './harden-web-contents';
import { startIpcTransport } from './ipc-transport';
import { claimSingleInstance, closeCoreOnQuit } from './lifecycle';
import { log } from './log';
import { applyMenu } from './menu';
import { lockOnPowerEvents } from './power';
import { applySessionPolicy } from './session-policy';
import { checkForUpdates } from './updater';
import { createMainWindow } from './window';

/**
 * The desktop shell: wires Electron to the core and nothing more. All
 * application logic lives in src-main/core; every module here adapts one
 * Electron concern. This process never starts the loopback (browser-mode)
 * transport: the only way into the core is the checked IPC channel.
 */

// Built layout: out/main/index.js beside out/preload and out/renderer.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererRoot = join(import.meta.dirname, '../renderer');

let mainWindow: BrowserWindow | undefined;

// Before `ready`: these can only be set while Electron starts.
const dataDir = resolveDataDir(app);
app.enableSandbox();
registerAppScheme();
hardenAllWebContents(app, log);

if (claimSingleInstance(app, () => mainWindow)) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Start-up failed', error);
      app.exit(1);
    });
} else {
  app.quit();
}

function start(): void {
  applyMenu(app.isPackaged);
  applySessionPolicy(session.defaultSession, log);
  serveAppFiles(rendererRoot, log);

  const core = createCore({
    dataDir,
    appVersion: app.getVersion(),
    log,
    // Set by `npm start` (the reference service) or by whoever deploys the app.
    defaultServiceUrl: process.env.QUARTERMASTER_SERVICE_URL || undefined,
    // Built beside this file from src-main/core/sync/pull-worker.ts (electron.vite.config.ts).
    pullWorkerScript: { url: pathToFileURL(join(import.meta.dirname, 'pull-worker.js')), execArgv: [] },
  });
  closeCoreOnQuit(app, core, log);
  lockOnPowerEvents(core, log);
  // The IPC handler exists before the page that calls it.
  startIpcTransport(core, () => (mainWindow?.isDestroyed() === false ? mainWindow.webContents : undefined), log);

  mainWindow = createMainWindow({ preloadPath, packaged: app.isPackaged, log });
  mainWindow.on('closed', () => (mainWindow = undefined));
  void checkForUpdates(app, log);
}
