import { apiContract, apiMethods, type Api, type ApiMethod, type ApiRequest, type ApiResponse, type CoreEvent } from '@shared/api/contract';
import { EnvelopeShapeSchema, type Envelope } from '@shared/api/envelope';
import { ErrorParamsSchema } from '@shared/api/errors';
import { UNAUTHORIZED_PARAM, type RendererBridge } from './browser-bridge';
import { ClientError, toClientError } from './errors';

export interface ApiClient {
  /** One async function per contract method: resolves with the data, rejects with a ClientError. */
  api: Api;
  /** Core events, already checked against the contract. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** The event feed came back after a gap: state may have changed unseen. */
  onReconnect(listener: () => void): () => void;
  /** Any call failed with `vault.locked`: the session must go back to the unlock screen. */
  onVaultLocked(listener: () => void): () => void;
}

function unwrap<M extends ApiMethod>(method: M, raw: unknown): ApiResponse<M> {
  const shape = EnvelopeShapeSchema.safeParse(raw);
  if (!shape.success) throw new ClientError('internal', {}, `Malformed envelope from ${method}`);
  const envelope = shape.data as Envelope<unknown>;
  if (!envelope.ok) {
    const { code, message } = envelope.error;
    const params = ErrorParamsSchema.safeParse(envelope.error.params ?? {});
    const safeParams = params.success ? params.data : {};
    if (safeParams[UNAUTHORIZED_PARAM] === 401) throw new ClientError('transport.unauthorized', {}, message);
    throw new ClientError(code, safeParams, message);
  }
  // The core checks its answers too; the UI still refuses a shape it does not expect.
  const data = apiContract[method].response.safeParse(envelope.data);
  if (!data.success) throw new ClientError('internal', {}, `Unexpected answer from ${method}`);
  return data.data as ApiResponse<M>;
}

export function createApiClient(bridge: RendererBridge): ApiClient {
  const lockedListeners = new Set<() => void>();

  async function call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    let raw: unknown;
    try {
      const fn = bridge.api[method] as (request: ApiRequest<M>) => Promise<unknown>;
      raw = await fn(request);
    } catch (error) {
      // A transport that throws (IPC channel gone, preload bug) is a core that does not answer.
      throw toClientError(error);
    }
    try {
      return unwrap(method, raw);
    } catch (error) {
      if (error instanceof ClientError && error.code === 'vault.locked') {
        for (const listener of [...lockedListeners]) listener();
      }
      throw error;
    }
  }

  const api = Object.fromEntries(
    apiMethods.map((method) => [method, (request: ApiRequest<typeof method>) => call(method, request)]),
  ) as Api;

  return {
    api,
    onEvent: (listener) => bridge.onEvent(listener),
    onReconnect: (listener) => bridge.onReconnect(listener),
    onVaultLocked: (listener) => {
      lockedListeners.add(listener);
      return () => lockedListeners.delete(listener);
    },
  };
}
