import { pdfSignatureReasons } from '@shared/node/pdf/reasons';
import { AppError } from '@shared/api/errors';
import type { OrderContent } from '@shared/service/orders';
import { requireOrderRecord } from '../orders/records';
import type { Db } from '../store/db';
import type { PdfDocument, PdfSlot } from './pdf-signing';
import { requireCertificateRecord, requireInvoiceRecord } from './records';

/**
 * Every document that can be exported, as one shape: what is rendered, and
 * its signatures in slot order, each with the content its CMS covers. An
 * invoice's receiver signs the receipt, not the invoice: its .p7s goes with
 * the receipt's JSON.
 */

export interface SignatureEntry {
  /** supplier, receiver, commander, agency, orderer: names the .p7s file. */
  slot: string;
  /** Base64 DER CMS over `signs`' canonical JSON. */
  cms: string;
  /** The content the CMS covers, and the file-name part of its JSON (the document's number, or number.receipt). */
  signs: { content: object; name: string };
  /** The PDF signature of this slot, when the signer made one. */
  pdf: PdfSlot | null;
}

export interface SignedDocument {
  number: string;
  render: PdfDocument;
  /** The content itself (signature index 0's, the document's own), for a JSON export when nothing is signed. */
  content: object;
  signatures: SignatureEntry[];
}

export type ExportKind = 'order' | 'invoice' | 'certificate';

export function signedDocument(db: Db, kind: ExportKind, id: string): SignedDocument {
  switch (kind) {
    case 'invoice':
      return invoiceDocument(db, id);
    case 'certificate':
      return certificateDocument(db, id);
    case 'order':
      return orderDocument(db, id);
  }
}

function invoiceDocument(db: Db, id: string): SignedDocument {
  const { invoice } = requireInvoiceRecord(db, id);
  const { number } = invoice;
  const signatures: SignatureEntry[] = [
    {
      slot: 'supplier',
      cms: invoice.supplierSignature.cms,
      signs: { content: invoice.content, name: number },
      pdf: { reason: pdfSignatureReasons.supplier, pdf: invoice.supplierSignature.pdf },
    },
  ];
  if (invoice.receipt) {
    const { signature, content } = invoice.receipt;
    signatures.push({ slot: 'receiver', cms: signature.cms, signs: { content, name: `${number}.receipt` }, pdf: { reason: pdfSignatureReasons.receiver, pdf: signature.pdf } });
  }
  return { number, render: { kind: 'invoice', content: invoice.content }, content: invoice.content, signatures };
}

function certificateDocument(db: Db, id: string): SignedDocument {
  const { certificate } = requireCertificateRecord(db, id);
  const { number, content } = certificate;
  const slots = [
    ['supplier', pdfSignatureReasons.supplier, certificate.signatures.supplier],
    ['commander', pdfSignatureReasons.commander, certificate.signatures.unit],
    ['agency', pdfSignatureReasons.agency, certificate.signatures.agency],
  ] as const;
  const signatures = slots.flatMap(([slot, reason, signature]) =>
    signature ? [{ slot, cms: signature.cms, signs: { content, name: number }, pdf: { reason, pdf: signature.pdf } }] : [],
  );
  return { number, render: { kind: 'certificate', content }, content, signatures };
}

/** An order's signed version (the laptop's own on its way, else the service's), with the orderer's PDF signature when it was made with one. */
function orderDocument(db: Db, id: string): SignedDocument {
  const order = requireOrderRecord(db, id);
  const layer = order.signed ?? order.service;
  if (order.draft || !layer) throw new AppError('order.not_allowed', 'A draft has no signed content to export yet; sign it first', { status: 'draft' });
  const content: OrderContent = layer.content;
  const number = order.service?.number ?? `order-${id}`;
  return {
    number,
    render: { kind: 'order', content },
    content,
    signatures: [
      {
        slot: 'orderer',
        cms: layer.signature,
        signs: { content, name: number },
        pdf: layer.pdfSignatures ? { reason: pdfSignatureReasons.orderer, pdf: layer.pdfSignatures } : null,
      },
    ],
  };
}
