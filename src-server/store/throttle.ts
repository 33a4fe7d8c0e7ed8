import type { Db } from './database';

export interface ThrottleRecord {
  key: string;
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export function findThrottle(db: Db, key: string): ThrottleRecord | undefined {
  const row = db.prepare('SELECT key, failures, last_failure_at, blocked_until FROM auth_throttle WHERE key = ?').get(key) as
    | { key: string; failures: number; last_failure_at: number; blocked_until: number }
    | undefined;
  return row && { key: row.key, failures: row.failures, lastFailureAt: row.last_failure_at, blockedUntil: row.blocked_until };
}

export function saveThrottle(db: Db, record: ThrottleRecord): void {
  db.prepare(
    `INSERT INTO auth_throttle (key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`,
  ).run(record.key, record.failures, record.lastFailureAt, record.blockedUntil);
}

export function clearThrottle(db: Db, key: string): void {
  db.prepare('DELETE FROM auth_throttle WHERE key = ?').run(key);
}
