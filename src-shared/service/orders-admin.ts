import { z } from 'zod';
import { named } from './registry';
import { UnitNumberSchema } from './common';
import { OrderSchema, ServiceOrderStatusSchema } from './orders';
import { normaliseUnitNumber } from './unit-number';

/**
 * The agency's and suppliers' side of orders on the service's admin API
 * (bearer: the admin token). What they may do to an order is
 * `OrderActionRequest` (orders.ts); these are the lookups around it.
 */

export const ADMIN_ORDER_LIST_MAX = 1000;

export const AdminOrderListQuerySchema = z
  .object({
    status: ServiceOrderStatusSchema.optional(),
    /** The unit's number (А1234, 3017); Latin look-alikes and a "в/ч" prefix are folded as everywhere. */
    unit: z.string().max(20).transform(normaliseUnitNumber).pipe(UnitNumberSchema).optional(),
    /** Newest first, at most this many (default and maximum 1000). */
    limit: z.coerce.number().int().min(1).max(ADMIN_ORDER_LIST_MAX).optional(),
  })
  .strict();

export const AdminOrderRefParamsSchema = z
  .object({
    /** The order's id (the client's UUID) or the service's number (ЗМ-2026-000042). */
    id: z.string().trim().min(1).max(64),
  })
  .strict();

export const AdminOrderListSchema = named(
  'AdminOrderList',
  z.object({ orders: z.array(OrderSchema) }).strict(),
  'Orders of every unit (or of one), newest first.',
);
export type AdminOrderList = z.infer<typeof AdminOrderListSchema>;
