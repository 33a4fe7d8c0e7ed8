import type { Db } from '../store/db';

/**
 * Totals of recent searches, per database handle, valid until the catalogue
 * next changes. A virtualised list asks for window after window of the same
 * query as the officer scrolls; counting every match again for each would
 * cost far more than reading the window. The product appliers call
 * `catalogueChanged` on every write, which empties the cache (a rolled-back
 * page empties it needlessly, which is harmless); what another connection
 * commits (the pull worker's pages) shows in SQLite's data_version, which
 * empties it too.
 */
const MAX_ENTRIES = 64;
const caches = new WeakMap<Db, { dataVersion: number; totals: Map<string, number> }>();

export function catalogueChanged(db: Db): void {
  caches.get(db)?.totals.clear();
}

export function cachedCount(db: Db, key: string, count: () => number): number {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  let entry = caches.get(db);
  if (entry?.dataVersion !== dataVersion) {
    entry = { dataVersion, totals: new Map() };
    caches.set(db, entry);
  }
  const cache = entry.totals;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const total = count();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, total);
  return total;
}
