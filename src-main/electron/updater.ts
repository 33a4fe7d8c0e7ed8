import type { App } from 'electron';
import type { Log } from './log';

/**
 * Update checks, isolated here. Only packaged builds check (a dev run has
 * nothing to update), nothing is downloaded or installed without a later,
 * explicit decision (autoDownload and autoInstallOnAppQuit off), and no
 * failure — offline in the field, no publish config yet — ever reaches the
 * officer as a crash: it is logged and the app carries on.
 *
 * electron-updater is loaded lazily so that development runs and start-up
 * never pay for it.
 */
export async function checkForUpdates(app: App, log: Log): Promise<void> {
  if (!app.isPackaged) return;
  try {
    const { default: updater } = await import('electron-updater');
    const { autoUpdater } = updater;
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
    // Without an 'error' listener an EventEmitter error would throw.
    autoUpdater.on('error', (error: Error) => log.warn(`Update check failed: ${error.message}`));
    autoUpdater.on('update-available', (info) => log.info(`Update available: ${info.version}`));
    await autoUpdater.checkForUpdates();
  } catch (error) {
    log.warn(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
