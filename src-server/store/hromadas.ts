import type { Hromada } from '@shared/service/catalogue';
import type { Db } from './database';

export type HromadaInput = Omit<Hromada, 'changeSeq'>;

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * Insert or update one hromada. A row whose content is unchanged is not
 * written at all, so re-importing the same codifier leaves every change_seq
 * where it was and sync has nothing to send.
 */
export function upsertHromada(db: Db, hromada: HromadaInput, source: string): UpsertOutcome {
  const existing = db.prepare('SELECT name, raion_code, raion_name, oblast_code, oblast_name, source FROM hromadas WHERE code = ?').get(hromada.code) as
    | { name: string; raion_code: string; raion_name: string; oblast_code: string; oblast_name: string; source: string }
    | undefined;
  if (!existing) {
    db.prepare(
      'INSERT INTO hromadas (code, name, raion_code, raion_name, oblast_code, oblast_name, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(hromada.code, hromada.name, hromada.raionCode, hromada.raionName, hromada.oblastCode, hromada.oblastName, source);
    return 'inserted';
  }
  const same =
    existing.name === hromada.name &&
    existing.raion_code === hromada.raionCode &&
    existing.raion_name === hromada.raionName &&
    existing.oblast_code === hromada.oblastCode &&
    existing.oblast_name === hromada.oblastName &&
    existing.source === source;
  if (same) return 'unchanged';
  db.prepare('UPDATE hromadas SET name = ?, raion_code = ?, raion_name = ?, oblast_code = ?, oblast_name = ?, source = ? WHERE code = ?').run(
    hromada.name,
    hromada.raionCode,
    hromada.raionName,
    hromada.oblastCode,
    hromada.oblastName,
    source,
    hromada.code,
  );
  return 'updated';
}

export function hromadaCodes(db: Db): string[] {
  return (db.prepare('SELECT code FROM hromadas').all() as Array<{ code: string }>).map((row) => row.code);
}

/** Deleting leaves a tombstone per row (trigger), so clients drop it on their next sync. */
export function deleteHromada(db: Db, code: string): void {
  db.prepare('DELETE FROM hromadas WHERE code = ?').run(code);
}

export function countHromadas(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM hromadas').get() as { n: number }).n;
}

export interface HromadaRow {
  code: string;
  name: string;
  raion_code: string;
  raion_name: string;
  oblast_code: string;
  oblast_name: string;
  source: string;
  change_seq: number;
}

export function hromadaFromRow(row: HromadaRow): Hromada {
  return {
    code: row.code,
    name: row.name,
    raionCode: row.raion_code,
    raionName: row.raion_name,
    oblastCode: row.oblast_code,
    oblastName: row.oblast_name,
    changeSeq: row.change_seq,
  };
}

export function findHromada(db: Db, code: string): (Hromada & { source: string }) | undefined {
  const row = db.prepare('SELECT * FROM hromadas WHERE code = ?').get(code) as HromadaRow | undefined;
  return row && { ...hromadaFromRow(row), source: row.source };
}
