import { isAppUrl } from './app-url';

/**
 * The one browser permission the app's page gets: desktop notifications, so
 * that a change of an order's status reaches an officer whose window is in
 * the background (issue 5). Only the app's own main frame may ask; every
 * other permission, and any other requester, is refused. No Electron import:
 * tested in plain Node.
 */
const GRANTED: ReadonlySet<string> = new Set(['notifications']);

export function isPermissionGranted(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return GRANTED.has(permission) && isMainFrame && isAppUrl(requestingUrl);
}
