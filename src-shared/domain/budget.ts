import { kyivYear } from './kyiv-calendar';

/**
 * A unit's funding as the budget panel shows it (DESIGN.md, "Funding"). Money
 * is integer kopiykas throughout.
 *
 * The service keeps, per unit and year, two allocations (guaranteed and
 * performance) but one committed and one spent figure. How those split
 * between the allocations is this rule, and only this rule:
 *
 *   The guaranteed allocation is used first. Spent money draws on it first,
 *   then on performance; committed money then draws on what is left of
 *   guaranteed, then on performance. Whatever exceeds both allocations is
 *   shown against performance, whose `available` goes negative (the client
 *   shows and warns; the service decides).
 *
 * Spent before committed because money is spent from earlier commitments:
 * the oldest obligations took the guaranteed money first.
 *
 * Issue 5 lays "after this cart" and "after signed-but-unsynced orders" over
 * this by adding those sums to `committedKopiykas` before calling it.
 */

export interface BudgetFigures {
  guaranteedKopiykas: number;
  performanceKopiykas: number;
  committedKopiykas: number;
  spentKopiykas: number;
}

export interface Allocation {
  allocated: number;
  committed: number;
  spent: number;
  /** allocated − committed − spent; negative when overdrawn. */
  available: number;
}

export interface BudgetSplit {
  guaranteed: Allocation;
  performance: Allocation;
}

function assertKopiykas(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole, non-negative number of kopiykas, not ${value}`);
}

export function splitBudget(figures: BudgetFigures): BudgetSplit {
  const { guaranteedKopiykas: guaranteed, performanceKopiykas: performance, committedKopiykas: committed, spentKopiykas: spent } = figures;
  assertKopiykas('guaranteedKopiykas', guaranteed);
  assertKopiykas('performanceKopiykas', performance);
  assertKopiykas('committedKopiykas', committed);
  assertKopiykas('spentKopiykas', spent);

  const spentGuaranteed = Math.min(spent, guaranteed);
  const committedGuaranteed = Math.min(committed, guaranteed - spentGuaranteed);
  const spentPerformance = spent - spentGuaranteed;
  const committedPerformance = committed - committedGuaranteed;
  return {
    guaranteed: allocation(guaranteed, committedGuaranteed, spentGuaranteed),
    performance: allocation(performance, committedPerformance, spentPerformance),
  };
}

function allocation(allocated: number, committed: number, spent: number): Allocation {
  return { allocated, committed, spent, available: allocated - committed - spent };
}

/**
 * The budget year at a moment: the calendar year in Kyiv, where the
 * allocations run (on New Year's night the UTC year would lag two hours).
 */
export function budgetYearAt(epochMs: number): number {
  return kyivYear(epochMs);
}
