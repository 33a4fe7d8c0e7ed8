import type { Db } from './database';

export interface EnrolmentCodeRecord {
  id: string;
  personId: string;
  codeHash: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  deviceId: string | null;
}

interface CodeRow {
  id: string;
  person_id: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

const toRecord = (row: CodeRow): EnrolmentCodeRecord => ({
  id: row.id,
  personId: row.person_id,
  codeHash: row.code_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  deviceId: row.device_id,
});

export function insertEnrolmentCode(db: Db, code: Omit<EnrolmentCodeRecord, 'usedAt' | 'deviceId'>): void {
  db.prepare('INSERT INTO enrolment_codes (id, person_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    code.id,
    code.personId,
    code.codeHash,
    code.createdAt,
    code.expiresAt,
  );
}

export function findEnrolmentCodeByHash(db: Db, codeHash: string): EnrolmentCodeRecord | undefined {
  const row = db.prepare('SELECT * FROM enrolment_codes WHERE code_hash = ?').get(codeHash) as CodeRow | undefined;
  return row && toRecord(row);
}

export function findEnrolmentCodeById(db: Db, id: string): EnrolmentCodeRecord | undefined {
  const row = db.prepare('SELECT * FROM enrolment_codes WHERE id = ?').get(id) as CodeRow | undefined;
  return row && toRecord(row);
}

/** Spend a code on a device; false when it was already spent or has expired (a concurrent enrolment won). */
export function consumeEnrolmentCode(db: Db, id: string, deviceId: string, at: number): boolean {
  return (
    db.prepare('UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?').run(at, deviceId, id, at)
      .changes === 1
  );
}
