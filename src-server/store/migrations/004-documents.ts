import type { Migration } from '../migrate';
import { seqTriggers, touchParent } from './triggers';

/**
 * Delivery documents (issue 6): expenditure invoices a supplier issues per
 * shipment and the unit's receiver signs, and acceptance certificates the
 * supplier draws up from them, signed by supplier, commander and agency.
 *
 * `invoices` and `certificates` are the synced rows (scope `documents`,
 * owner the unit). Their signatures live in tables of their own, one row
 * per slot, and are published as part of the document: every write to them
 * touches the document row, whose update trigger gives it the next
 * change_seq (as migration 3 does for an order's lines and timeline).
 *
 * Content columns hold the canonical JSON (RFC 8785) a signature covers,
 * byte for byte, and its SHA-256: the certificate names invoices and
 * receipts by these digests.
 *
 * Status and slot lists are spelled out, not generated from the shared
 * contract: a migration is a frozen snapshot.
 */

/** One signature slot of a document: the CMS over the content, the PDF signature per language, who and when. */
function signatureTable(table: string, parent: string, key: string, slots: string): string {
  return `
CREATE TABLE ${table} (
  ${key}      TEXT NOT NULL REFERENCES ${parent}(id),
  slot        TEXT NOT NULL CHECK (slot IN (${slots})),
  -- Base64 DER detached CMS over the content's canonical JSON.
  cms         TEXT NOT NULL,
  -- Base64 DER CMS of the incremental PDF signature of the Ukrainian and English renditions.
  pdf_uk      TEXT NOT NULL,
  pdf_en      TEXT NOT NULL,
  -- A person's id (with the laptop's device id) or an organisation's id (supplier id, or the agency's).
  signer_id   TEXT NOT NULL,
  device_id   TEXT REFERENCES devices(id),
  -- The CMS signing time (the signer's clock) and when the service took the signature (its own).
  signed_at   INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (${key}, slot)
) STRICT;`;
}

export const m004Documents: Migration = {
  version: 4,
  name: 'documents',
  up(db) {
    db.exec(`
CREATE TABLE invoices (
  id             TEXT PRIMARY KEY,
  -- ВН-<year>-<000017>, one series for the service.
  number         TEXT NOT NULL UNIQUE,
  order_id       TEXT NOT NULL REFERENCES orders(id),
  unit_id        TEXT NOT NULL REFERENCES units(id),
  supplier_id    TEXT NOT NULL REFERENCES suppliers(id),
  status         TEXT NOT NULL CHECK (status IN ('issued', 'received', 'certified')),
  content        TEXT NOT NULL CHECK (json_valid(content)),
  digest         TEXT NOT NULL CHECK (length(digest) = 64),
  -- The unit's receipt (canonical JSON the receiver signed) and its digest, once received.
  receipt        TEXT CHECK (receipt IS NULL OR json_valid(receipt)),
  receipt_digest TEXT CHECK (receipt_digest IS NULL OR length(receipt_digest) = 64),
  issued_at      INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  change_seq     INTEGER NOT NULL DEFAULT 0,
  CHECK ((receipt IS NULL) = (receipt_digest IS NULL)),
  CHECK (status = 'issued' OR receipt IS NOT NULL)
) STRICT;
CREATE INDEX invoices_unit_seq ON invoices(unit_id, change_seq);
CREATE INDEX invoices_order ON invoices(order_id);
CREATE INDEX invoices_unit_supplier ON invoices(unit_id, supplier_id, status);

-- What each invoice line ships of which order line, and (once received) how much arrived.
CREATE TABLE invoice_lines (
  invoice_id        TEXT NOT NULL REFERENCES invoices(id),
  -- As on the invoice, from 1.
  position          INTEGER NOT NULL CHECK (position >= 1),
  -- The order line it ships (order_lines.position).
  order_position    INTEGER NOT NULL CHECK (order_position >= 0),
  product_id        TEXT NOT NULL REFERENCES products(id),
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  received_quantity INTEGER CHECK (received_quantity IS NULL OR received_quantity BETWEEN 0 AND quantity),
  PRIMARY KEY (invoice_id, position)
) STRICT;
${signatureTable('invoice_signatures', 'invoices', 'invoice_id', "'supplier', 'receiver'")}

CREATE TABLE certificates (
  id          TEXT PRIMARY KEY,
  -- АПП-<year>-<000003>, one series for the service.
  number      TEXT NOT NULL UNIQUE,
  unit_id     TEXT NOT NULL REFERENCES units(id),
  supplier_id TEXT NOT NULL REFERENCES suppliers(id),
  status      TEXT NOT NULL CHECK (status IN ('issued', 'unit_signed', 'complete', 'paid')),
  content     TEXT NOT NULL CHECK (json_valid(content)),
  digest      TEXT NOT NULL CHECK (length(digest) = 64),
  paid_at     INTEGER,
  issued_at   INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  change_seq  INTEGER NOT NULL DEFAULT 0,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
) STRICT;
CREATE INDEX certificates_unit_seq ON certificates(unit_id, change_seq);
CREATE INDEX certificates_status ON certificates(status, issued_at);

-- The invoices a certificate lists, in its order; an invoice is certified once, ever.
CREATE TABLE certificate_invoices (
  certificate_id TEXT NOT NULL REFERENCES certificates(id),
  position       INTEGER NOT NULL CHECK (position >= 0),
  invoice_id     TEXT NOT NULL UNIQUE REFERENCES invoices(id),
  PRIMARY KEY (certificate_id, position)
) STRICT;
${signatureTable('certificate_signatures', 'certificates', 'certificate_id', "'supplier', 'unit', 'agency'")}

-- The last number given per kind of document and year.
CREATE TABLE document_numbers (
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'certificate')),
  year INTEGER NOT NULL,
  last INTEGER NOT NULL CHECK (last >= 0),
  PRIMARY KEY (kind, year)
) STRICT;
${seqTriggers('invoices', 'documents', 'OLD.id', 'OLD.unit_id')}
${seqTriggers('certificates', 'documents', 'OLD.id', 'OLD.unit_id')}
${touchParent('invoice_signatures', 'invoices', 'invoice_id')}
${touchParent('certificate_signatures', 'certificates', 'certificate_id')}
`);
  },
};
