import type { BudgetSummary } from '@shared/api/contract';
import { splitBudget } from '@shared/domain/budget';
import type { Db } from '../store/db';
import { cached } from './statements';

export interface BudgetRow {
  year: number;
  guaranteed_kopiykas: number;
  performance_kopiykas: number;
  committed_kopiykas: number;
  spent_kopiykas: number;
  e_points: number;
  as_of: string;
}

/**
 * The enrolled person's unit's rows (the budgets scope carries no other
 * unit's, but a laptop re-enrolled into another unit may still hold the old
 * ones until its next reset); without an identity, any unit's.
 * This year's row, else the latest year present.
 */
const BUDGET_SQL = `SELECT year, guaranteed_kopiykas, performance_kopiykas, committed_kopiykas, spent_kopiykas, e_points,
    coalesce((SELECT updated_at FROM sync_cursor WHERE scope = 'budgets'), received_at) AS as_of
  FROM budgets
  WHERE unit_id = coalesce((SELECT unit_id FROM identity WHERE id = 1), unit_id)
  ORDER BY year = @year DESC, year DESC LIMIT 1`;

/**
 * The budget panel: the unit's budget for `year` (else the latest year
 * present), split between the allocations by the shared rule
 * (src-shared/domain/budget.ts), or null before any budget has arrived.
 * `asOf` is when the figures were last confirmed: the time of the last pull
 * of the budgets scope (sync_cursor.updated_at, written with every page of
 * that scope, changed or not), else the time the row was applied. The
 * service's Budget row carries no time of its own, and the sync engine
 * stamps cursors with the core's clock, so today both are local times.
 */
export function readBudgetSummary(db: Db, year: number): BudgetSummary | null {
  const row = readBudgetRow(db, year);
  if (!row) return null;
  const split = splitBudget({
    guaranteedKopiykas: row.guaranteed_kopiykas,
    performanceKopiykas: row.performance_kopiykas,
    committedKopiykas: row.committed_kopiykas,
    spentKopiykas: row.spent_kopiykas,
  });
  return { year: row.year, ...split, ePoints: { balance: row.e_points }, asOf: row.as_of };
}

/** The row the budget panel reads (see readBudgetSummary), for views that lay more over it (the cart's outlook). */
export function readBudgetRow(db: Db, year: number): BudgetRow | undefined {
  return cached(db, BUDGET_SQL).get({ year }) as BudgetRow | undefined;
}
