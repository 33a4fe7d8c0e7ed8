import type { DocumentSignature } from '@shared/service/documents';
import { iso } from '../clock';
import type { Db } from './database';

/**
 * The signature slots of invoices and certificates (migration 4): one row
 * per slot, published inside its document. Writing one re-stamps the
 * document (triggers), so the next pull delivers the document again.
 */

export type InvoiceSlot = 'supplier' | 'receiver';
export type CertificateSlot = 'supplier' | 'unit' | 'agency';

/** A signature as the service takes it: what the signer sent, who signed it and when. */
export interface NewSignature {
  cms: string;
  pdf: { uk: string; en: string };
  /** A person's id, or an organisation's (supplier or agency). */
  signerId: string;
  /** The laptop that signed, for a person's signature. */
  deviceId: string | null;
  /** The CMS signing time. */
  signedAt: number;
}

/**
 * SQL gathering a document's signature rows as one JSON object keyed by
 * slot, for the select of its row (sources and reads alike): `table` holds
 * the slots, `key` names the document column, `parent` the document table.
 */
export function signaturesColumn(table: string, key: string, parent: string): string {
  return `(SELECT json_group_object(s.slot, json_object('cms', s.cms, 'pdf', json_object('uk', s.pdf_uk, 'en', s.pdf_en), 'receivedAt', s.received_at))
   FROM ${table} s WHERE s.${key} = ${parent}.id) AS signatures_json`;
}

interface StoredSignature {
  cms: string;
  pdf: { uk: string; en: string };
  receivedAt: number;
}

/** The slots of a row read with signaturesColumn, in the contract's shape. */
export function signaturesFromJson(json: string): Partial<Record<string, DocumentSignature>> {
  const stored = JSON.parse(json) as Record<string, StoredSignature>;
  return Object.fromEntries(Object.entries(stored).map(([slot, s]) => [slot, { cms: s.cms, pdf: { uk: s.pdf.uk, en: s.pdf.en }, receivedAt: iso(s.receivedAt) }]));
}

export function insertInvoiceSignature(db: Db, invoiceId: string, slot: InvoiceSlot, signature: NewSignature, receivedAt: number): void {
  insertSignature(db, 'invoice_signatures', 'invoice_id', invoiceId, slot, signature, receivedAt);
}

export function insertCertificateSignature(db: Db, certificateId: string, slot: CertificateSlot, signature: NewSignature, receivedAt: number): void {
  insertSignature(db, 'certificate_signatures', 'certificate_id', certificateId, slot, signature, receivedAt);
}

function insertSignature(db: Db, table: string, key: string, id: string, slot: string, signature: NewSignature, receivedAt: number): void {
  db.prepare(
    `INSERT INTO ${table} (${key}, slot, cms, pdf_uk, pdf_en, signer_id, device_id, signed_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, slot, signature.cms, signature.pdf.uk, signature.pdf.en, signature.signerId, signature.deviceId, signature.signedAt, receivedAt);
}
