import { errorCodes, type ErrorCode, type ErrorParams } from '@shared/api/errors';

/**
 * Codes the renderer adds to the core's own: failures of the transport that
 * the core never sees. Each has a translation like the core's codes.
 */
export const clientOnlyErrorCodes = ['transport.unauthorized'] as const;
export type ClientErrorCode = ErrorCode | (typeof clientOnlyErrorCodes)[number];
export const allClientErrorCodes: readonly ClientErrorCode[] = [...errorCodes, ...clientOnlyErrorCodes];

/** A failed API call as the UI sees it: a translatable code and its parameters. */
export class ClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly params: ErrorParams = {},
    message: string = code,
  ) {
    super(message);
    this.name = 'ClientError';
  }

  /** Milliseconds the core asks the UI to wait, when it says so. */
  get retryAfterMs(): number {
    const value = this.params.retryAfterMs;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}

/** Anything thrown that is not a ClientError becomes the generic "core not answering". */
export function toClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  return new ClientError('internal', {}, error instanceof Error ? error.message : String(error));
}
