import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/db';

export type Statement = Database.Statement<unknown[]>;

/**
 * Prepared statements, cached per database handle and keyed by their SQL:
 * each shape of query is compiled once per unlock. The cache goes with the
 * handle (a lock closes the database; the next unlock is a new handle).
 */
const caches = new WeakMap<Db, Map<string, Statement>>();

export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql) as Statement;
    cache.set(sql, statement);
  }
  return statement;
}
