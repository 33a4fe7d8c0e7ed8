import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/api/errors';
import { migrate, migrations, openStore, type Db, type Migration, type Store } from '../../src-main/core/store';
import { removeTempDirs, snapshot, tempDataDir } from './support/fixtures';

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  removeTempDirs();
});

function newDatabase(list: readonly Migration[] = []): { dir: string; file: string; key: Buffer; store: Store } {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'db.sqlite');
  const key = randomBytes(32);
  const store = openStore(file, key, { migrations: list });
  stores.push(store);
  return { dir, file, key, store };
}

const tables = (db: Db) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
const version = (db: Db) => db.pragma('user_version', { simple: true }) as number;

const step = (version: number, name: string, sql: string): Migration => ({ version, name, up: (db) => db.exec(sql) });
const failing = (version: number): Migration => ({
  version,
  name: 'fails',
  up(db) {
    db.exec('CREATE TABLE half_done (x)');
    throw new Error('migration failed half-way');
  },
});

describe('the migration runner', () => {
  it('runs every pending migration and records the last version in user_version', () => {
    const { store } = newDatabase();
    expect(version(store.db)).toBe(0);
    const result = migrate(store.db, [step(1, 'a', 'CREATE TABLE a (x)'), step(2, 'b', 'CREATE TABLE b (x)')]);
    expect(result).toEqual({ from: 0, to: 2 });
    expect(version(store.db)).toBe(2);
    expect(tables(store.db)).toEqual(['a', 'b']);
    // Nothing pending: nothing runs.
    expect(migrate(store.db, [step(1, 'a', 'CREATE TABLE a (x)'), step(2, 'b', 'CREATE TABLE b (x)')])).toEqual({ from: 2, to: 2 });
  });

  it('runs all pending migrations in one transaction: a failure leaves version and schema as they were', () => {
    const { store } = newDatabase([step(1, 'a', 'CREATE TABLE a (x)')]);
    const list = [step(1, 'a', 'CREATE TABLE a (x)'), step(2, 'b', 'CREATE TABLE b (x)'), failing(3)];
    expect(() => migrate(store.db, list)).toThrow('migration failed half-way');
    expect(version(store.db)).toBe(1);
    expect(tables(store.db)).toEqual(['a']);
    expect(store.db.inTransaction).toBe(false);
  });

  it('a failing migration while opening leaves a new database empty, and it opens later', () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'db.sqlite');
    const key = randomBytes(32);
    expect(() => openStore(file, key, { migrations: [...migrations, failing(migrations.length + 1)] })).toThrow('migration failed half-way');
    const store = openStore(file, key);
    stores.push(store);
    expect(version(store.db)).toBe(migrations.length);
    expect(tables(store.db)).not.toContain('half_done');
  });

  it('refuses a database newer than it knows, without touching it', () => {
    const { store, dir, file, key } = newDatabase([step(1, 'a', 'CREATE TABLE a (x)'), step(2, 'b', 'CREATE TABLE b (x)')]);
    store.close();
    const before = snapshot(dir);
    let error: unknown;
    try {
      openStore(file, key, { migrations: [step(1, 'a', 'CREATE TABLE a (x)')] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('store.too_new');
    expect((error as AppError).params).toEqual({ found: 2, supported: 1 });
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a list with a gap or a duplicate before running anything', () => {
    const { store } = newDatabase();
    expect(() => migrate(store.db, [step(1, 'a', 'CREATE TABLE a (x)'), step(3, 'c', 'CREATE TABLE c (x)')])).toThrow(/expected 2/);
    expect(() => migrate(store.db, [step(1, 'a', 'CREATE TABLE a (x)'), step(1, 'a2', 'CREATE TABLE a2 (x)')])).toThrow(/expected 2/);
    expect(tables(store.db)).toEqual([]);
    expect(version(store.db)).toBe(0);
  });
});

describe('the app’s migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, index) => index + 1));
  });

  it.each(migrations.map((m) => [m.version, m.name] as const))('migration %i (%s) has its own test file', (n, name) => {
    const file = join(import.meta.dirname, 'migrations', `${String(n).padStart(4, '0')}_${name}.test.ts`);
    expect(existsSync(file), `${file} should exist`).toBe(true);
  });
});
