import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../src-server/paths';
import { openDatabase } from '../../src-server/store/database';
import { migrate, StoreTooNewError } from '../../src-server/store/migrate';
import { migrations } from '../../src-server/store/migrations';
import { startTestService, tempDir, enrol, provision } from './helpers';

describe('the service store', () => {
  it('migrates a new file to the latest version, recorded in user_version', () => {
    const db = openDatabase(join(tempDir('qm-store-'), 'service.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database newer than the service and leaves it untouched', () => {
    const file = join(tempDir('qm-store-'), 'service.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const bytes = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreTooNewError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('runs pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'one', up: (d: Database.Database) => d.exec('CREATE TABLE a (x INTEGER)') },
      { version: 2, name: 'two', up: (d: Database.Database) => d.exec('CREATE TABLE b (oops') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => {} }])).toThrow(/numbered/u);
  });

  it('stamps synced rows with a rising change_seq on insert and update, and tombstones deletes', () => {
    const db = openDatabase(join(tempDir('qm-store-'), 'service.sqlite'));
    const seq = () => (db.prepare('SELECT change_seq FROM suppliers WHERE id = ?').get('s1') as { change_seq: number }).change_seq;
    db.prepare("INSERT INTO suppliers (id, name, brand, edrpou, city) VALUES ('s1', 'ТОВ «А»', 'А', '44182634', 'Київ')").run();
    const first = seq();
    expect(first).toBeGreaterThan(0);
    db.prepare("UPDATE suppliers SET city = 'Львів' WHERE id = 's1'").run();
    const second = seq();
    expect(second).toBeGreaterThan(first);
    db.prepare("DELETE FROM suppliers WHERE id = 's1'").run();
    expect(db.prepare('SELECT scope, entity, entity_id, change_seq FROM tombstones').all()).toEqual([
      { scope: 'catalog', entity: 'suppliers', entity_id: 's1', change_seq: second + 1 },
    ]);
    db.close();
  });
});

describe('service lifecycle', () => {
  it('keeps its CA and token key across restarts: enrolled devices stay valid', async () => {
    const first = await startTestService({ dataDir: tempDir() });
    const person = await provision(first, { username: 'roman' });
    const device = await enrol(first, person);
    const fingerprint = first.service.caFingerprint;
    await first.service.close();

    const second = await startTestService({ dataDir: first.dataDir, clock: first.clock });
    try {
      expect(second.service.caFingerprint).toBe(fingerprint);
      expect((await second.call('GET', '/v1/me', { token: device.accessToken })).status).toBe(200);
    } finally {
      await second.service.close();
    }
  });

  it('refuses to start with half a CA rather than silently making a new one', async () => {
    const dir = tempDir();
    const service = await startTestService({ dataDir: dir });
    await service.service.close();
    const paths = dataPaths(dir);
    const certificate = readFileSync(paths.caCertificate);
    rmSync(paths.caCertificate);
    await expect(startTestService({ dataDir: dir })).rejects.toThrow(/incomplete/u);
    expect(existsSync(paths.caCertificate)).toBe(false);
    writeFileSync(paths.caCertificate, certificate);
  });

  it('reports a busy port as a failure to start', async () => {
    const first = await startTestService();
    try {
      const { startService } = await import('../../src-server/service');
      await expect(startService({ dataDir: tempDir(), port: first.service.port, log: first.log })).rejects.toThrow(/EADDRINUSE/u);
    } finally {
      await first.close();
    }
  });
});
