import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context';
import { findDevice, touchDevice, type DeviceRecord } from '../store/devices';
import { findPersonById, type PersonRecord } from '../store/persons';
import { ServiceError } from './errors';

/** The caller of a `device` route: who they are and from which laptop. */
export interface DeviceCaller {
  person: PersonRecord;
  device: DeviceRecord;
}

/** The caller of an `enrolment` route: who logged in, with which code. */
export interface EnrolmentCaller {
  person: PersonRecord;
  enrolmentCodeId: string;
}

/** The caller of an `admin` route: the agency's or a supplier's system, holding the admin token. */
export interface AdminCaller {
  admin: true;
}

/** Seen-at is informational; writing it at most once a minute keeps reads cheap. */
const TOUCH_INTERVAL_MS = 60_000;

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/u.exec(header) : null;
  if (!match?.[1]) throw new ServiceError('auth.required', 'An Authorization: Bearer token is required');
  return match[1];
}

/**
 * Revocation is announced before expiry: an expired but authentic token
 * still proves which device is calling, and that device must learn it has
 * to wipe, whatever the state of its tokens.
 */
export function standingOrThrow(person: PersonRecord, device?: DeviceRecord): void {
  if (person.revokedAt !== null) throw new ServiceError('person.revoked', 'This person no longer has access to the service');
  if (device && device.revokedAt !== null) throw new ServiceError('device.revoked', 'This device has been revoked');
}

export function authenticateDevice(ctx: ServiceContext, request: FastifyRequest): DeviceCaller {
  const check = ctx.tokens.check(bearer(request), 'access', ctx.clock());
  if (!check.ok) throw new ServiceError('auth.token_invalid', 'The access token is not valid');
  const { claims } = check;
  const device = findDevice(ctx.db, claims.dev ?? '');
  const person = device && findPersonById(ctx.db, claims.sub);
  if (!device || !person || device.personId !== person.id) throw new ServiceError('auth.token_invalid', 'The access token names an unknown device');
  standingOrThrow(person, device);
  if (check.expired) throw new ServiceError('auth.token_expired', 'The access token has expired; refresh it');
  return { person, device };
}

/** Note when a device was last served; called only after a successful request, so a refused one changes nothing. */
export function recordSeen(ctx: ServiceContext, caller: DeviceCaller): void {
  const now = ctx.clock();
  if (caller.device.lastSeenAt === null || now - caller.device.lastSeenAt > TOUCH_INTERVAL_MS) touchDevice(ctx.db, caller.device.id, now);
}

export function authenticateEnrolment(ctx: ServiceContext, request: FastifyRequest): EnrolmentCaller {
  const check = ctx.tokens.check(bearer(request), 'enrol', ctx.clock());
  if (!check.ok) throw new ServiceError('auth.token_invalid', 'The enrolment token is not valid');
  const person = findPersonById(ctx.db, check.claims.sub);
  if (!person) throw new ServiceError('auth.token_invalid', 'The enrolment token names an unknown person');
  standingOrThrow(person);
  if (check.expired) throw new ServiceError('auth.token_expired', 'The enrolment token has expired; log in again');
  return { person, enrolmentCodeId: check.claims.cid ?? '' };
}

export function authenticateAdmin(ctx: ServiceContext, request: FastifyRequest): AdminCaller {
  if (!ctx.adminToken.matches(bearer(request))) throw new ServiceError('auth.token_invalid', 'The admin token is not valid');
  return { admin: true };
}
