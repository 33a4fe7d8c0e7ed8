import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../src-main/core/store/migrations/0001_settings';
import * as m0002 from '../../../src-main/core/store/migrations/0002_identity';
import { migrate } from '../../../src-main/core/store';
import { hasIdentity, insertIdentity, readCredentials, readIdentity, rotateCredentials, type NewIdentity } from '../../../src-main/core/identity/identity-repo';
import { databaseAt } from './support';

const identity: NewIdentity = {
  serviceUrl: 'http://127.0.0.1:8787',
  deviceId: '0197a000-0000-7000-8000-000000000001',
  person: {
    id: '0197a000-0000-7000-8000-000000000002',
    username: 'olena',
    fullName: 'Коваленко Олена Іванівна',
    roles: ['orderer', 'receiver'],
    unit: { id: '0197a000-0000-7000-8000-000000000003', name: 'Бригада А1234', number: 'А1234' },
  },
  certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  caCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
  enrolledAt: '2025-06-02T09:00:15.000Z',
  privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
  refresh: { token: 'qmr_first', expiresAt: '2025-07-02T09:00:15.000Z' },
};

describe('migration 0002_identity', () => {
  it('upgrades a version-1 database (settings kept) to version 2 with the identity and credentials tables', () => {
    const db = databaseAt([m0001]);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"en"');
    migrate(db, [m0001, m0002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('language')).toBe('"en"');
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(tables).toEqual([
      { name: 'identity', strict: 1 },
      { name: 'service_credentials', strict: 1 },
      { name: 'settings', strict: 1 },
    ]);
    expect(hasIdentity(db)).toBe(false);
    expect(readIdentity(db)).toBeUndefined();
    expect(readCredentials(db)).toBeUndefined();
  });

  it('holds one identity with its credentials, and reads the public part without the key', () => {
    const db = databaseAt([m0001, m0002]);
    insertIdentity(db, identity, '2025-06-02T09:00:16.000Z');
    const read = readIdentity(db);
    expect(read).toEqual({
      serviceUrl: identity.serviceUrl,
      deviceId: identity.deviceId,
      person: identity.person,
      certificatePem: identity.certificatePem,
      caCertificatePem: identity.caCertificatePem,
      enrolledAt: identity.enrolledAt,
    });
    expect(JSON.stringify(read)).not.toContain('PRIVATE KEY');
    expect(readCredentials(db)).toEqual({ serviceUrl: identity.serviceUrl, deviceId: identity.deviceId, refreshToken: 'qmr_first' });
    // A second identity is refused, and nothing of it is written.
    expect(() => insertIdentity(db, { ...identity, deviceId: 'another' }, 'now')).toThrow(/already enrolled/);
    expect(readIdentity(db)?.deviceId).toBe(identity.deviceId);
    // The single row is enforced by the schema itself too.
    expect(() => db.prepare('INSERT INTO identity SELECT 2, service_url, device_id, person_id, username, full_name, roles, unit_id, unit_name, unit_number, private_key_pem, certificate_pem, ca_certificate_pem, enrolled_at FROM identity').run()).toThrow(/CHECK/);
  });

  it('rotates the refresh token only for the device that is enrolled', () => {
    const db = databaseAt([m0001, m0002]);
    insertIdentity(db, identity, 't0');
    expect(rotateCredentials(db, 'some-other-device', { token: 'qmr_stolen', expiresAt: 'x' }, 't1')).toBe(false);
    expect(readCredentials(db)?.refreshToken).toBe('qmr_first');
    expect(rotateCredentials(db, identity.deviceId, { token: 'qmr_second', expiresAt: '2025-07-03T00:00:00.000Z' }, 't2')).toBe(true);
    expect(readCredentials(db)?.refreshToken).toBe('qmr_second');
  });

  it('refuses roles that are not a JSON array, and removes credentials with their identity', () => {
    const db = databaseAt([m0001, m0002]);
    insertIdentity(db, identity, 't0');
    expect(() => db.prepare("UPDATE identity SET roles = 'orderer'").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM identity').run();
    expect(db.prepare('SELECT count(*) FROM service_credentials').pluck().get()).toBe(0);
  });
});
