import type { AppNotification } from '@shared/api/contract';
import type { AcceptanceCertificate, Invoice } from '@shared/service/documents';
import { cached } from '../catalog/statements';
import type { EntityApplier } from '../sync/applier';
import type { Db } from '../store/db';
import { clearCertificates, deleteCertificate, deleteUnitSignature, readCertificateStatus, writeCertificate } from './certificates-repo';
import { clearInvoices, deleteInvoice, deletePreparedReceipt, deleteSignedReceipt, readInvoiceStatus, writeInvoice } from './invoices-repo';

/**
 * How the `documents` scope reaches the store (and how an applied document
 * intent writes its result, through the same code: sync/local-intents.ts).
 * Like the other appliers it trusts its data: the engine checked the page.
 *
 * Once the service's row carries the unit's signature (a receipt, the
 * unit's slot of a certificate), this laptop's own copy gives way to it.
 */

/**
 * A laptop that has never pulled the scope is catching up (a first sync, a
 * new laptop): everything it brings is old news. Afterwards the cursor is
 * stored, written in the same transaction as each page.
 */
function catchingUp(db: Db): boolean {
  return cached(db, "SELECT 1 FROM sync_cursor WHERE scope = 'documents'").get() === undefined;
}

function notification(document: 'invoice' | 'certificate', row: Invoice | AcceptanceCertificate): AppNotification {
  return { kind: 'document', document, id: row.id, number: row.number, supplierName: row.content.supplier.name, status: row.status };
}

/** An invoice is news when it arrives for the unit to receive; its receipt (this laptop's or another's) is not. */
export const invoiceApplier: EntityApplier = {
  entity: 'invoice',
  upsert(db, id, data) {
    const invoice = data as Invoice;
    const before = readInvoiceStatus(db, id);
    writeInvoice(db, invoice);
    if (invoice.receipt !== null) {
      deleteSignedReceipt(db, id);
      deletePreparedReceipt(db, id);
    }
    if (before !== undefined || invoice.status !== 'issued' || catchingUp(db)) return [];
    return [notification('invoice', invoice)];
  },
  remove(db, id) {
    deleteInvoice(db, id);
  },
  clear(db) {
    // The officer's signed receipts are not the scope's: a reset leaves them, and they show again over the rows it brings.
    clearInvoices(db);
  },
};

/** A certificate is news when it arrives, and when the agency completes it and pays it; the unit's own signature is not. */
export const certificateApplier: EntityApplier = {
  entity: 'certificate',
  upsert(db, id, data) {
    const certificate = data as AcceptanceCertificate;
    const before = readCertificateStatus(db, id);
    writeCertificate(db, certificate);
    if (certificate.signatures.unit !== null) deleteUnitSignature(db, id);
    if (before === certificate.status || catchingUp(db)) return [];
    const news = before === undefined || certificate.status === 'complete' || certificate.status === 'paid';
    return news ? [notification('certificate', certificate)] : [];
  },
  remove(db, id) {
    deleteCertificate(db, id);
  },
  clear(db) {
    clearCertificates(db);
  },
};

export const documentAppliers: readonly EntityApplier[] = [invoiceApplier, certificateApplier];
