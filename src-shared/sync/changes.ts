import { z } from 'zod';
import { named } from '../service/registry';
import { BudgetSchema, ChangeSeqSchema, HromadaSchema, ProductSchema, SupplierSchema, WatchSchema } from '../service/catalogue';
import { OrderSchema } from '../service/orders';
import { AcceptanceCertificateSchema, InvoiceSchema } from '../service/documents';
import { SyncCursorSchema, syncScopes, type SyncScope } from './scopes';

/**
 * What a pull delivers: changes, one per row written since the cursor, each
 * either the row as it now is (`upsert`) or the news that it is gone
 * (`delete`). `seq` is the service-wide change sequence the row was written
 * at (the same number as `data.changeSeq`); changes come in `seq` order.
 */

export const SyncEntityIdSchema = z.string().min(1).max(128);

function entityChange<const E extends string, D extends z.ZodType>(entity: E, name: string, data: D, description: string) {
  const upsert = z
    .object({ entity: z.literal(entity), op: z.literal('upsert'), id: SyncEntityIdSchema, seq: ChangeSeqSchema, data })
    .strict();
  const remove = z.object({ entity: z.literal(entity), op: z.literal('delete'), id: SyncEntityIdSchema, seq: ChangeSeqSchema }).strict();
  return named(`${name}Change`, z.discriminatedUnion('op', [upsert, remove]), description);
}

/**
 * THE table of synced entity types: the scope each belongs to, the shape of
 * its change, and what its `id` is. Adding an entity type to a scope is one
 * entry here (plus, on the service, its entry in `src-server/sync/sources.ts`,
 * which the compiler demands); the scope's page schema, the OpenAPI document
 * and the client's types follow from it.
 */
export const syncEntities = {
  budget: {
    scope: 'budgets',
    change: entityChange('budget', 'Budget', BudgetSchema, 'A budget of the caller\'s unit; id is "<unitId>:<year>".'),
  },
  watch: {
    scope: 'watches',
    change: entityChange('watch', 'Watch', WatchSchema, "A product on the caller's watch list; id is the product id."),
  },
  order: {
    scope: 'orders',
    change: entityChange('order', 'Order', OrderSchema, "An order of the caller's unit; id is the order id (the client's UUID v7)."),
  },
  invoice: {
    scope: 'documents',
    change: entityChange('invoice', 'Invoice', InvoiceSchema, "An expenditure invoice to the caller's unit; id is the invoice id."),
  },
  certificate: {
    scope: 'documents',
    change: entityChange('certificate', 'AcceptanceCertificate', AcceptanceCertificateSchema, "An acceptance certificate of the caller's unit; id is its id."),
  },
  supplier: {
    scope: 'catalog',
    change: entityChange('supplier', 'Supplier', SupplierSchema, 'A supplier; id is the supplier id.'),
  },
  product: {
    scope: 'catalog',
    change: entityChange('product', 'Product', ProductSchema, 'A product; id is the product id. A withdrawn product arrives as a delete.'),
  },
  hromada: {
    scope: 'reference',
    change: entityChange('hromada', 'Hromada', HromadaSchema, 'A hromada of the KATOTTG codifier; id is its code.'),
  },
} as const satisfies Record<string, { scope: SyncScope; change: z.ZodType }>;

export type SyncEntities = typeof syncEntities;
export type SyncEntity = keyof SyncEntities;
export const syncEntityNames = Object.keys(syncEntities) as SyncEntity[];

/** One change of entity E, either kind. */
export type SyncChangeOf<E extends SyncEntity> = z.output<SyncEntities[E]['change']>;
/** The row an upsert of entity E carries. */
export type SyncEntityData<E extends SyncEntity> = Extract<SyncChangeOf<E>, { op: 'upsert' }>['data'];
/** Any change of any entity. */
export type SyncChange = { [E in SyncEntity]: SyncChangeOf<E> }[SyncEntity];
export type SyncEntitiesOf<S extends SyncScope> = { [E in SyncEntity]: SyncEntities[E]['scope'] extends S ? E : never }[SyncEntity];

export function entitiesOfScope(scope: SyncScope): SyncEntity[] {
  return syncEntityNames.filter((entity) => syncEntities[entity].scope === scope);
}

/** The scope an entity belongs to: lets a client refuse a change filed under the wrong scope. */
export function scopeOfEntity(entity: SyncEntity): SyncScope {
  return syncEntities[entity].scope;
}

export interface SyncScopePageOf<S extends SyncScope> {
  /** Where the next pull of this scope starts; store it in the same transaction as the page. */
  cursor: string;
  /** More changes wait after this page: pull again (at once). */
  hasMore: boolean;
  /**
   * Drop every row of this scope first, then apply `changes`: the cursor sent
   * was older than the service's retention horizon (or from before a restore),
   * so the scope restarts from the beginning. Never touches the outbox.
   */
  reset: boolean;
  /** With `hasMore`: how many changes of this scope remain after this page (an upper bound), for a progress bar. */
  remaining?: number;
  changes: Array<SyncChangeOf<SyncEntitiesOf<S>>>;
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function scopePage<S extends SyncScope>(scope: S): z.ZodType<SyncScopePageOf<S>> {
  const options = entitiesOfScope(scope).map((entity) => syncEntities[entity].change as z.ZodType);
  const change =
    options.length === 0
      ? z.never()
      : options.length === 1
        ? (options[0] as z.ZodType)
        : z.discriminatedUnion('entity', options as unknown as [z.ZodDiscriminatedUnion, ...z.ZodDiscriminatedUnion[]]);
  const entities = entitiesOfScope(scope);
  return named(
    `${pascal(scope)}Page`,
    z
      .object({
        cursor: SyncCursorSchema,
        hasMore: z.boolean(),
        reset: z.boolean(),
        remaining: z.number().int().nonnegative().optional(),
        changes: z.array(change),
      })
      .strict(),
    `One page of the ${scope} scope: ${entities.length === 0 ? 'reserved, no entity types yet, so always empty' : `changes of ${entities.join(', ')}`}.`,
  ) as unknown as z.ZodType<SyncScopePageOf<S>>;
}

type PageSchemas = { [S in SyncScope]: z.ZodType<SyncScopePageOf<S>> };
export const syncScopePageSchemas = Object.fromEntries(syncScopes.map((scope) => [scope, scopePage(scope)])) as PageSchemas;

export type SyncScopePage = { [S in SyncScope]: SyncScopePageOf<S> }[SyncScope];
