import { iso } from '../clock';
import type { ServiceContext } from '../context';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_MS, sameHash } from '../auth/refresh-tokens';
import { ACCESS_TOKEN_TTL_MS } from '../auth/tokens';
import { standingOrThrow } from '../http/authenticate';
import { ServiceError } from '../http/errors';
import type { Handler } from '../http/routing';
import { findDevice, rotateRefreshToken, touchDevice } from '../store/devices';
import { findPersonById } from '../store/persons';

/**
 * Trade a device id and its refresh token for fresh tokens. The token
 * rotates; the one just presented stays acceptable once more, because on a
 * field link the answer can be lost after the service committed, and a
 * laptop that cannot refresh would have to enrol again.
 * (Binding refresh to a signature by the device key would remove the
 * remaining risk of a stolen token; see the report of issue 3.)
 */
export function refreshHandler(ctx: ServiceContext): Handler<'refresh'> {
  return async ({ body }) => {
    const now = ctx.clock();
    const presented = hashRefreshToken(body.refreshToken);
    const device = findDevice(ctx.db, body.deviceId);
    if (!device || !(sameHash(device.refreshHash, presented) || sameHash(device.previousRefreshHash, presented))) {
      throw new ServiceError('auth.refresh_invalid', 'The refresh token is not valid for this device');
    }
    const person = findPersonById(ctx.db, device.personId);
    if (!person) throw new Error(`Device ${device.id} belongs to no person`);
    standingOrThrow(person, device);
    if (now >= device.notAfter) throw new ServiceError('device.certificate_expired', 'The device certificate has expired; enrol again');
    if (now >= device.refreshExpiresAt) throw new ServiceError('auth.refresh_expired', 'The refresh token has expired; log in and enrol again');

    const next = newRefreshToken();
    const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_TTL_MS, device.notAfter);
    // Only the current token earns a grace retry; a retry spends the grace, so an old token works at most once more.
    const graceHash = sameHash(device.refreshHash, presented) ? presented : null;
    ctx.db.transaction(() => {
      rotateRefreshToken(ctx.db, device.id, graceHash, next.hash, refreshExpiresAt);
      touchDevice(ctx.db, device.id, now);
    })();
    const access = ctx.tokens.issue('access', { sub: person.id, dev: device.id }, now, ACCESS_TOKEN_TTL_MS);
    return {
      tokens: {
        accessToken: access.token,
        accessTokenExpiresAt: iso(access.expiresAt),
        refreshToken: next.token,
        refreshTokenExpiresAt: iso(refreshExpiresAt),
      },
    };
  };
}
