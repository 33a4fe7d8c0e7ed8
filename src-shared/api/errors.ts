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
  // Cart, orders and signing (issue 5).
  /** A cart or draft line names a product the catalogue no longer offers. */
  'cart.product_withdrawn',
  /** e-points funding asked for a product that has no e-points price. */
  'cart.no_e_points_price',
  /** Checkout of an empty cart (or of one whose lines all have problems). */
  'cart.empty',
  /** The cart holds pre-order lines and no needed-by date was given (or it is in the past). */
  'cart.needed_by_required',
  /** Signing or checkout would take an allocation or the e-points below zero (params: allocation). */
  'order.over_budget',
  /** The hromada code is not in the local copy of the codifier. */
  'order.unknown_hromada',
  'order.not_found',
  /** The order's state does not allow this (params: status). */
  'order.not_allowed',
  /** The content changed since the signing preview (a price or the catalogue moved): look again before signing. */
  'order.content_changed',
  /** A draft line's price differs from the catalogue now, or its product was withdrawn: edit the draft first. */
  'order.draft_stale',
  /** This person does not hold the orderer role. */
  'signing.role_missing',
  /** The passphrase must be typed for this signature (no grace period). */
  'signing.passphrase_required',
  /** The signature made could not be verified with the laptop's own certificate (never sent). */
  'signing.failed',
  // Delivery documents (issue 6).
  'invoice.not_found',
  /** The supplier's signature of the invoice does not verify: it may not be received (params: problem). */
  'invoice.supplier_signature_invalid',
  /** A received quantity above the shipped one or below zero, a line missing or twice, or a shortfall without a discrepancy. */
  'invoice.bad_receipt',
  /** The unit has already signed this invoice (or its receipt is on its way). */
  'invoice.already_received',
  /** This person does not hold the receiver role. */
  'invoice.role_missing',
  'certificate.not_found',
  /** The certificate cannot be signed: a listed invoice is missing, differs or was not signed by the unit (params: count). */
  'certificate.invoices_mismatch',
  'certificate.already_signed',
  /** This person does not hold the commander role. */
  'certificate.role_missing',
  /** The certificate itself does not hold: the supplier's signature does not verify, or its parties or total disagree (params: problem). */
  'certificate.invalid',
  /** The content changed since the signing preview: look again before signing. */
  'document.content_changed',
  /** A document file handed to the check is empty, too large, or neither a signed PDF nor content with its .p7s. */
  'document.unreadable',
  /** The export asked for a signature the document does not have. */
  'document.no_such_signature',
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
