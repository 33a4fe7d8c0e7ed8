import type { Order } from '@shared/service/orders';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { commitBudget, findBudget } from '../store/budgets';
import { formatUah } from './money';

/**
 * Committing an order commits its money against the unit's allocations of
 * the year and spends its e-points. The service decides here, whatever the
 * laptop showed: nothing may go below zero.
 */
export function commitOrderFunds(db: Db, order: Order, year: number): void {
  const { moneyKopiykas, ePoints } = order.content.totals;
  const budget = findBudget(db, order.unitId, year);
  if (!budget) throw new ServiceError('budget.insufficient', `Unit ${order.content.unit.number} has no budget for ${year}`);
  const available = budget.guaranteedKopiykas + budget.performanceKopiykas - budget.committedKopiykas - budget.spentKopiykas;
  if (moneyKopiykas > available) {
    throw new ServiceError(
      'budget.insufficient',
      `Order ${order.number} needs ${formatUah(moneyKopiykas)}; unit ${order.content.unit.number} has ${formatUah(Math.max(available, 0))} available in ${year}`,
    );
  }
  if (ePoints > budget.ePoints) {
    throw new ServiceError(
      'budget.insufficient',
      `Order ${order.number} needs ${ePoints} e-points; unit ${order.content.unit.number} has ${budget.ePoints}`,
    );
  }
  if (moneyKopiykas > 0 || ePoints > 0) commitBudget(db, order.unitId, year, moneyKopiykas, ePoints);
}
