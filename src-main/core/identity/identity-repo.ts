import { z } from 'zod';
import { RoleSchema, type Role } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import type { Db } from '../store/db';

/**
 * The enrolled identity in the encrypted database (migration 0002). Public
 * facts, the private key and the refresh token are read by separate
 * functions, so code that only shows who is enrolled never holds a secret.
 */

export interface StoredPerson {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  unit: { id: string; name: string; number: string };
}

/** What may be shown: nothing here is secret. */
export interface IdentityRecord {
  serviceUrl: string;
  deviceId: string;
  person: StoredPerson;
  certificatePem: string;
  caCertificatePem: string;
  enrolledAt: string;
}

export interface RefreshGrant {
  token: string;
  /** ISO timestamp, as the service wrote it. */
  expiresAt: string;
}

export interface NewIdentity extends IdentityRecord {
  privateKeyPem: string;
  refresh: RefreshGrant;
}

/** What the service gateway needs to get an access token. */
export interface DeviceCredentials {
  serviceUrl: string;
  deviceId: string;
  refreshToken: string;
}

interface IdentityRow {
  service_url: string;
  device_id: string;
  person_id: string;
  username: string;
  full_name: string;
  roles: string;
  unit_id: string;
  unit_name: string;
  unit_number: string;
  certificate_pem: string;
  ca_certificate_pem: string;
  enrolled_at: string;
}

const RolesSchema = z.array(RoleSchema).min(1);

export function hasIdentity(db: Db): boolean {
  return db.prepare('SELECT 1 FROM identity WHERE id = 1').get() !== undefined;
}

export function readIdentity(db: Db): IdentityRecord | undefined {
  const row = db
    .prepare(
      `SELECT service_url, device_id, person_id, username, full_name, roles, unit_id, unit_name, unit_number,
              certificate_pem, ca_certificate_pem, enrolled_at
         FROM identity WHERE id = 1`,
    )
    .get() as IdentityRow | undefined;
  if (!row) return undefined;
  return {
    serviceUrl: row.service_url,
    deviceId: row.device_id,
    person: {
      id: row.person_id,
      username: row.username,
      fullName: row.full_name,
      roles: parseRoles(row.roles),
      unit: { id: row.unit_id, name: row.unit_name, number: row.unit_number },
    },
    certificatePem: row.certificate_pem,
    caCertificatePem: row.ca_certificate_pem,
    enrolledAt: row.enrolled_at,
  };
}

/** The device's private key (PKCS#8 PEM), for the signer only; see device-key.ts. */
export function readPrivateKeyPem(db: Db): string | undefined {
  return db.prepare('SELECT private_key_pem FROM identity WHERE id = 1').pluck().get() as string | undefined;
}

export function readCredentials(db: Db): DeviceCredentials | undefined {
  const row = db
    .prepare(
      `SELECT i.service_url AS serviceUrl, i.device_id AS deviceId, c.refresh_token AS refreshToken
         FROM identity i JOIN service_credentials c ON c.id = i.id WHERE i.id = 1`,
    )
    .get() as DeviceCredentials | undefined;
  return row;
}

/** Written once, at the end of enrolment, identity and first refresh token together. */
export function insertIdentity(db: Db, identity: NewIdentity, now: string): void {
  db.transaction(() => {
    if (hasIdentity(db)) throw new AppError('enrol.already_enrolled', 'This laptop is already enrolled');
    db.prepare(
      `INSERT INTO identity (id, service_url, device_id, person_id, username, full_name, roles, unit_id, unit_name, unit_number,
                             private_key_pem, certificate_pem, ca_certificate_pem, enrolled_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      identity.serviceUrl,
      identity.deviceId,
      identity.person.id,
      identity.person.username,
      identity.person.fullName,
      JSON.stringify(RolesSchema.parse(identity.person.roles)),
      identity.person.unit.id,
      identity.person.unit.name,
      identity.person.unit.number,
      identity.privateKeyPem,
      identity.certificatePem,
      identity.caCertificatePem,
      identity.enrolledAt,
    );
    db.prepare('INSERT INTO service_credentials (id, refresh_token, refresh_expires_at, rotated_at) VALUES (1, ?, ?, ?)').run(
      identity.refresh.token,
      identity.refresh.expiresAt,
      now,
    );
  }).immediate();
}

/**
 * Keeps the refresh token the service just rotated to. Only for the device
 * that asked: if the laptop was wiped and enrolled again meanwhile, an
 * answer for the old device must not overwrite the new one's token.
 */
export function rotateCredentials(db: Db, deviceId: string, refresh: RefreshGrant, now: string): boolean {
  const result = db
    .prepare(
      `UPDATE service_credentials SET refresh_token = ?, refresh_expires_at = ?, rotated_at = ?
        WHERE id = 1 AND EXISTS (SELECT 1 FROM identity WHERE id = 1 AND device_id = ?)`,
    )
    .run(refresh.token, refresh.expiresAt, now, deviceId);
  return result.changes === 1;
}

function parseRoles(text: string): Role[] {
  try {
    const parsed = RolesSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError('store.corrupt', 'The stored identity has unreadable roles');
}
