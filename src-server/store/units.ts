import type { Db } from './database';

export interface UnitRecord {
  id: string;
  name: string;
  number: string;
  tier: number;
  createdAt: number;
}

interface UnitRow {
  id: string;
  name: string;
  number: string;
  tier: number;
  created_at: number;
}

const toRecord = (row: UnitRow): UnitRecord => ({ id: row.id, name: row.name, number: row.number, tier: row.tier, createdAt: row.created_at });

export function insertUnit(db: Db, unit: UnitRecord): void {
  db.prepare('INSERT INTO units (id, name, number, tier, created_at) VALUES (?, ?, ?, ?, ?)').run(unit.id, unit.name, unit.number, unit.tier, unit.createdAt);
}

export function findUnitById(db: Db, id: string): UnitRecord | undefined {
  const row = db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  return row && toRecord(row);
}

export function findUnitByNumber(db: Db, number: string): UnitRecord | undefined {
  const row = db.prepare('SELECT * FROM units WHERE number = ?').get(number) as UnitRow | undefined;
  return row && toRecord(row);
}

export function listUnits(db: Db): Array<UnitRecord & { persons: number }> {
  const rows = db
    .prepare('SELECT u.*, (SELECT count(*) FROM persons p WHERE p.unit_id = u.id) AS persons FROM units u ORDER BY u.number')
    .all() as Array<UnitRow & { persons: number }>;
  return rows.map((row) => ({ ...toRecord(row), persons: row.persons }));
}
