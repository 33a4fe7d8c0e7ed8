import { v7 as uuidv7 } from 'uuid';
import { roles as allRoles, USERNAME_PATTERN, type Role } from '@shared/service/common';
import type { Clock } from '../clock';
import { hashPassword } from '../auth/password';
import { generatePassword } from '../auth/secrets';
import { newTotpSecret, totpUri } from '../auth/totp';
import type { Db } from '../store/database';
import { findPersonByUsername, insertPerson, markPersonRevoked, type PersonRecord } from '../store/persons';
import { ProvisioningError } from './errors';
import { resolveUnit } from './units';

export interface NewPerson {
  /** Unit number (А1234, 3017) or unit id. */
  unit: string;
  fullName: string;
  username: string;
  roles: readonly string[];
}

export interface NewPersonCredentials {
  passwordHash: string;
  totpSecret: string;
}

export function parseRoles(input: readonly string[]): Role[] {
  const given = input.map((role) => role.trim().toLowerCase()).filter(Boolean);
  if (given.length === 0) throw new ProvisioningError(`At least one role is required (${allRoles.join(', ')})`);
  const unknown = given.filter((role) => !(allRoles as readonly string[]).includes(role));
  if (unknown.length > 0) throw new ProvisioningError(`Unknown role ${unknown.join(', ')}; roles are ${allRoles.join(', ')}`);
  return allRoles.filter((role) => given.includes(role));
}

function checkNames(input: NewPerson): { fullName: string; username: string } {
  const fullName = input.fullName.trim().replace(/\s+/gu, ' ').normalize('NFC');
  // Control characters would corrupt certificates and printed documents.
  if (fullName.length < 3 || fullName.length > 128 || /\p{Cc}/u.test(fullName)) {
    throw new ProvisioningError('The full name must be 3 to 128 printable characters');
  }
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new ProvisioningError('The username must be 3 to 32 characters: Latin letters, digits, dot, dash or underscore, starting with a letter or digit');
  }
  return { fullName, username };
}

/** Record a person whose password is already hashed (the demo seed hashes in parallel beforehand). */
export function registerPerson(db: Db, clock: Clock, input: NewPerson, credentials: NewPersonCredentials): PersonRecord {
  const { fullName, username } = checkNames(input);
  const roles = parseRoles(input.roles);
  const unit = resolveUnit(db, input.unit);
  if (findPersonByUsername(db, username)) throw new ProvisioningError(`The username ${username} is taken`);
  const person = { id: uuidv7(), unitId: unit.id, username, fullName, roles, createdAt: clock(), ...credentials };
  insertPerson(db, person);
  const stored = findPersonByUsername(db, username);
  if (!stored) throw new Error('The person just registered cannot be read back');
  return stored;
}

export interface AddedPerson {
  person: PersonRecord;
  password: string;
  totpSecret: string;
  otpauthUri: string;
}

/**
 * The unit names a person: generate their password and TOTP secret, which
 * are shown once and handed over with the enrolment code.
 */
export async function addPerson(db: Db, clock: Clock, input: NewPerson, given: { password?: string; totpSecret?: string } = {}): Promise<AddedPerson> {
  // Validate before spending half a second on the hash, and again after (registerPerson) in case of a race.
  checkNames(input);
  parseRoles(input.roles);
  resolveUnit(db, input.unit);
  const password = given.password ?? generatePassword();
  const totpSecret = given.totpSecret ?? newTotpSecret();
  const person = registerPerson(db, clock, input, { passwordHash: await hashPassword(password), totpSecret });
  return { person, password, totpSecret, otpauthUri: totpUri(totpSecret, person.username) };
}

export function requirePerson(db: Db, username: string): PersonRecord {
  const person = findPersonByUsername(db, username.trim().toLowerCase());
  if (!person) throw new ProvisioningError(`No person with username "${username}"; see "person list"`);
  return person;
}

/** Withdraw a person's access: every device of theirs is told to wipe on its next contact. */
export function revokePerson(db: Db, clock: Clock, username: string, reason: string): PersonRecord {
  const person = requirePerson(db, username);
  if (!markPersonRevoked(db, person.id, clock(), reason)) throw new ProvisioningError(`${person.username} is already revoked`);
  return requirePerson(db, username);
}
