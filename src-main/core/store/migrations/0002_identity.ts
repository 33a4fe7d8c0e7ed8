import type { Db } from '../db';

/**
 * Issue 3: who this laptop is to the service. One enrolled identity per
 * data directory (the CHECK keeps it to one row): the person as the service
 * named them, the device key pair and the certificates, and the device-bound
 * refresh token, which rotates on every use and so lives apart from the
 * identity, which never changes once written. Secrets sit here because the
 * whole file is encrypted; nothing of this is ever written elsewhere.
 */
export const version = 2;
export const name = 'identity';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE identity (
      id                 INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
      service_url        TEXT NOT NULL,
      device_id          TEXT NOT NULL,
      person_id          TEXT NOT NULL,
      username           TEXT NOT NULL,
      full_name          TEXT NOT NULL,
      roles              TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
      unit_id            TEXT NOT NULL,
      unit_name          TEXT NOT NULL,
      unit_number        TEXT NOT NULL,
      private_key_pem    TEXT NOT NULL,
      certificate_pem    TEXT NOT NULL,
      ca_certificate_pem TEXT NOT NULL,
      enrolled_at        TEXT NOT NULL
    ) STRICT;

    CREATE TABLE service_credentials (
      id                 INTEGER NOT NULL PRIMARY KEY REFERENCES identity (id) ON DELETE CASCADE,
      refresh_token      TEXT NOT NULL,
      refresh_expires_at TEXT NOT NULL,
      rotated_at         TEXT NOT NULL
    ) STRICT;
  `);
}
