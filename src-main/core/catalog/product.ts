import type { ProductDetail } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import type { Db } from '../store/db';
import { readCard, toCard } from './search';
import { cached } from './statements';
import { specRows } from './specs';

const DETAIL_SQL = `SELECT p.sku, p.supplier_id, d.description, d.specs, s.name AS supplier_name, s.brand, s.edrpou, s.city
  FROM products p LEFT JOIN product_details d ON d.rid = p.rid LEFT JOIN suppliers s ON s.id = p.supplier_id WHERE p.rid = ?`;

interface DetailRow {
  sku: string;
  supplier_id: string;
  description: string | null;
  specs: string | null;
  supplier_name: string | null;
  brand: string | null;
  edrpou: string | null;
  city: string | null;
}

/**
 * The product page: the card, the description, the specification rows in
 * display order and the supplier. A product withdrawn since (inactive) still
 * shows, as orders may point at it; one the catalogue does not hold is
 * `catalog.unknown_product`. The supplier shows empty fields until its row
 * arrives (a product can be pulled before its supplier).
 */
export function readProductDetail(db: Db, id: string): ProductDetail {
  const card = readCard(db, id);
  if (!card) throw new AppError('catalog.unknown_product', `No product ${id} in the local catalogue`, { id });
  const row = cached(db, DETAIL_SQL).get(card.rid) as DetailRow;
  return {
    ...toCard(card),
    sku: row.sku,
    description: row.description ?? '',
    specs: specRows(row.specs === null ? {} : (JSON.parse(row.specs) as Record<string, unknown>)),
    supplier: {
      id: row.supplier_id,
      name: row.supplier_name ?? '',
      brand: row.brand ?? '',
      edrpou: row.edrpou ?? '',
      city: row.city ?? '',
    },
  };
}
