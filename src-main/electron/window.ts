import { BrowserWindow } from 'electron';
import icon from '../../resources/icon.png?asset';
import { APP_ENTRY_URL } from './app-url';
import type { Log } from './log';

export interface MainWindowOptions {
  preloadPath: string;
  packaged: boolean;
  log: Log;
}

/**
 * The one app window. Every web preference that matters for security is
 * spelled out, even where it is Electron's default, so that a reader (or a
 * changed default) cannot leave one in doubt:
 * - contextIsolation + sandbox + no Node: the page gets only what the
 *   preload's contextBridge exposes, and the preload itself can require
 *   nothing but 'electron';
 * - webSecurity on, no insecure content, no <webview>, no devtools when
 *   packaged; spellcheck off, so no dictionaries are fetched from the
 *   network.
 */
export function createMainWindow({ preloadPath, packaged, log }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Quartermaster',
    icon,
    autoHideMenuBar: packaged,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !packaged,
    },
  });

  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description, url) => {
    log.error(`Load failed (${code} ${description}): ${url.slice(0, 200)}`);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`Renderer gone: ${details.reason} (exit ${details.exitCode})`);
  });

  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('Could not load the app page', error));
  return window;
}

