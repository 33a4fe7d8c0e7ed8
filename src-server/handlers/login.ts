import { ACCEPTED_RSA_BITS } from '@shared/node/csr';
import type { ServiceErrorCode } from '@shared/service/errors';
import { iso } from '../clock';
import type { ServiceContext } from '../context';
import { hashEnrolmentCode, normaliseEnrolmentCode } from '../auth/enrolment-codes';
import { verifyAgainstDecoy, verifyPassword } from '../auth/password';
import type { ThrottleKeys } from '../auth/throttle';
import { ENROLMENT_TOKEN_TTL_MS } from '../auth/tokens';
import { checkTotp } from '../auth/totp';
import { ServiceError } from '../http/errors';
import type { Handler } from '../http/routing';
import { findEnrolmentCodeByHash } from '../store/enrolment-codes';
import { acceptTotpStep, findPersonByUsername } from '../store/persons';
import { csrSubjectOf, presentPerson } from './present';

/**
 * Login for enrolment: password, then TOTP, then the one-time code, in that
 * order, so nothing about a later factor is revealed before the earlier ones
 * pass. Every failure counts against the username and the address; a
 * failed login changes nothing else (the TOTP step is spent only when the
 * whole login succeeds).
 */
export function loginHandler(ctx: ServiceContext): Handler<'login'> {
  return async ({ body, request }) => {
    const username = body.username.trim().toLowerCase();
    const keys: ThrottleKeys = { username, address: request.ip };

    const waitMs = ctx.throttle.retryAfterMs(keys);
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new ServiceError('auth.throttled', `Too many failed attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
    const fail = (code: ServiceErrorCode, message: string): never => {
      ctx.throttle.recordFailure(keys);
      throw new ServiceError(code, message);
    };

    const person = findPersonByUsername(ctx.db, username);
    const passwordOk = person ? await verifyPassword(body.password, person.passwordHash) : await verifyAgainstDecoy(body.password);
    if (!person || !passwordOk) return fail('auth.invalid_credentials', 'Unknown username or wrong password');

    const now = ctx.clock();
    const totp = await checkTotp(person.totpSecret, body.totp, now, person.totpLastStep);
    if (!totp.ok) {
      return totp.reason === 'replayed'
        ? fail('auth.totp_replayed', 'This TOTP code has already been used; wait for the next one')
        : fail('auth.totp_invalid', 'Wrong or expired TOTP code');
    }

    if (person.revokedAt !== null) throw new ServiceError('person.revoked', 'This person no longer has access to the service');

    const normalised = normaliseEnrolmentCode(body.enrolmentCode);
    const code = normalised === null ? undefined : findEnrolmentCodeByHash(ctx.db, hashEnrolmentCode(normalised));
    if (!code || code.personId !== person.id) return fail('enrolment.code_invalid', 'Unknown enrolment code');
    if (code.usedAt !== null) return fail('enrolment.code_used', 'This enrolment code has already been used; ask for a new one');
    if (code.expiresAt <= now) return fail('enrolment.code_expired', 'This enrolment code has expired; ask for a new one');

    const spent = ctx.db.transaction(() => {
      if (!acceptTotpStep(ctx.db, person.id, totp.step)) return false;
      ctx.throttle.recordSuccess(keys);
      return true;
    })();
    // Another login with the same code won the race for this time step.
    if (!spent) return fail('auth.totp_replayed', 'This TOTP code has already been used; wait for the next one');

    const token = ctx.tokens.issue('enrol', { sub: person.id, cid: code.id }, now, ENROLMENT_TOKEN_TTL_MS);
    return {
      enrolmentToken: token.token,
      enrolmentTokenExpiresAt: iso(token.expiresAt),
      person: presentPerson(ctx.db, person),
      csrSubject: csrSubjectOf(person),
      acceptedKeyBits: [...ACCEPTED_RSA_BITS],
    };
  };
}
