import type { InvoiceDetail, InvoiceSummary } from '@shared/api/documents';
import { checkInvoice } from '@shared/node/documents';
import type { Db } from '../store/db';
import { invoiceAwaitsUnit, invoiceStatusOf, readInvoiceRecords, type InvoiceRecord } from './records';
import { officerOf, trustOf, type DocumentTrust, type Officer } from './trust';

/** The invoices area: the list (the receiver's work first) and the invoice page with its signatures checked here. */

export function toInvoiceSummary(record: InvoiceRecord): InvoiceSummary {
  const { invoice } = record;
  const { content } = invoice;
  return {
    id: invoice.id,
    number: invoice.number,
    date: content.date,
    orderId: invoice.orderId,
    orderNumber: content.contract.orderNumber,
    supplier: { id: content.supplier.id, name: content.supplier.name, edrpou: content.supplier.edrpou },
    totalKopiykas: content.totalKopiykas,
    lineCount: content.lines.length,
    status: invoiceStatusOf(record),
    awaitingUnit: invoiceAwaitsUnit(record),
    pending: record.pending,
    attention: record.attention,
  };
}

/** Those awaiting the unit's signature first, then newest first (by date, then number). */
export function listInvoices(db: Db): InvoiceSummary[] {
  return readInvoiceRecords(db)
    .map(toInvoiceSummary)
    .sort((a, b) => {
      if (a.awaitingUnit !== b.awaitingUnit) return a.awaitingUnit ? -1 : 1;
      if (a.date !== b.date) return a.date < b.date ? 1 : -1;
      return a.number < b.number ? 1 : a.number > b.number ? -1 : 0;
    });
}

/** Why the receiver may not sign an invoice that awaits the unit, or null when they may. */
function receiveBlock(record: InvoiceRecord, supplierValid: boolean, officer: Officer): string | null {
  if (record.pending) return 'pending';
  if (!supplierValid) return 'supplier_signature_invalid';
  if (!officer.roles.includes('receiver')) return 'role_missing';
  return null;
}

export function invoiceDetail(record: InvoiceRecord, trust: DocumentTrust, officer: Officer): InvoiceDetail {
  const summary = toInvoiceSummary(record);
  const checked = checkInvoice(record.invoice, trust);
  const receipt = record.invoice.receipt;
  // An invoice whose record and signed content disagree is no better than one whose signature fails.
  const block = summary.awaitingUnit ? receiveBlock(record, checked.supplier.valid && checked.problem === null, officer) : null;
  return {
    ...summary,
    content: record.invoice.content,
    supplierSignature: checked.supplier,
    receipt: receipt && checked.receipt ? { content: receipt.content, signature: checked.receipt } : null,
    canReceive: summary.awaitingUnit && block === null,
    receiveBlockedBy: block,
  };
}

export function invoiceDetailIn(db: Db, record: InvoiceRecord, now: number): InvoiceDetail {
  return invoiceDetail(record, trustOf(db, now), officerOf(db));
}
