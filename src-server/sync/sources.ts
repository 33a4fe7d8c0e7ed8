import { syncEntities, syncEntityNames, type SyncEntity, type SyncEntityData } from '@shared/sync/changes';
import { syncScopeInfo } from '@shared/sync/scopes';
import { budgetFromRow, type BudgetRow } from '../store/budgets';
import { CERTIFICATE_CHILD_COLUMNS, certificateFromRow, type CertificateRow } from '../store/documents-certificates';
import { INVOICE_CHILD_COLUMNS, invoiceFromRow, type InvoiceRow } from '../store/documents-invoices';
import { productFromRow, supplierFromRow, type ProductRow, type SupplierRow } from '../store/catalogue';
import { hromadaFromRow, type HromadaRow } from '../store/hromadas';
import { ORDER_CHILD_COLUMNS, orderFromRow, type OrderRow } from '../store/orders';
import { watchFromRow, type WatchRow } from '../store/watches';

/**
 * Where each synced entity type lives in the service's store: its table,
 * whose rows a caller may see, which kept rows are served as deletes, and how
 * a row becomes the contract's shape. The pull engine (pull.ts) and the
 * retention sweep (retention.ts) work from this table alone, so adding an
 * entity type is its entry in `src-shared/sync/changes.ts` and one here.
 *
 * Every table named here must carry `change_seq` with the triggers of
 * migrations 1 and 2 (insert/update stamp it, delete leaves a tombstone that
 * names the table, with the row's owner for per-unit and per-person scopes).
 */

export interface EntitySource<E extends SyncEntity = SyncEntity> {
  entity: E;
  /** The table; its tombstones name it as their `entity`. */
  table: string;
  /** SQL: the change's `id` (what its tombstone's entity_id holds too). */
  key: string;
  /** Per-unit and per-person scopes: the column with the unit id or person id (also the tombstones' owner). */
  ownerColumn?: string;
  /**
   * Rows kept in the table but no longer published (a withdrawn product):
   * served as a delete from the write that retired them. `since` is the
   * column with the service time of retirement, used by the retention sweep.
   */
  retired?: { when: string; since: string };
  /**
   * SQL select items added to the row `data` receives, for an entity whose
   * shape spans tables (an order's lines and timeline, gathered as JSON).
   */
  columns?: string;
  /** The row in the contract's shape. */
  data(row: Record<string, unknown>): SyncEntityData<E>;
  /**
   * SQL producing the same as `data` as JSON: the pull engine has SQLite
   * write the whole change around it and splices the bytes into the answer,
   * with no JavaScript object per row. Tests check it against `data` and the
   * shared schema for every row of the demo and a large catalogue.
   */
  json?: string;
}

function source<E extends SyncEntity, R>(
  entity: E,
  spec: {
    table: string;
    key: string;
    ownerColumn?: string;
    retired?: { when: string; since: string };
    columns?: string;
    data: (row: R) => SyncEntityData<E>;
    json?: string;
  },
): EntitySource<E> {
  return { entity, ...spec } as unknown as EntitySource<E>;
}

const bool = (column: string) => `json(CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END)`;

export const entitySources: { [E in SyncEntity]: EntitySource<E> } = {
  budget: source('budget', {
    table: 'budgets',
    key: "unit_id || ':' || year",
    ownerColumn: 'unit_id',
    data: (row: BudgetRow) => budgetFromRow(row),
    json: `json_object('unitId', unit_id, 'year', year, 'guaranteedKopiykas', guaranteed_kopiykas, 'performanceKopiykas', performance_kopiykas,
      'committedKopiykas', committed_kopiykas, 'spentKopiykas', spent_kopiykas, 'ePoints', e_points, 'changeSeq', change_seq)`,
  }),
  watch: source('watch', {
    table: 'watches',
    key: 'product_id',
    ownerColumn: 'person_id',
    data: (row: WatchRow) => watchFromRow(row),
  }),
  // Few rows per unit, each with its lines and timeline: mapped in JavaScript, not written by SQLite.
  order: source('order', {
    table: 'orders',
    key: 'id',
    ownerColumn: 'unit_id',
    columns: ORDER_CHILD_COLUMNS,
    data: (row: OrderRow) => orderFromRow(row),
  }),
  // Documents too: few per unit, each with its signature slots gathered as JSON.
  invoice: source('invoice', {
    table: 'invoices',
    key: 'id',
    ownerColumn: 'unit_id',
    columns: INVOICE_CHILD_COLUMNS,
    data: (row: InvoiceRow) => invoiceFromRow(row),
  }),
  certificate: source('certificate', {
    table: 'certificates',
    key: 'id',
    ownerColumn: 'unit_id',
    columns: CERTIFICATE_CHILD_COLUMNS,
    data: (row: CertificateRow) => certificateFromRow(row),
  }),
  supplier: source('supplier', {
    table: 'suppliers',
    key: 'id',
    data: (row: SupplierRow) => supplierFromRow(row),
    json: `json_object('id', id, 'name', name, 'brand', brand, 'edrpou', edrpou, 'city', city, 'changeSeq', change_seq)`,
  }),
  product: source('product', {
    table: 'products',
    key: 'id',
    retired: { when: 'active = 0', since: 'withdrawn_at' },
    data: (row: ProductRow) => productFromRow(row),
    json: `json_object('id', id, 'supplierId', supplier_id, 'sku', sku, 'name', name, 'category', category, 'description', description,
      'specs', json(specs), 'priceKopiykas', price_kopiykas, 'ePointsPrice', e_points_price, 'stock', stock, 'leadTimeDays', lead_time_days,
      'codified', ${bool('codified')}, 'active', ${bool('active')}, 'changeSeq', change_seq)`,
  }),
  hromada: source('hromada', {
    table: 'hromadas',
    key: 'code',
    data: (row: HromadaRow) => hromadaFromRow(row),
    json: `json_object('code', code, 'name', name, 'raionCode', raion_code, 'raionName', raion_name, 'oblastCode', oblast_code,
      'oblastName', oblast_name, 'changeSeq', change_seq)`,
  }),
};

/** Tombstones name tables; this maps them back to entity types. */
export const entityByTable: ReadonlyMap<string, SyncEntity> = new Map(syncEntityNames.map((entity) => [entitySources[entity].table, entity]));

// A per-unit or per-person scope without an owner column would publish one unit's rows to all; refuse to start.
for (const entity of syncEntityNames) {
  const visibility = syncScopeInfo[syncEntities[entity].scope].visibility;
  if ((visibility === 'all') !== (entitySources[entity].ownerColumn === undefined)) {
    throw new Error(`Sync source of ${entity}: an owner column is required exactly when its scope is per unit or per person`);
  }
}
