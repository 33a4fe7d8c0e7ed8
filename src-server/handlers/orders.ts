import type { ServiceContext } from '../context';
import type { Handler } from '../http/routing';
import { applyOrderAction } from '../orders/actions';
import { requireOrder } from '../orders/lookup';
import { ServiceError } from '../http/errors';
import { listOrders } from '../store/orders';
import { findUnitByNumber } from '../store/units';

/** The admin API of orders: what the agency and suppliers see and do (src-server/orders/). */

export function adminOrderListHandler(ctx: ServiceContext): Handler<'adminOrderList'> {
  return async ({ query }) => {
    let unitId: string | undefined;
    if (query.unit !== undefined) {
      const unit = findUnitByNumber(ctx.db, query.unit);
      // An unknown unit has no orders; saying so is clearer than an empty list that looks like a quiet unit.
      if (!unit) throw new ServiceError('request.invalid', `No unit ${query.unit}`, { issues: [{ path: 'query.unit', message: 'no such unit' }] });
      unitId = unit.id;
    }
    return { orders: listOrders(ctx.db, { status: query.status, unitId, limit: query.limit }) };
  };
}

export function adminOrderGetHandler(ctx: ServiceContext): Handler<'adminOrderGet'> {
  return async ({ params }) => requireOrder(ctx.db, params.id);
}

export function adminOrderActionHandler(ctx: ServiceContext): Handler<'adminOrderAction'> {
  return async ({ params, body }) => applyOrderAction(ctx.db, ctx.clock(), params.id, body);
}
