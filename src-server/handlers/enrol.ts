import { v7 as uuidv7 } from 'uuid';
import { assertCsrSubject, CsrError, inspectCsr, type InspectedCsr } from '@shared/node/csr';
import { iso } from '../clock';
import type { ServiceContext } from '../context';
import { newRefreshToken, REFRESH_TOKEN_TTL_MS } from '../auth/refresh-tokens';
import { ACCESS_TOKEN_TTL_MS } from '../auth/tokens';
import { issueDeviceCertificate } from '../ca/issue';
import { ServiceError } from '../http/errors';
import type { Handler } from '../http/routing';
import { insertDevice, isPublicKeyEnrolled, findDevice } from '../store/devices';
import { consumeEnrolmentCode, findEnrolmentCodeById } from '../store/enrolment-codes';
import { findUnitById } from '../store/units';
import { csrSubjectOf, presentDevice, presentPerson } from './present';

function checkCsr(pem: string, expected: ReturnType<typeof csrSubjectOf>): InspectedCsr {
  try {
    const csr = inspectCsr(pem);
    assertCsrSubject(csr, expected);
    return csr;
  } catch (error) {
    if (error instanceof CsrError) throw new ServiceError(`csr.${error.problem}`, error.message);
    throw error;
  }
}

/**
 * Enrolment: check the CSR, spend the enrolment code, record the device and
 * issue its certificate and first tokens. The code is spent and the device
 * written in one transaction, so a refused request leaves no trace and a
 * code can never yield two devices.
 */
export function enrolHandler(ctx: ServiceContext): Handler<'enrol'> {
  return async ({ body, caller }) => {
    const { person } = caller;
    const now = ctx.clock();
    const code = findEnrolmentCodeById(ctx.db, caller.enrolmentCodeId);
    if (!code || code.personId !== person.id) throw new ServiceError('auth.token_invalid', 'The enrolment token names an unknown code');
    if (code.usedAt !== null) throw new ServiceError('enrolment.code_used', 'This enrolment code has already been used; ask for a new one');
    if (code.expiresAt <= now) throw new ServiceError('enrolment.code_expired', 'This enrolment code has expired; ask for a new one');

    const csr = checkCsr(body.csr, csrSubjectOf(person));
    if (isPublicKeyEnrolled(ctx.db, csr.publicKeySha256)) {
      throw new ServiceError('csr.key_reused', 'This key is already enrolled; every device needs its own key pair');
    }

    const unit = findUnitById(ctx.db, person.unitId);
    if (!unit) throw new Error(`Person ${person.id} has no unit`);
    const deviceId = uuidv7();
    const certificate = issueDeviceCertificate(ctx.ca, {
      publicKey: csr.publicKey,
      claims: { personId: person.id, username: person.username, unitId: unit.id, unitNumber: unit.number, roles: person.roles, deviceId },
      fullName: person.fullName,
      unitName: unit.name,
      nowMs: now,
    });
    const refresh = newRefreshToken();
    const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_TTL_MS, certificate.notAfter);

    ctx.db.transaction(() => {
      if (!consumeEnrolmentCode(ctx.db, code.id, deviceId, now)) {
        throw new ServiceError('enrolment.code_used', 'This enrolment code has already been used; ask for a new one');
      }
      // Checked above; checked again here because a concurrent enrolment may have sent the same key.
      if (isPublicKeyEnrolled(ctx.db, csr.publicKeySha256)) throw new ServiceError('csr.key_reused', 'This key is already enrolled');
      insertDevice(ctx.db, {
        id: deviceId,
        personId: person.id,
        certificateSerial: certificate.serial,
        certificatePem: certificate.pem,
        publicKeySha256: csr.publicKeySha256,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        enrolledAt: now,
        refreshHash: refresh.hash,
        refreshExpiresAt,
      });
    })();

    const device = findDevice(ctx.db, deviceId);
    if (!device) throw new Error('The device just enrolled cannot be read back');
    const access = ctx.tokens.issue('access', { sub: person.id, dev: deviceId }, now, ACCESS_TOKEN_TTL_MS);
    ctx.log.info(`Enrolled device ${deviceId} for ${person.username} (certificate ${certificate.serial})`);
    return {
      device: presentDevice(device),
      person: presentPerson(ctx.db, person),
      certificate: certificate.pem,
      caCertificate: ctx.ca.certificatePem,
      tokens: {
        accessToken: access.token,
        accessTokenExpiresAt: iso(access.expiresAt),
        refreshToken: refresh.token,
        refreshTokenExpiresAt: iso(refreshExpiresAt),
      },
    };
  };
}
