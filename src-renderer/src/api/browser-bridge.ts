import { apiMethods, type ApiMethod, type CoreEvent } from '@shared/api/contract';
import { LOOPBACK_API_PREFIX, LOOPBACK_EVENTS_PATH, type Bridge, type BridgeApi } from '@shared/api/bridge';
import { EnvelopeShapeSchema, type Envelope } from '@shared/api/envelope';
import type { ErrorCode, ErrorParams } from '@shared/api/errors';
import { parseCoreEvent } from './events';

/** What the renderer's bridges offer beyond the shared shape: news that the event feed came back after a gap. */
export interface RendererBridge extends Bridge {
  /** Called when events may have been missed (the feed reconnected); returns the function that stops listening. */
  onReconnect(listener: () => void): () => void;
}

/** Marks a failure the loopback server answered with 401: the page's session cookie is not (or no longer) valid. */
export const UNAUTHORIZED_PARAM = 'httpStatus';

function failure(code: ErrorCode, message: string, params?: ErrorParams): Envelope<never> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

async function post(method: ApiMethod, request: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`${LOOPBACK_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request ?? {}),
      // The session is an HttpOnly cookie set by the server; the page never sees a token.
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (error) {
    return failure('internal', `Network failure calling ${method}: ${String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure('internal', `Non-JSON answer to ${method} (HTTP ${response.status})`);
  }
  const parsed = EnvelopeShapeSchema.safeParse(body);
  if (!parsed.success) return failure('internal', `Malformed envelope from ${method} (HTTP ${response.status})`);
  const envelope = parsed.data as Envelope<unknown>;
  if (response.status === 401) {
    return failure('request.invalid', envelope.ok ? 'Unauthorized' : envelope.error.message, { [UNAUTHORIZED_PARAM]: 401 });
  }
  if (envelope.ok && !response.ok) return failure('internal', `HTTP ${response.status} from ${method}`);
  return envelope;
}

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 15_000;

/**
 * The event feed over Server-Sent Events, opened while anyone listens. The
 * browser reconnects by itself after a network drop; when the server refuses
 * the stream (e.g. it restarted), we reopen it with a growing delay.
 */
class EventFeed {
  private readonly listeners = new Set<(event: CoreEvent) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private source: EventSource | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RECONNECT_MIN_MS;
  private hadGap = false;

  on(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private open(): void {
    if (this.source || this.retryTimer) return;
    const source = new EventSource(LOOPBACK_EVENTS_PATH);
    this.source = source;
    source.onopen = () => {
      this.retryDelay = RECONNECT_MIN_MS;
      if (this.hadGap) {
        this.hadGap = false;
        for (const listener of [...this.reconnectListeners]) listener();
      }
    };
    source.onmessage = (message: MessageEvent<unknown>) => {
      const event = parseCoreEvent(message.data);
      if (!event) return;
      for (const listener of [...this.listeners]) listener(event);
    };
    source.onerror = () => {
      this.hadGap = true;
      if (source.readyState !== EventSource.CLOSED) return; // the browser is retrying by itself
      source.close();
      this.source = undefined;
      if (this.listeners.size === 0) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.listeners.size > 0) this.open();
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
    };
  }

  private close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
  }
}

/** The browser mode's bridge: the same shape the Electron preload exposes, over the loopback HTTP transport. */
export function createBrowserBridge(): RendererBridge {
  const api = Object.fromEntries(apiMethods.map((method) => [method, (request: unknown) => post(method, request)])) as BridgeApi;
  const feed = new EventFeed();
  return {
    api,
    onEvent: (listener) => feed.on(listener),
    onReconnect: (listener) => feed.onReconnect(listener),
  };
}
