import type { App, WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { lockDevTools } from './devtools';
import { openExternalIfAllowed } from './external-links';
import type { Log } from './log';

/**
 * Rules for every web contents the app ever creates, installed from
 * `web-contents-created` so that none (a future window, a guest page) can
 * be made without them:
 * - navigation stays on the app origin, in any frame, including redirects;
 * - no new windows: window.open and target=_blank are denied, and an allowed
 *   link opens in the system browser instead;
 * - no <webview> guests (webviewTag is off too; this also covers a window
 *   someone creates later without it);
 * - devtools cannot be opened in a packaged build.
 */
export function hardenAllWebContents(app: App, log: Log): void {
  app.on('web-contents-created', (_event, contents) => harden(contents, app.isPackaged, log));
}

function harden(contents: WebContents, packaged: boolean, log: Log): void {
  // will-frame-navigate is will-navigate for every frame, the main one included.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`Navigation refused: ${event.url.slice(0, 200)}`);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`Redirect refused: ${event.url.slice(0, 200)}`);
  });

  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, log);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('<webview> refused');
  });

  if (packaged) lockDevTools(contents);
}
