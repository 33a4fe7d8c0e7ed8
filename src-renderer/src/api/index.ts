import { createApiClient } from './client';
import { pickBridge } from './pick-bridge';

export { ClientError, isClientError, toClientError, type ClientErrorCode } from './errors';
export type { ApiClient } from './client';

const picked = pickBridge();

/** How this window reaches the core: Electron IPC through the preload, or the loopback HTTP transport. */
export const transportKind = picked.kind;

/** The one client the whole renderer uses. */
export const client = createApiClient(picked.bridge);
export const api = client.api;
