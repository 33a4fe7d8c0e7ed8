import { z } from 'zod';

/**
 * Every failure the UI can be told about. The code is the translation key
 * (`errors.<code>` in the renderer's messages); `message` is English for logs
 * only and is never shown to the officer.
 */
export const errorCodes = [
  'request.invalid',
  'request.unknown_method',
  'request.too_large',
  'internal',
  'vault.not_set_up',
  'vault.already_set_up',
  'vault.locked',
  'vault.wrong_passphrase',
  'vault.throttled',
  'vault.weak_passphrase',
  'vault.same_passphrase',
  'vault.corrupt',
  'store.corrupt',
  'store.too_new',
  'store.io',
  // Talking to the central service (enrolment, and later sync).
  'service.unreachable',
  'service.bad_address',
  'service.bad_response',
  'service.throttled',
  'enrol.invalid_credentials',
  'enrol.totp_invalid',
  'enrol.totp_replayed',
  'enrol.code_invalid',
  'enrol.code_expired',
  'enrol.code_used',
  'enrol.session_expired',
  'enrol.no_session',
  'enrol.rejected',
  'enrol.already_enrolled',
  'identity.not_enrolled',
  'identity.revoked',
  // Sync (issue 4).
  /** A pulled page failed the client's checks (order, cursor, service id); the local data was kept and the pull is retried. */
  'sync.page_invalid',
  /** The service no longer accepts this laptop's sync position (another or a restored service): the data is being pulled again. */
  'sync.cursor_invalid',
  /** attentionDiscard named an intent that is not in the needs-attention list. */
  'sync.attention_not_found',
  // The local catalogue (issue 4).
  /** productGet named a product the local catalogue does not hold. */
  'catalog.unknown_product',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const ErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;

export const ApiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  params: ErrorParamsSchema.optional(),
});
export type ApiErrorPayload = z.infer<typeof ApiErrorSchema>;

/** A failure that is expected and explained to the user, never a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): ApiErrorPayload {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
