import type { Db } from '../store/db';

/**
 * Totals of recent searches, per database handle, valid until the catalogue
 * next changes. A virtualised list asks for window after window of the same
 * query as the officer scrolls; counting every match again for each would
 * cost far more than reading the window. The product appliers call
 * `catalogueChanged` on every write, which empties the cache (a rolled-back
 * page empties it needlessly, which is harmless).
 */
const MAX_ENTRIES = 64;
const caches = new WeakMap<Db, Map<string, number>>();

export function catalogueChanged(db: Db): void {
  caches.get(db)?.clear();
}

export function cachedCount(db: Db, key: string, count: () => number): number {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const known = cache.get(key);
  if (known !== undefined) return known;
  const total = count();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, total);
  return total;
}
