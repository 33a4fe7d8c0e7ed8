import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import { DEFAULT_ENROLMENT_CODE_HOURS, formatEnrolmentCode, generateEnrolmentCode, hashEnrolmentCode, normaliseEnrolmentCode } from '../auth/enrolment-codes';
import type { Db } from '../store/database';
import { findEnrolmentCodeByHash, insertEnrolmentCode } from '../store/enrolment-codes';
import { ProvisioningError } from './errors';
import { requirePerson } from './persons';

export interface IssuedEnrolmentCode {
  code: string;
  expiresAt: number;
  username: string;
}

/**
 * A one-time code that lets a person enrol one laptop. `code` may be given
 * (the demo uses fixed ones); otherwise a random one is made.
 */
export function issueEnrolmentCode(db: Db, clock: Clock, input: { username: string; hours?: number; code?: string }): IssuedEnrolmentCode {
  const person = requirePerson(db, input.username);
  if (person.revokedAt !== null) throw new ProvisioningError(`${person.username} is revoked; a revoked person cannot enrol`);
  const hours = input.hours ?? DEFAULT_ENROLMENT_CODE_HOURS;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) throw new ProvisioningError('The validity must be between 1 hour and a year');
  const normalised = normaliseEnrolmentCode(input.code ?? generateEnrolmentCode());
  if (normalised === null) throw new ProvisioningError('Not an enrolment code: 12 symbols of Crockford base 32');
  const codeHash = hashEnrolmentCode(normalised);
  if (findEnrolmentCodeByHash(db, codeHash)) throw new ProvisioningError('This enrolment code already exists');
  const now = clock();
  const expiresAt = now + hours * 3600_000;
  insertEnrolmentCode(db, { id: uuidv7(), personId: person.id, codeHash, createdAt: now, expiresAt });
  return { code: formatEnrolmentCode(normalised), expiresAt, username: person.username };
}

export type EnrolmentCodeState = 'unused' | 'used' | 'expired' | 'unknown';

export function enrolmentCodeState(db: Db, clock: Clock, code: string): EnrolmentCodeState {
  const normalised = normaliseEnrolmentCode(code);
  const record = normalised === null ? undefined : findEnrolmentCodeByHash(db, hashEnrolmentCode(normalised));
  if (!record) return 'unknown';
  if (record.usedAt !== null) return 'used';
  return record.expiresAt <= clock() ? 'expired' : 'unused';
}
