import type { Db } from './database';

export interface DeviceRecord {
  id: string;
  personId: string;
  certificateSerial: string;
  certificatePem: string;
  publicKeySha256: string;
  notBefore: number;
  notAfter: number;
  enrolledAt: number;
  lastSeenAt: number | null;
  refreshHash: string;
  previousRefreshHash: string | null;
  refreshExpiresAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
}

interface DeviceRow {
  id: string;
  person_id: string;
  certificate_serial: string;
  certificate_pem: string;
  public_key_sha256: string;
  not_before: number;
  not_after: number;
  enrolled_at: number;
  last_seen_at: number | null;
  refresh_hash: string;
  previous_refresh_hash: string | null;
  refresh_expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

const toRecord = (row: DeviceRow): DeviceRecord => ({
  id: row.id,
  personId: row.person_id,
  certificateSerial: row.certificate_serial,
  certificatePem: row.certificate_pem,
  publicKeySha256: row.public_key_sha256,
  notBefore: row.not_before,
  notAfter: row.not_after,
  enrolledAt: row.enrolled_at,
  lastSeenAt: row.last_seen_at,
  refreshHash: row.refresh_hash,
  previousRefreshHash: row.previous_refresh_hash,
  refreshExpiresAt: row.refresh_expires_at,
  revokedAt: row.revoked_at,
  revokedReason: row.revoked_reason,
});

export function insertDevice(db: Db, device: Omit<DeviceRecord, 'lastSeenAt' | 'previousRefreshHash' | 'revokedAt' | 'revokedReason'>): void {
  db.prepare(
    `INSERT INTO devices (id, person_id, certificate_serial, certificate_pem, public_key_sha256, not_before, not_after,
       enrolled_at, last_seen_at, refresh_hash, refresh_expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    device.id,
    device.personId,
    device.certificateSerial,
    device.certificatePem,
    device.publicKeySha256,
    device.notBefore,
    device.notAfter,
    device.enrolledAt,
    device.enrolledAt,
    device.refreshHash,
    device.refreshExpiresAt,
  );
}

export function findDevice(db: Db, id: string): DeviceRecord | undefined {
  const row = db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
  return row && toRecord(row);
}

export function isPublicKeyEnrolled(db: Db, publicKeySha256: string): boolean {
  return db.prepare('SELECT 1 FROM devices WHERE public_key_sha256 = ?').get(publicKeySha256) !== undefined;
}

export interface DeviceListing extends DeviceRecord {
  username: string;
  fullName: string;
  unitNumber: string;
}

export function listDevices(db: Db, personId?: string): DeviceListing[] {
  const sql = `SELECT d.*, p.username, p.full_name, u.number AS unit_number
     FROM devices d JOIN persons p ON p.id = d.person_id JOIN units u ON u.id = p.unit_id
     ${personId === undefined ? '' : 'WHERE d.person_id = ?'} ORDER BY d.enrolled_at`;
  const rows = (personId === undefined ? db.prepare(sql).all() : db.prepare(sql).all(personId)) as Array<
    DeviceRow & { username: string; full_name: string; unit_number: string }
  >;
  return rows.map((row) => ({ ...toRecord(row), username: row.username, fullName: row.full_name, unitNumber: row.unit_number }));
}

/**
 * Replace the refresh token, keeping the presented one as "previous" so a
 * retry after a lost answer still works once; the one before that is gone.
 */
export function rotateRefreshToken(db: Db, id: string, graceHash: string | null, nextHash: string, expiresAt: number): void {
  db.prepare('UPDATE devices SET refresh_hash = ?, previous_refresh_hash = ?, refresh_expires_at = ? WHERE id = ?').run(
    nextHash,
    graceHash,
    expiresAt,
    id,
  );
}

export function touchDevice(db: Db, id: string, at: number): void {
  db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, id);
}

export function markDeviceRevoked(db: Db, id: string, at: number, reason: string): boolean {
  return db.prepare('UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL').run(at, reason, id).changes === 1;
}
