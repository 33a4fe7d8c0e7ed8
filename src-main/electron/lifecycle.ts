import type { App, BrowserWindow } from 'electron';
import type { Core } from '../core';
import type { Log } from './log';

/**
 * One running app per profile: two would open the same encrypted database
 * and vault. A second launch hands over to the first, which comes to front.
 * Returns false when this process is the second and must quit.
 */
export function claimSingleInstance(app: App, window: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = window();
    if (win === undefined || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

/** Longest we wait for the core to close before quitting anyway. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Quitting closes the core first (database checkpointed and closed, keys
 * dropped). Electron does not await `before-quit`, so the first quit is
 * held back, the core closed, and the quit resumed. Closing the last window
 * quits too, and so do Ctrl+C and SIGTERM from a terminal, which would
 * otherwise kill the process without `before-quit`.
 */
export function closeCoreOnQuit(app: App, core: Pick<Core, 'close'>, log: Log): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => {
      timer = setTimeout(() => {
        log.error(`The core did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway`);
        done();
      }, CLOSE_TIMEOUT_MS);
    });
    Promise.race([core.close(), timeout])
      .catch((error: unknown) => log.error('Closing the core failed', error))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  // `on`, not `once`: a second Ctrl+C (a terminal signals the whole process
  // group, and npm start forwards it too) must not fall back to the default
  // handler and kill the process while the core is closing.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
