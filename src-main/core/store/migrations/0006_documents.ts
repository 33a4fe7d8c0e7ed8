import type { Db } from '../db';

/**
 * Issue 6: delivery documents, as the `documents` scope publishes them, and
 * the unit's own signatures of them until the service has them.
 *
 * - `invoices`: the unit's expenditure invoices (see documents/appliers.ts):
 *   the supplier's signed content, its signature and, once the service has
 *   it, the unit's signed receipt, as JSON; the columns lists filter and sort
 *   on beside them.
 * - `certificates`: the unit's acceptance certificates with their three
 *   signature slots (JSON).
 * - `receipt_prepared`: the receipt the signing preview showed for an
 *   invoice, so invoiceSign signs exactly what was shown; replaced by every
 *   preview, dropped on signing.
 * - `receipt_signed`: this laptop's signed receipt of an invoice (content,
 *   CMS, PDF signatures, the outbox intent carrying them) until the
 *   service's invoice row carries a receipt. One per invoice: signing twice
 *   is refused by the key.
 * - `certificate_signed`: this laptop's commander signature of a
 *   certificate, likewise, until the service's row carries the unit's.
 * - `orders.pdf_signatures`, `order_signed.pdf_signatures`: the orderer's
 *   PDF signatures of a signed version's renditions ({uk, en}, base64 CMS),
 *   so an exported order carries its signature; NULL for orders signed
 *   before them.
 */
export const version = 6;
export const name = 'documents';

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE invoices (
      id                 TEXT NOT NULL PRIMARY KEY,
      number             TEXT NOT NULL,
      order_id           TEXT NOT NULL,
      unit_id            TEXT NOT NULL,
      supplier_id        TEXT NOT NULL,
      status             TEXT NOT NULL CHECK (status IN ('issued', 'received', 'certified')),
      date               TEXT NOT NULL,
      content            TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      supplier_signature TEXT NOT NULL CHECK (json_valid(supplier_signature) AND json_type(supplier_signature) = 'object'),
      receipt            TEXT CHECK (receipt IS NULL OR (json_valid(receipt) AND json_type(receipt) = 'object')),
      updated_at         TEXT NOT NULL,
      change_seq         INTEGER NOT NULL,
      CHECK ((status = 'issued') = (receipt IS NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX invoices_by_order ON invoices (order_id);

    CREATE TABLE certificates (
      id          TEXT NOT NULL PRIMARY KEY,
      number      TEXT NOT NULL,
      unit_id     TEXT NOT NULL,
      supplier_id TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('issued', 'unit_signed', 'complete', 'paid')),
      date        TEXT NOT NULL,
      content     TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      signatures  TEXT NOT NULL CHECK (json_valid(signatures) AND json_type(signatures) = 'object'),
      paid_at     TEXT,
      updated_at  TEXT NOT NULL,
      change_seq  INTEGER NOT NULL,
      CHECK ((status = 'paid') = (paid_at IS NOT NULL))
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE receipt_prepared (
      invoice_id  TEXT NOT NULL PRIMARY KEY,
      content     TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      prepared_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE receipt_signed (
      invoice_id TEXT NOT NULL PRIMARY KEY,
      order_id   TEXT NOT NULL,
      content    TEXT NOT NULL CHECK (json_valid(content) AND json_type(content) = 'object'),
      cms        TEXT NOT NULL CHECK (length(cms) > 0),
      pdf        TEXT NOT NULL CHECK (json_valid(pdf) AND json_type(pdf) = 'object'),
      intent_id  TEXT NOT NULL UNIQUE,
      signed_at  TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX receipt_signed_by_order ON receipt_signed (order_id);

    ALTER TABLE orders ADD COLUMN pdf_signatures TEXT
      CHECK (pdf_signatures IS NULL OR (json_valid(pdf_signatures) AND json_type(pdf_signatures) = 'object'));
    ALTER TABLE order_signed ADD COLUMN pdf_signatures TEXT
      CHECK (pdf_signatures IS NULL OR (json_valid(pdf_signatures) AND json_type(pdf_signatures) = 'object'));

    CREATE TABLE certificate_signed (
      certificate_id TEXT NOT NULL PRIMARY KEY,
      content_digest TEXT NOT NULL CHECK (length(content_digest) = 64),
      cms            TEXT NOT NULL CHECK (length(cms) > 0),
      pdf            TEXT NOT NULL CHECK (json_valid(pdf) AND json_type(pdf) = 'object'),
      intent_id      TEXT NOT NULL UNIQUE,
      signed_at      TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
