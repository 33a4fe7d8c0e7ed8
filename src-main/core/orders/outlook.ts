import type { BudgetOutlook, OutlookFigure } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import { splitBudget, type BudgetSplit } from '@shared/domain/budget';
import { readBudgetRow } from '../catalog/budget';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/** Money and points an order (or a cart) would take. */
export interface Spend {
  moneyKopiykas: number;
  ePoints: number;
}

export const NO_SPEND: Spend = { moneyKopiykas: 0, ePoints: 0 };

export function addSpend(a: Spend, b: Spend): Spend {
  return { moneyKopiykas: a.moneyKopiykas + b.moneyKopiykas, ePoints: a.ePoints + b.ePoints };
}

/** Service states in which an order holds money the budget row does not show as committed yet. */
const UNCOMMITTED_STATUSES = ['preorder_requested', 'proposal_received', 'submitted', 'returned'] as const;

/**
 * What the unit's orders hold that the service's budget row does not count
 * yet: this laptop's signed versions still in the outbox, and the service's
 * orders not yet committed. An order counts once: a signed new version on
 * its way stands for the returned one it replaces. `exclude` leaves out one
 * order (the one being signed, whose new version is the "cart").
 */
const PENDING_SQL = `WITH own AS (
    SELECT s.id, json_extract(s.content, '$.totals.moneyKopiykas') AS money, json_extract(s.content, '$.totals.ePoints') AS points
      FROM order_signed s WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.id = s.intent_id AND o.state = 'pending')
  ), service AS (
    SELECT id, json_extract(content, '$.totals.moneyKopiykas') AS money, json_extract(content, '$.totals.ePoints') AS points
      FROM orders WHERE status IN (${UNCOMMITTED_STATUSES.map((status) => `'${status}'`).join(', ')}) AND id NOT IN (SELECT id FROM own)
  )
  SELECT coalesce(sum(money), 0) AS moneyKopiykas, coalesce(sum(points), 0) AS ePoints
    FROM (SELECT * FROM own UNION ALL SELECT * FROM service) WHERE id IS NOT @exclude`;

export function pendingSpend(db: Db, exclude?: string): Spend {
  return cached(db, PENDING_SQL).get({ exclude: exclude ?? null }) as Spend;
}

/**
 * The budget as the cart and the signing dialog see it (DESIGN.md,
 * "Funding"): available now, after the pending orders, and after `extra`
 * (the cart, or the order about to be signed) as well. The pending and
 * extra money are added to the committed figure before the shared rule
 * splits it between the allocations (src-shared/domain/budget.ts), so the
 * guaranteed allocation is used first here too. Null before any budget has
 * arrived: then nothing can be judged, and the service decides.
 */
export function readOutlook(db: Db, year: number, extra: Spend, exclude?: string): BudgetOutlook | null {
  const row = readBudgetRow(db, year);
  if (!row) return null;
  const pending = pendingSpend(db, exclude);
  const split = (committed: number): BudgetSplit =>
    splitBudget({
      guaranteedKopiykas: row.guaranteed_kopiykas,
      performanceKopiykas: row.performance_kopiykas,
      spentKopiykas: row.spent_kopiykas,
      committedKopiykas: committed,
    });
  const now = split(row.committed_kopiykas);
  const afterPending = split(row.committed_kopiykas + pending.moneyKopiykas);
  const afterCart = split(row.committed_kopiykas + pending.moneyKopiykas + extra.moneyKopiykas);
  const figure = (key: 'guaranteed' | 'performance'): OutlookFigure => ({
    available: now[key].available,
    afterPending: afterPending[key].available,
    afterCart: afterCart[key].available,
  });
  const ePoints: OutlookFigure = {
    available: row.e_points,
    afterPending: row.e_points - pending.ePoints,
    afterCart: row.e_points - pending.ePoints - extra.ePoints,
  };
  const guaranteed = figure('guaranteed');
  const performance = figure('performance');
  return {
    year: row.year,
    guaranteed,
    performance,
    ePoints,
    pending,
    overBudget: guaranteed.afterCart < 0 || performance.afterCart < 0 || ePoints.afterCart < 0,
    asOf: row.as_of,
  };
}

/** The refusal for an outlook over budget (the first allocation that goes below zero, and by how much), or undefined. */
export function overBudgetError(outlook: BudgetOutlook | null): AppError | undefined {
  if (!outlook?.overBudget) return undefined;
  const [allocation, figure] = (
    [
      ['guaranteed', outlook.guaranteed],
      ['performance', outlook.performance],
      ['e_points', outlook.ePoints],
    ] as const
  ).find(([, candidate]) => candidate.afterCart < 0) as readonly [string, OutlookFigure];
  return new AppError('order.over_budget', `This would take the ${allocation} budget ${-figure.afterCart} below zero`, {
    allocation,
    shortfall: -figure.afterCart,
  });
}
