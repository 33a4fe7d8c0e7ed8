import type { Supplier } from '@shared/service/catalogue';
import type { Invoice } from '@shared/service/documents';
import type { CertificateIssueRequest } from '@shared/service/documents-admin';
import { ServiceError } from '../http/errors';
import type { Db } from '../store/database';
import { certificateOfInvoice } from '../store/documents-certificates';
import { findInvoice, listInvoices } from '../store/documents-invoices';
import type { UnitRecord } from '../store/units';

/**
 * Which invoices an acceptance certificate lists: those named, each checked
 * to be one the unit received and signed from this supplier, in the
 * period, not yet in a certificate; or, when none are named, every such
 * invoice of the period, oldest number first.
 *
 * `unchecked` skips the receipt, supplier, unit and period checks: a test
 * hook (never reachable over HTTP) that makes the certificate a careless or
 * dishonest supplier could draw up, which the commander's laptop and the
 * service must both refuse to sign.
 */
export function certificateInvoices(
  db: Db,
  input: { unit: UnitRecord; supplier: Supplier; period: CertificateIssueRequest['period']; invoiceIds: readonly string[] | undefined; unchecked?: boolean },
): Invoice[] {
  const { unit, supplier, period } = input;
  if (input.invoiceIds === undefined) {
    const found = listInvoices(db, { unitId: unit.id, supplierId: supplier.id, status: 'received', from: period.from, to: period.to })
      .reverse()
      // Received after the test hook listed it unreceived: it has its certificate already.
      .filter((invoice) => certificateOfInvoice(db, invoice.id) === undefined);
    if (found.length === 0) {
      throw new ServiceError('certificate.no_invoices', `Unit ${unit.number} has no received invoice of ${supplier.name} from ${period.from} to ${period.to} that is not already certified`);
    }
    return found;
  }
  if (new Set(input.invoiceIds).size !== input.invoiceIds.length) {
    throw new ServiceError('request.invalid', 'An invoice is listed twice', { issues: [{ path: 'body.invoiceIds', message: 'an invoice is listed twice' }] });
  }
  return input.invoiceIds.map((id) => {
    const invoice = findInvoice(db, id);
    if (!invoice) throw new ServiceError('invoice.not_found', `No invoice ${id}`);
    if (certificateOfInvoice(db, invoice.id) !== undefined) {
      throw new ServiceError('certificate.invoice_already_certified', `Invoice ${invoice.number} is already in an acceptance certificate`);
    }
    if (input.unchecked) return invoice;
    if (invoice.unitId !== unit.id || invoice.supplierId !== supplier.id) {
      throw new ServiceError('certificate.invoice_not_received', `Invoice ${invoice.number} is not one of ${supplier.name} to unit ${unit.number}`);
    }
    if (invoice.receipt === null) {
      throw new ServiceError('certificate.invoice_not_received', `Unit ${unit.number} has not signed for invoice ${invoice.number}: it cannot be certified`);
    }
    if (invoice.content.date < period.from || invoice.content.date > period.to) {
      throw new ServiceError('certificate.invoice_outside_period', `Invoice ${invoice.number} is dated ${invoice.content.date}, outside ${period.from} – ${period.to}`);
    }
    return invoice;
  });
}
