import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import { migrate } from '../../../src-main/core/store';
import { emptyDatabase } from './support';

describe('migration 0001_settings', () => {
  it('creates the settings table at version 1', () => {
    const { db } = emptyDatabase();
    migrate(db, [m0001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const columns = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all('settings');
    expect(columns).toEqual([
      { name: 'key', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'value', type: 'TEXT', notnull: 1, pk: 0 },
    ]);
    const list = db.prepare("SELECT strict, wr FROM pragma_table_list WHERE name = 'settings'").get();
    expect(list).toEqual({ strict: 1, wr: 1 });
  });

  it('keeps one value per key and refuses missing or non-text values', () => {
    const { db } = emptyDatabase();
    migrate(db, [m0001]);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run('language', '"uk"');
    expect(() => insert.run('language', '"en"')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('autoLockMinutes', null)).toThrow(/NOT NULL/);
    expect(() => insert.run('autoLockMinutes', Buffer.from([1, 2]))).toThrow(/cannot store BLOB/);
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'language', value: '"uk"' }]);
  });
});
