import type { Budget } from '@shared/service/catalogue';
import type { Db } from './database';

export type NewBudget = Omit<Budget, 'changeSeq' | 'committedKopiykas' | 'spentKopiykas'> &
  Partial<Pick<Budget, 'committedKopiykas' | 'spentKopiykas'>>;

export function insertBudget(db: Db, budget: NewBudget): void {
  db.prepare(
    `INSERT INTO budgets (unit_id, year, guaranteed_kopiykas, performance_kopiykas, committed_kopiykas, spent_kopiykas, e_points)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    budget.unitId,
    budget.year,
    budget.guaranteedKopiykas,
    budget.performanceKopiykas,
    budget.committedKopiykas ?? 0,
    budget.spentKopiykas ?? 0,
    budget.ePoints,
  );
}

export interface BudgetRow {
  unit_id: string;
  year: number;
  guaranteed_kopiykas: number;
  performance_kopiykas: number;
  committed_kopiykas: number;
  spent_kopiykas: number;
  e_points: number;
  change_seq: number;
}

export function budgetFromRow(row: BudgetRow): Budget {
  return {
    unitId: row.unit_id,
    year: row.year,
    guaranteedKopiykas: row.guaranteed_kopiykas,
    performanceKopiykas: row.performance_kopiykas,
    committedKopiykas: row.committed_kopiykas,
    spentKopiykas: row.spent_kopiykas,
    ePoints: row.e_points,
    changeSeq: row.change_seq,
  };
}

/** The sync id of a budget row, as its tombstone names it too. */
export function budgetKey(unitId: string, year: number): string {
  return `${unitId}:${year}`;
}

export function budgetsOfUnit(db: Db, unitId: string): Budget[] {
  return (db.prepare('SELECT * FROM budgets WHERE unit_id = ? ORDER BY year').all(unitId) as BudgetRow[]).map(budgetFromRow);
}

export function findBudget(db: Db, unitId: string, year: number): Budget | undefined {
  const row = db.prepare('SELECT * FROM budgets WHERE unit_id = ? AND year = ?').get(unitId, year) as BudgetRow | undefined;
  return row && budgetFromRow(row);
}

/** Commit money and spend e-points of a year (the update trigger carries it to the unit's laptops). */
export function commitBudget(db: Db, unitId: string, year: number, moneyKopiykas: number, ePoints: number): void {
  db.prepare('UPDATE budgets SET committed_kopiykas = committed_kopiykas + ?, e_points = e_points - ? WHERE unit_id = ? AND year = ?').run(
    moneyKopiykas,
    ePoints,
    unitId,
    year,
  );
}

/** Money paid out of what was committed: the order it was committed for is delivered and paid. */
export function spendCommitted(db: Db, unitId: string, year: number, moneyKopiykas: number): void {
  db.prepare('UPDATE budgets SET committed_kopiykas = committed_kopiykas - ?, spent_kopiykas = spent_kopiykas + ? WHERE unit_id = ? AND year = ?').run(
    moneyKopiykas,
    moneyKopiykas,
    unitId,
    year,
  );
}
