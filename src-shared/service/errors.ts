import { z } from 'zod';
import { named } from './registry';

/**
 * Every error the reference service answers with, and its HTTP status. The
 * code is stable and machine-readable (the client maps it to a translated
 * message); `message` is English for logs and developers.
 */
export const serviceErrorStatus = {
  'request.invalid': 400,
  'request.unsupported_media_type': 415,
  'request.too_large': 413,
  not_found: 404,
  internal: 500,

  'auth.required': 401,
  'auth.token_invalid': 401,
  'auth.token_expired': 401,
  'auth.invalid_credentials': 401,
  'auth.totp_invalid': 401,
  'auth.totp_replayed': 409,
  'auth.throttled': 429,
  'auth.refresh_invalid': 401,
  'auth.refresh_expired': 401,

  'enrolment.code_invalid': 401,
  'enrolment.code_expired': 401,
  'enrolment.code_used': 409,

  'csr.malformed': 400,
  'csr.unsupported': 400,
  'csr.weak_key': 400,
  'csr.bad_signature': 400,
  'csr.subject_mismatch': 403,
  'csr.key_reused': 409,

  'device.revoked': 403,
  'device.certificate_expired': 401,
  'person.revoked': 403,

  /** A sync cursor that is malformed, of another scope, or issued by another service instance. */
  'sync.cursor_invalid': 400,

  /** Admin API (the agency's and suppliers' actions): no order with this id or number. */
  'order.not_found': 404,
  /** The order's status does not allow this action (e.g. committing an order that is not submitted). */
  'order.invalid_state': 409,
  /** Committing would take the unit's money or e-points below zero for the year. */
  'budget.insufficient': 409,

  /** Admin API (delivery documents): no invoice with this id or number. */
  'invoice.not_found': 404,
  /** An invoice would ship more of a product than the order still has outstanding (ordered − delivered − on invoices awaiting receipt), or nothing is outstanding. */
  'invoice.exceeds_outstanding': 409,
  /** No acceptance certificate with this id or number. */
  'certificate.not_found': 404,
  /** The certificate's status does not allow this action (e.g. the agency signing before the unit has). */
  'certificate.invalid_state': 409,
  /** The unit has no received invoice of the supplier in the period that is not already in a certificate. */
  'certificate.no_invoices': 409,
  /** A listed invoice is not one this unit received and signed from this supplier. */
  'certificate.invoice_not_received': 409,
  /** A listed invoice is already in an acceptance certificate. */
  'certificate.invoice_already_certified': 409,
  /** A listed invoice is dated outside the certificate's period. */
  'certificate.invoice_outside_period': 409,
} as const satisfies Record<string, number>;

export type ServiceErrorCode = keyof typeof serviceErrorStatus;
export const serviceErrorCodes = Object.keys(serviceErrorStatus) as [ServiceErrorCode, ...ServiceErrorCode[]];

/** Codes after which the client must wipe its local store: the service no longer knows this laptop. */
export const wipeErrorCodes: readonly ServiceErrorCode[] = ['device.revoked', 'person.revoked'];

export const ServiceErrorCodeSchema = named('ServiceErrorCode', z.enum(serviceErrorCodes));

export const ErrorIssueSchema = named(
  'ErrorIssue',
  z.object({ path: z.string(), message: z.string() }).strict(),
  'One validation failure: where (dotted path into the request) and what.',
);

export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

export const ErrorResponseSchema = named(
  'ErrorResponse',
  z
    .object({
      code: ServiceErrorCodeSchema,
      message: z.string(),
      /** Present and true when the client must erase its local data (revoked device or person). */
      wipe: z.literal(true).optional(),
      /** With 429: seconds until another attempt is considered (also in the Retry-After header). */
      retryAfterSeconds: z.number().int().positive().optional(),
      /** With 400 request.invalid: what exactly was wrong. */
      issues: z.array(ErrorIssueSchema).optional(),
    })
    .strict(),
  'Every non-2xx answer has this shape.',
);
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export function isServiceErrorCode(value: unknown): value is ServiceErrorCode {
  return typeof value === 'string' && Object.hasOwn(serviceErrorStatus, value);
}
