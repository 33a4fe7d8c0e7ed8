import { z } from 'zod';
import { AppError } from '@shared/api/errors';
import { FundingSourceSchema, type FundingSource, type OrderKind } from '@shared/service/orders';
import { cached } from '../catalog/statements';
import type { Db } from '../store/db';

/** The officer's draft orders (migration 0005): local, editable, one version of an order each. */

export interface DraftLine {
  productId: string;
  name: string;
  sku: string;
  quantity: number;
  funding: FundingSource;
  /** The price this line was priced at (kopiykas or points), when the draft was made or last edited. */
  unitPrice: number;
}

export interface DraftRecord {
  id: string;
  version: number;
  kind: OrderKind;
  supplierId: string;
  supplierName: string;
  supplierBrand: string;
  hromadaCode: string;
  neededBy: string | null;
  promisedDate: string | null;
  lines: DraftLine[];
  /** The content the signing preview showed, as JSON; null until previewed and after every edit. */
  prepared: string | null;
  createdAt: string;
  updatedAt: string;
}

const DraftLinesSchema = z.array(
  z.object({
    productId: z.string(),
    name: z.string(),
    sku: z.string(),
    quantity: z.number().int().positive(),
    funding: FundingSourceSchema,
    unitPrice: z.number().int().nonnegative(),
  }),
);

interface DraftRow {
  id: string;
  version: number;
  kind: OrderKind;
  supplier_id: string;
  supplier_name: string;
  supplier_brand: string;
  hromada_code: string;
  needed_by: string | null;
  promised_date: string | null;
  lines: string;
  prepared: string | null;
  created_at: string;
  updated_at: string;
}

function toDraft(row: DraftRow): DraftRecord {
  const lines = DraftLinesSchema.safeParse(JSON.parse(row.lines));
  if (!lines.success) throw new AppError('store.corrupt', `The draft ${row.id} has unreadable lines`);
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    supplierBrand: row.supplier_brand,
    hromadaCode: row.hromada_code,
    neededBy: row.needed_by,
    promisedDate: row.promised_date,
    lines: lines.data,
    prepared: row.prepared,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function readDrafts(db: Db): DraftRecord[] {
  return (cached(db, 'SELECT * FROM order_drafts').all() as DraftRow[]).map(toDraft);
}

export function readDraft(db: Db, id: string): DraftRecord | undefined {
  const row = cached(db, 'SELECT * FROM order_drafts WHERE id = ?').get(id) as DraftRow | undefined;
  return row ? toDraft(row) : undefined;
}

/** Inserts or replaces the draft of an order (its prepared content goes with any change). */
export function writeDraft(db: Db, draft: Omit<DraftRecord, 'prepared'>): void {
  cached(
    db,
    `INSERT INTO order_drafts (id, version, kind, supplier_id, supplier_name, supplier_brand, hromada_code, needed_by, promised_date, lines,
       prepared, created_at, updated_at)
     VALUES (@id, @version, @kind, @supplierId, @supplierName, @supplierBrand, @hromadaCode, @neededBy, @promisedDate, @lines, NULL,
       @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, kind = excluded.kind, supplier_id = excluded.supplier_id,
       supplier_name = excluded.supplier_name, supplier_brand = excluded.supplier_brand, hromada_code = excluded.hromada_code,
       needed_by = excluded.needed_by, promised_date = excluded.promised_date, lines = excluded.lines, prepared = NULL,
       updated_at = excluded.updated_at`,
  ).run({ ...draft, lines: JSON.stringify(draft.lines) });
}

export function setPrepared(db: Db, id: string, prepared: string): void {
  cached(db, 'UPDATE order_drafts SET prepared = ? WHERE id = ?').run(prepared, id);
}

export function deleteDraft(db: Db, id: string): boolean {
  return cached(db, 'DELETE FROM order_drafts WHERE id = ?').run(id).changes === 1;
}

/** A draft the service has overtaken (it holds this version or a later one) can never be signed. */
export function deleteDraftUpTo(db: Db, id: string, version: number): void {
  cached(db, 'DELETE FROM order_drafts WHERE id = ? AND version <= ?').run(id, version);
}
