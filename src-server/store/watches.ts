import type { Watch } from '@shared/service/catalogue';
import { iso } from '../clock';
import type { Db } from './database';

export interface WatchRow {
  person_id: string;
  product_id: string;
  notify_restock: number;
  notify_price: number;
  created_at: number;
  updated_at: number;
  change_seq: number;
}

export function watchFromRow(row: WatchRow): Watch {
  return {
    productId: row.product_id,
    notify: { restock: row.notify_restock === 1, price: row.notify_price === 1 },
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    changeSeq: row.change_seq,
  };
}

export function findWatch(db: Db, personId: string, productId: string): Watch | undefined {
  const row = db.prepare('SELECT * FROM watches WHERE person_id = ? AND product_id = ?').get(personId, productId) as WatchRow | undefined;
  return row && watchFromRow(row);
}

export function watchesOfPerson(db: Db, personId: string): Watch[] {
  return (db.prepare('SELECT * FROM watches WHERE person_id = ? ORDER BY created_at').all(personId) as WatchRow[]).map(watchFromRow);
}

/**
 * Add the watch or change what it notifies about. Setting what is already
 * there writes nothing, so no change reaches the person's other laptops.
 */
export function upsertWatch(db: Db, personId: string, productId: string, notify: Watch['notify'], at: number): Watch {
  const existing = findWatch(db, personId, productId);
  if (!existing) {
    db.prepare(
      'INSERT INTO watches (person_id, product_id, notify_restock, notify_price, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(personId, productId, notify.restock ? 1 : 0, notify.price ? 1 : 0, at, at);
  } else if (existing.notify.restock !== notify.restock || existing.notify.price !== notify.price) {
    db.prepare('UPDATE watches SET notify_restock = ?, notify_price = ?, updated_at = ? WHERE person_id = ? AND product_id = ?').run(
      notify.restock ? 1 : 0,
      notify.price ? 1 : 0,
      at,
      personId,
      productId,
    );
  }
  const stored = findWatch(db, personId, productId);
  if (!stored) throw new Error('The watch just written cannot be read back');
  return stored;
}

/** Deleting leaves a tombstone owned by the person (trigger), so only their laptops hear of it. */
export function deleteWatch(db: Db, personId: string, productId: string): boolean {
  return db.prepare('DELETE FROM watches WHERE person_id = ? AND product_id = ?').run(personId, productId).changes === 1;
}
