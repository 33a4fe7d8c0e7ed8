import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement, prepared once per connection. For statements run
 * many times in a row (bulk seeding, sync pages), where preparing each time
 * (triggers included) costs more than running.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
