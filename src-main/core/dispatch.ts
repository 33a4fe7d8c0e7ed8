import type { z } from 'zod';
import { apiContract, isApiMethod, type ApiContract, type ApiMethod } from '@shared/api/contract';
import { AppError, isAppError } from '@shared/api/errors';
import type { Envelope } from '@shared/api/envelope';

export type Handler<M extends ApiMethod> = (
  request: z.output<ApiContract[M]['request']>,
) => Promise<z.input<ApiContract[M]['response']>>;

/** The whole API as the core implements it: one handler per contract method. */
export type HandlerTable = { [M in ApiMethod]: Handler<M> };

export type Dispatch = (method: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export interface DispatchLog {
  error(message: string, detail?: unknown): void;
}

/**
 * Every transport ends here: the method name and payload are untrusted until
 * the contract's schemas say otherwise, and nothing but an envelope leaves.
 */
export function createDispatch(handlers: HandlerTable, log: DispatchLog = console): Dispatch {
  return async (method, payload) => {
    try {
      if (!isApiMethod(method)) {
        throw new AppError('request.unknown_method', `Unknown API method: ${String(method).slice(0, 64)}`);
      }
      const { request, response } = apiContract[method];
      const parsed = request.safeParse(payload ?? {});
      if (!parsed.success) {
        throw new AppError('request.invalid', `Invalid request for ${method}: ${parsed.error.message}`);
      }
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      // The response is checked too: a core bug must not hand the UI a shape it does not expect.
      const checked = response.safeParse(result);
      if (!checked.success) {
        log.error(`Handler ${method} returned an invalid response`, checked.error);
        throw new AppError('internal', `Invalid response from ${method}`);
      }
      return { ok: true, data: checked.data };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toPayload() };
      log.error('Unexpected failure in the core', error);
      return { ok: false, error: { code: 'internal', message: 'Unexpected failure' } };
    }
  };
}
