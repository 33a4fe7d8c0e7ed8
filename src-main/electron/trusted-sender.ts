import { APP_ORIGIN, isAppUrl } from './app-url';

/** The parts of Electron's WebFrameMain the check reads (structural, so it tests without Electron). */
export interface FrameLike {
  readonly origin: string;
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface TrustedContents {
  readonly id: number;
  readonly mainFrame: FrameLike;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/**
 * An IPC message reaches the core only from the main frame of our own
 * window, showing our own origin. Sandbox and navigation rules already keep
 * foreign content out; this is the check that holds if one of them fails
 * (an injected iframe, a navigation that slipped through, a second window).
 *
 * Frames are compared by process and routing id: Electron may hand out
 * distinct WebFrameMain objects for the same frame, so identity is no test.
 */
export function checkSender(event: InvokeEventLike, trusted: TrustedContents | undefined): SenderVerdict {
  if (trusted === undefined) return { trusted: false, reason: 'no app window' };
  if (event.sender.id !== trusted.id) return { trusted: false, reason: 'not the app window' };
  const frame = event.senderFrame;
  // null: the frame navigated away or was destroyed while the message was in flight.
  if (frame === null) return { trusted: false, reason: 'sender frame gone' };
  const main = trusted.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return { trusted: false, reason: 'not the main frame' };
  }
  if (frame.origin !== APP_ORIGIN || !isAppUrl(frame.url)) {
    return { trusted: false, reason: `foreign origin ${frame.origin.slice(0, 100)}` };
  }
  return { trusted: true };
}
