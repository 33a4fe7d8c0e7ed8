import { pdfSignatureReasons } from '@shared/node/pdf';
import { canonicalJsonBytes, sha256Hex } from '@shared/node/signing';
import type { Invoice, InvoiceContent } from '@shared/service/documents';
import type { Order, ServiceOrderStatus } from '@shared/service/orders';
import { ServiceError } from '../http/errors';
import { kyivYear } from '@shared/domain/kyiv-calendar';
import { requireOrder, requireStatus } from '../orders/lookup';
import { findSupplier } from '../store/catalogue';
import type { Db } from '../store/database';
import { insertInvoice, quantitiesInTransit, readInvoice } from '../store/documents-invoices';
import { nextDocumentNumber } from '../store/documents-numbers';
import { insertInvoiceSignature, type NewSignature } from '../store/documents-signatures';
import { changeOrderStatus } from '../store/orders';
import { findUnitById } from '../store/units';
import type { DocumentDeps } from './deps';
import { buildInvoiceContent } from './invoice-content';
import { planInvoiceLines, stillOutstanding, type PlannedLine, type RequestedLine } from './invoice-lines';
import { signAsOrganisation } from './organisation-signature';
import { supplierIdentity } from './parties';
import { renderRenditions } from './renditions';

/** An order the supplier may ship on: committed, or already on its way in part. */
const INVOICEABLE: readonly ServiceOrderStatus[] = ['committed', 'in_delivery', 'partially_delivered'];

/**
 * The supplier ships (part of) an order and issues the expenditure invoice,
 * signed with its key: the CMS over the content and the first PDF
 * signature of each rendition. A committed order is then in delivery.
 *
 * Rendering the PDFs is asynchronous and the store's transactions are not,
 * so it takes two: the first plans the lines and takes the number, the
 * second, after signing, checks the order still has those quantities
 * outstanding (another invoice may have shipped them meanwhile: 409, and
 * that number stays unused) and stores the invoice.
 */
export async function issueInvoice(deps: DocumentDeps, orderRef: string, request: { lines?: readonly RequestedLine[] | undefined }): Promise<Invoice> {
  const { db, now } = deps;
  const order = requireOrder(db, orderRef);
  requireStatus(order, INVOICEABLE, 'invoiced');
  const supplier = findSupplier(db, order.supplierId);
  const unit = findUnitById(db, order.unitId);
  if (!supplier || !unit) throw new Error(`Order ${order.number} names a supplier or unit the store does not have`);
  // The first document of a supplier makes its key (seconds): never inside a transaction.
  const signer = await deps.keyring.signer(supplierIdentity(supplier), now);

  const { content, lines } = db
    .transaction(() => {
      const current = invoiceableOrder(db, order.id);
      const planned = planInvoiceLines(current, quantitiesInTransit(db, current.id), request.lines);
      const number = nextDocumentNumber(db, 'invoice', kyivYear(now));
      return { content: buildInvoiceContent(db, { order: current, supplier, unit, lines: planned, number, now }), lines: planned };
    })
    .immediate();
  const document = { kind: 'invoice', content } as const;
  const signature = signAsOrganisation(document, await renderRenditions(document), [], pdfSignatureReasons.supplier, signer, now);

  return db.transaction(() => store(db, content, lines, signature, now)).immediate();
}

function invoiceableOrder(db: Db, orderId: string): Order {
  const order = requireOrder(db, orderId);
  requireStatus(order, INVOICEABLE, 'invoiced');
  return order;
}

function store(db: Db, content: InvoiceContent, lines: readonly PlannedLine[], signature: NewSignature, now: number): Invoice {
  const order = invoiceableOrder(db, content.contract.orderId);
  if (!stillOutstanding(order, quantitiesInTransit(db, order.id), lines)) {
    throw new ServiceError('invoice.exceeds_outstanding', `Another invoice shipped part of order ${order.number} meanwhile; issue this one again`);
  }
  const canonical = canonicalJsonBytes(content);
  insertInvoice(db, {
    id: content.invoiceId,
    number: content.number,
    orderId: order.id,
    unitId: order.unitId,
    supplierId: order.supplierId,
    canonical: canonical.toString('utf8'),
    digest: sha256Hex(canonical),
    lines: lines.map((line, index) => ({ position: index + 1, orderPosition: line.orderPosition, productId: line.productId, quantity: line.quantity })),
    at: now,
  });
  insertInvoiceSignature(db, content.invoiceId, 'supplier', signature, now);
  if (order.status === 'committed') {
    changeOrderStatus(db, order.id, { status: 'in_delivery' }, { at: now, actor: 'supplier', note: `Shipped with invoice ${content.number}` });
  }
  return readInvoice(db, content.invoiceId);
}
