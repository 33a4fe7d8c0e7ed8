import { catalogAppliers } from './catalog/appliers';
import { documentAppliers } from './documents/appliers';
import { orderApplier } from './orders/order-applier';
import type { EntityApplier } from './sync/applier';

/** Every synced entity's applier: the sync engine's table (a scope is pulled only when all its entities have one). */
export const entityAppliers: readonly EntityApplier[] = [...catalogAppliers, orderApplier, ...documentAppliers];
