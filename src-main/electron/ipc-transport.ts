import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/api/bridge';
import type { Envelope } from '@shared/api/envelope';
import type { Core } from '../core';
import { APP_ORIGIN } from './app-url';
import type { Log } from './log';
import { checkSender } from './trusted-sender';

/**
 * Electron IPC onto the core's handler table: one invoke channel carrying
 * (method, payload), one event channel back. Deliberately thin: the sender is
 * checked here, everything about the request is checked by `core.dispatch`.
 *
 * `window` is asked on each message rather than captured, so the check always
 * compares against the window that exists now.
 */
export function startIpcTransport(core: Core, window: () => WebContents | undefined, log: Log): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, payload: unknown): Promise<Envelope<unknown>> => {
    const verdict = checkSender(event, window());
    if (!verdict.trusted) {
      // The method name is logged (cut short, it is untrusted); the payload never is: it may hold a passphrase.
      log.warn(`IPC refused (${verdict.reason}): ${String(method).slice(0, 64)} from ${event.senderFrame?.url.slice(0, 200) ?? 'unknown frame'}`);
      return { ok: false, error: { code: 'request.invalid', message: 'IPC sender refused' } };
    }
    return core.dispatch(method, payload);
  });

  core.onEvent((coreEvent) => {
    const contents = window();
    // Events go to our page only, by the same origin rule as requests.
    if (contents !== undefined && !contents.isDestroyed() && contents.mainFrame.origin === APP_ORIGIN) {
      contents.send(IPC_EVENT_CHANNEL, coreEvent);
    }
  });
}
