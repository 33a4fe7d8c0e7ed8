import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import type { CoreLog } from '../log';
import type { Session } from '../session/session';
import type { SyncEngine } from '../sync/engine';
import type { SigningGrace } from '../orders/signing';
import { certificateDetailIn, listCertificates } from '../documents/certificate-view';
import { previewCertificateSigning, signCertificate } from '../documents/certificate-signing';
import { checkDocumentFiles } from '../documents/check';
import { exportDocument } from '../documents/export';
import { signedDocument } from '../documents/signed-documents';
import { invoiceDetailIn, listInvoices } from '../documents/invoice-view';
import { previewReceipt, signReceipt } from '../documents/invoice-signing';
import { requireCertificateRecord, requireInvoiceRecord } from '../documents/records';
import { trustOf } from '../documents/trust';

type DocumentMethods =
  | 'invoiceList'
  | 'invoiceGet'
  | 'invoiceReceiptPreview'
  | 'invoiceSign'
  | 'certificateList'
  | 'certificateGet'
  | 'certificateSigningPreview'
  | 'certificateSign'
  | 'documentExport'
  | 'documentCheck';

export interface DocumentHandlerDeps {
  session: Session;
  engine: SyncEngine;
  clock: Clock;
  log: CoreLog;
  grace: SigningGrace;
}

/**
 * Delivery documents (issue 6): invoices the receiver signs, acceptance
 * certificates the commander signs, export and checking from outside. A
 * signature answers after its intent is committed; the sync that carries
 * it follows shortly.
 */
export function documentHandlers(deps: DocumentHandlerDeps): Pick<HandlerTable, DocumentMethods> {
  const { session, engine, clock } = deps;

  return {
    invoiceList: () => session.withStore((store) => listInvoices(store.db)),
    invoiceGet: ({ id }) => session.withStore((store) => invoiceDetailIn(store.db, requireInvoiceRecord(store.db, id), clock.now())),
    invoiceReceiptPreview: (request) => previewReceipt(deps, request),

    invoiceSign: async (request) => {
      await signReceipt(deps, request);
      // Orders too: the order's delivered quantities count the receipt at once.
      await engine.localChange(['documents', 'orders'], true);
      return session.withStore((store) => invoiceDetailIn(store.db, requireInvoiceRecord(store.db, request.id), clock.now()));
    },

    certificateList: () => session.withStore((store) => listCertificates(store.db)),
    certificateGet: ({ id }) => session.withStore((store) => certificateDetailIn(store.db, requireCertificateRecord(store.db, id), clock.now())),
    certificateSigningPreview: ({ id }) => previewCertificateSigning(deps, id),

    certificateSign: async (request) => {
      await signCertificate(deps, request);
      await engine.localChange(['documents'], true);
      return session.withStore((store) => certificateDetailIn(store.db, requireCertificateRecord(store.db, request.id), clock.now()));
    },

    // Read in the store's turn; the PDF is built after it, so a slow rendition does not hold the store.
    documentExport: async (request) => exportDocument(await session.withStore((store) => signedDocument(store.db, request.kind, request.id)), request),
    documentCheck: ({ files }) => session.withStore((store) => checkDocumentFiles(store.db, files, trustOf(store.db, clock.now()))),
  };
}
