import { AppError, type ErrorCode } from '@shared/api/errors';
import { ServiceCallError, type ServiceRefusal } from './call-error';

/**
 * The service's answers in the officer's vocabulary (src-shared/api/errors).
 * The same service code can mean different things at different steps: an
 * expired bearer token during enrolment means "log in again", so callers
 * say which kind of call failed.
 */
export type CallContext = 'probe' | 'login' | 'enrol' | 'device';

const ALWAYS: Readonly<Record<string, ErrorCode>> = {
  'auth.throttled': 'service.throttled',
  'device.revoked': 'identity.revoked',
  'person.revoked': 'identity.revoked',
};

const LOGIN: Readonly<Record<string, ErrorCode>> = {
  'auth.invalid_credentials': 'enrol.invalid_credentials',
  'auth.totp_invalid': 'enrol.totp_invalid',
  'auth.totp_replayed': 'enrol.totp_replayed',
  'enrolment.code_invalid': 'enrol.code_invalid',
  'enrolment.code_expired': 'enrol.code_expired',
  'enrolment.code_used': 'enrol.code_used',
};

const ENROL: Readonly<Record<string, ErrorCode>> = {
  'enrolment.code_invalid': 'enrol.code_invalid',
  'enrolment.code_expired': 'enrol.code_expired',
  'enrolment.code_used': 'enrol.code_used',
  // The enrolment token (10 minutes) ran out, or is not one the service issued: log in again.
  'auth.token_expired': 'enrol.session_expired',
  'auth.token_invalid': 'enrol.session_expired',
  'auth.required': 'enrol.session_expired',
};

const DEVICE: Readonly<Record<string, ErrorCode>> = {
  // The device can no longer get tokens: it has to be enrolled again (the wizard's login step).
  'auth.refresh_invalid': 'enrol.session_expired',
  'auth.refresh_expired': 'enrol.session_expired',
  'device.certificate_expired': 'enrol.session_expired',
  // A stored sync cursor is not one this service issued (another or a restored service): the sync engine resets it.
  'sync.cursor_invalid': 'sync.cursor_invalid',
};

/** Whether the answer tells this laptop to erase its data (device or person revoked). */
export function demandsWipe(error: unknown): boolean {
  if (!(error instanceof ServiceCallError) || error.kind !== 'refused' || !error.refusal) return false;
  return error.refusal.wipe || error.refusal.code === 'device.revoked' || error.refusal.code === 'person.revoked';
}

export function toAppError(error: unknown, context: CallContext): unknown {
  if (!(error instanceof ServiceCallError)) return error;
  switch (error.kind) {
    case 'unreachable':
      return new AppError('service.unreachable', error.message);
    case 'bad_response':
      return new AppError('service.bad_response', error.message);
    case 'aborted':
      return new AppError('internal', error.message);
    case 'refused':
      return fromRefusal(error.refusal as ServiceRefusal, context, error.message);
  }
}

function fromRefusal(refusal: ServiceRefusal, context: CallContext, message: string): AppError {
  // The CA refused the request itself (malformed, weak key, wrong subject, key reused).
  if (context === 'enrol' && refusal.code.startsWith('csr.')) return new AppError('enrol.rejected', message, { reason: refusal.code });
  const table = context === 'login' ? LOGIN : context === 'enrol' ? ENROL : context === 'device' ? DEVICE : {};
  const code = ALWAYS[refusal.code] ?? table[refusal.code];
  if (code === 'service.throttled') {
    return new AppError(code, message, { retryAfterMs: Math.max(0, Math.round(refusal.retryAfterMs ?? 0)) });
  }
  if (code) return new AppError(code, message);
  // Anything else (request.invalid, not_found, internal, a code newer than this client) means
  // the two sides do not understand each other: an incompatible or broken service.
  return new AppError('service.bad_response', message, { status: refusal.status, code: refusal.code });
}
