import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import * as m0003 from '../../../src-main/core/store/migrations/0003_sync';
import type { Db } from '../../../src-main/core/store';
import { databaseAt } from './support';

const ID = '0197a000-0000-7000-8000-000000000001';
const insert = (db: Db, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO outbox (id, type, entity_id, payload, created_at, state, rejection, rejected_at)
       VALUES (@id, @type, @entity_id, @payload, @created_at, @state, @rejection, @rejected_at)`,
    )
    .run({
      id: ID,
      type: 'watch.set',
      entity_id: 'p1',
      payload: '{"productId":"p1","notify":{"restock":true,"price":false}}',
      created_at: '2025-01-15T09:00:00.000Z',
      state: 'pending',
      rejection: null,
      rejected_at: null,
      ...values,
    });

describe('migration 0003_sync', () => {
  it('creates the outbox, the cursors and the sync facts at version 3', () => {
    const db = databaseAt([m0001, m0002, m0003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const columns = (table: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
    expect(columns('outbox')).toEqual(['seq', 'id', 'type', 'entity_id', 'payload', 'created_at', 'state', 'attempts', 'next_attempt_at', 'rejection', 'rejected_at']);
    expect(columns('sync_cursor')).toEqual(['scope', 'cursor', 'service_id', 'updated_at']);
    expect(columns('sync_meta')).toEqual(['key', 'value']);
    // The catalogue's overlay query and the engine's per-entity order both walk (entity_id, seq).
    expect(db.prepare('SELECT name FROM pragma_index_list(?) WHERE origin = ?').pluck().all('outbox', 'c')).toEqual(['outbox_entity']);
    expect(db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all('outbox_entity')).toEqual(['entity_id', 'seq']);
  });

  it('keeps outbox order by an ever-growing seq, one row per intent id, and a consistent state', () => {
    const db = databaseAt([m0001, m0002, m0003]);
    insert(db, {});
    expect(() => insert(db, {})).toThrow(/UNIQUE/);
    insert(db, { id: '0197a000-0000-7000-8000-000000000002' });
    db.prepare('DELETE FROM outbox WHERE id = ?').run('0197a000-0000-7000-8000-000000000002');
    insert(db, { id: '0197a000-0000-7000-8000-000000000003' });
    // AUTOINCREMENT: a deleted seq is never reused, so an intent made later always sorts later.
    expect(db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all()).toEqual([1, 3]);
    expect(() => insert(db, { id: '0197a000-0000-7000-8000-000000000004', state: 'sent' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: '0197a000-0000-7000-8000-000000000005', payload: 'not json' })).toThrow(/CHECK/);
    // Rejected exactly when it carries a reason and a time.
    expect(() => insert(db, { id: '0197a000-0000-7000-8000-000000000006', state: 'rejected' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: '0197a000-0000-7000-8000-000000000007', rejection: '{"code":"x","message":"y"}', rejected_at: 'now' })).toThrow(/CHECK/);
    insert(db, { id: '0197a000-0000-7000-8000-000000000008', state: 'rejected', rejection: '{"code":"x","message":"y"}', rejected_at: '2025-01-15T09:00:01.000Z' });
    expect(db.prepare('SELECT attempts FROM outbox WHERE id = ?').pluck().get(ID)).toBe(0);
  });

  it('keeps one cursor per scope', () => {
    const db = databaseAt([m0001, m0002, m0003]);
    const put = db.prepare('INSERT INTO sync_cursor (scope, cursor, service_id, updated_at) VALUES (?, ?, ?, ?)');
    put.run('catalog', 'AAAAAAAAAAAAAAAA.catalog.5.0', 'AAAAAAAAAAAAAAAA', 'now');
    expect(() => put.run('catalog', 'AAAAAAAAAAAAAAAA.catalog.6.0', 'AAAAAAAAAAAAAAAA', 'now')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO sync_meta (key, value) VALUES ('x', 'not json')").run()).toThrow(/CHECK/);
  });
});
