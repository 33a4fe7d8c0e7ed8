import type { ApiMethod, ApiResponse, ApiRequest, CoreEvent } from './contract';
import type { Envelope } from './envelope';

/**
 * What the preload puts on `window[BRIDGE_GLOBAL]` in Electron: one function
 * per contract method, each answering with an envelope, and the event feed.
 * The browser mode's fetch client offers the renderer the same shape.
 */
export const BRIDGE_GLOBAL = 'quartermaster';

export type BridgeApi = {
  [M in ApiMethod]: (request: ApiRequest<M>) => Promise<Envelope<ApiResponse<M>>>;
};

export interface Bridge {
  api: BridgeApi;
  /** Listen to core events; returns the function that stops listening. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/** The IPC channels the Electron transport uses. */
export const IPC_INVOKE_CHANNEL = 'qm:invoke';
export const IPC_EVENT_CHANNEL = 'qm:event';

/** The loopback transport's routes (browser mode). */
export const LOOPBACK_API_PREFIX = '/api/';
export const LOOPBACK_EVENTS_PATH = '/api/events';
