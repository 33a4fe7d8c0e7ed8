/** How a call to the service failed, as the HTTP layer (http.ts) reports it and the gateway (errors.ts) reads it. */

/** A refusal the service explained: its error body, read leniently so a newer service's codes still arrive. */
export interface ServiceRefusal {
  status: number;
  /** The service's error code (see src-shared/service/errors.ts); unknown codes are kept as they came. */
  code: string;
  message: string;
  /** The service said this laptop must erase its data. */
  wipe: boolean;
  /** With 429: how long until another attempt is considered. */
  retryAfterMs?: number;
}

export type ServiceCallFailure = 'unreachable' | 'bad_response' | 'refused' | 'aborted';

export class ServiceCallError extends Error {
  override name = 'ServiceCallError';
  constructor(
    readonly kind: ServiceCallFailure,
    message: string,
    readonly refusal?: ServiceRefusal,
  ) {
    super(message);
  }
}
