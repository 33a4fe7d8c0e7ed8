import { transportKind } from '../api';

/**
 * A change of an order's status (issue 5) or a delivery document's (issue 6)
 * also reaches the desktop when the officer is looking elsewhere: in Electron, through the web Notification
 * API, which the main process allows for the app page alone (see
 * src-main/electron/permissions.ts). In browser mode the in-app notice is
 * the only one: a browser tab asking for notification permission would
 * teach officers to click "allow" on prompts.
 */
export function showDesktopNotification(title: string, body: string, onClick: () => void): void {
  if (transportKind !== 'electron' || typeof Notification === 'undefined') return;
  if (!document.hidden && document.hasFocus()) return;
  const notice = new Notification(title, { body, silent: false });
  notice.onclick = () => {
    window.focus();
    onClick();
  };
}
