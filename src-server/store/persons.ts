import type { Role } from '@shared/service/common';
import type { Db } from './database';

export interface PersonRecord {
  id: string;
  unitId: string;
  username: string;
  fullName: string;
  passwordHash: string;
  totpSecret: string;
  totpLastStep: number;
  createdAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
  roles: Role[];
}

interface PersonRow {
  id: string;
  unit_id: string;
  username: string;
  full_name: string;
  password_hash: string;
  totp_secret: string;
  totp_last_step: number;
  created_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  roles: string | null;
}

/** Roles in a fixed order, so every listing and certificate shows them the same way. */
const ROLE_ORDER: readonly Role[] = ['orderer', 'receiver', 'commander'];

const SELECT = `SELECT p.*, (SELECT group_concat(role) FROM person_roles r WHERE r.person_id = p.id) AS roles FROM persons p`;

function toRecord(row: PersonRow): PersonRecord {
  const roles = new Set((row.roles ?? '').split(',').filter(Boolean));
  return {
    id: row.id,
    unitId: row.unit_id,
    username: row.username,
    fullName: row.full_name,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
    roles: ROLE_ORDER.filter((role) => roles.has(role)),
  };
}

export function insertPerson(db: Db, person: Omit<PersonRecord, 'totpLastStep' | 'revokedAt' | 'revokedReason'>): void {
  db.prepare(
    `INSERT INTO persons (id, unit_id, username, full_name, password_hash, totp_secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(person.id, person.unitId, person.username, person.fullName, person.passwordHash, person.totpSecret, person.createdAt);
  const addRole = db.prepare('INSERT INTO person_roles (person_id, role) VALUES (?, ?)');
  for (const role of person.roles) addRole.run(person.id, role);
}

export function findPersonByUsername(db: Db, username: string): PersonRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE p.username = ?`).get(username) as PersonRow | undefined;
  return row && toRecord(row);
}

export function findPersonById(db: Db, id: string): PersonRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PersonRow | undefined;
  return row && toRecord(row);
}

export function listPersons(db: Db, unitId?: string): PersonRecord[] {
  const rows = (
    unitId === undefined
      ? db.prepare(`${SELECT} ORDER BY p.username`).all()
      : db.prepare(`${SELECT} WHERE p.unit_id = ? ORDER BY p.username`).all(unitId)
  ) as PersonRow[];
  return rows.map(toRecord);
}

/**
 * Remember the time step of an accepted TOTP code. Conditional, so two
 * concurrent logins with the same code cannot both win: false means the step
 * was already used.
 */
export function acceptTotpStep(db: Db, personId: string, step: number): boolean {
  return db.prepare('UPDATE persons SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?').run(step, personId, step).changes === 1;
}

export function markPersonRevoked(db: Db, personId: string, at: number, reason: string): boolean {
  return db.prepare('UPDATE persons SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL').run(at, reason, personId).changes === 1;
}
