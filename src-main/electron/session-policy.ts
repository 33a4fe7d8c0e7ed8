import type { Session } from 'electron';
import { parseUrl } from './app-url';
import type { Log } from './log';
import { isPermissionGranted } from './permissions';

/**
 * The renderer needs no network: it talks only to the core, over IPC, and
 * the core does all the syncing from Node. So the session says no to
 * everything but desktop notifications for the app's own page
 * (permissions.ts):
 * - every other permission request (camera, geolocation, clipboard-read, …)
 *   and permission check;
 * - every device (HID, serial, USB) — Bluetooth and screen capture are
 *   already refused while no handler exists for them;
 * - every request to the network or to local files, even one the CSP let
 *   through by mistake. app:// is served by our own handler, not blocked;
 * - the spellchecker, which would fetch dictionaries from Google's servers
 *   (the window's `spellcheck: false` covers the page; this the session).
 * Applies to the default session, which is the only one the window uses.
 */
export function applySessionPolicy(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, details.isMainFrame);
    if (!granted) log.warn(`Permission request denied: ${permission}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);

  // Matched by scheme here rather than by URL patterns, which throw at start-up if one is not understood.
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const protocol = parseUrl(details.url)?.protocol;
    const outside = protocol === undefined || OUTSIDE_SCHEMES.has(protocol);
    if (outside) log.warn(`Renderer request blocked: ${details.url.slice(0, 200)}`);
    callback({ cancel: outside });
  });
}

const OUTSIDE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);
