import { serviceErrorStatus, wipeErrorCodes, type ErrorResponse, type ServiceErrorCode } from '@shared/service/errors';

/**
 * An expected failure with its code; the HTTP status comes from the shared
 * table, so a code cannot be answered with the wrong status.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly extra: Pick<ErrorResponse, 'retryAfterSeconds' | 'issues'> = {},
  ) {
    super(message);
  }

  get status(): number {
    return serviceErrorStatus[this.code];
  }

  toBody(): ErrorResponse {
    const body: ErrorResponse = { code: this.code, message: this.message };
    if (wipeErrorCodes.includes(this.code)) body.wipe = true;
    if (this.extra.retryAfterSeconds !== undefined) body.retryAfterSeconds = this.extra.retryAfterSeconds;
    if (this.extra.issues !== undefined) body.issues = this.extra.issues;
    return body;
  }
}
