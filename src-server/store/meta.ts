import type { Db } from './database';

/** Small facts about this service instance (e.g. when demo data was seeded). */
export function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM service_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO service_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
