import type { CertificateDetail, InvoiceDetail } from '@shared/api/documents';
import { i18n } from '../i18n';

/** One signature a document carries, as a file to save: its index in signing order, who made it, and whether it signs content of its own. */
export interface ExportableSignature {
  index: number;
  label: string;
  /** The signed JSON is offered beside this signature: once per distinct content (a certificate's three signers sign the same). */
  json: boolean;
}

/**
 * The signatures of each kind of document in signing order, which is the
 * index documentExport takes: an order has its orderer's; an invoice the
 * supplier's and then the unit's receipt (which signs content of its own,
 * the receipt); a certificate the supplier's, the commander's and the
 * agency's, all over the same content.
 */
export function orderSignatures(signed: boolean): ExportableSignature[] {
  return signed ? [{ index: 0, label: i18n.global.t('documents.slots.orderer'), json: true }] : [];
}

export function invoiceSignatures(detail: InvoiceDetail): ExportableSignature[] {
  const { t } = i18n.global;
  const out: ExportableSignature[] = [{ index: 0, label: t('documents.slots.supplier'), json: true }];
  if (detail.receipt) out.push({ index: 1, label: t('documents.slots.receiver'), json: true });
  return out;
}

export function certificateSignatures(detail: CertificateDetail): ExportableSignature[] {
  const { t } = i18n.global;
  const out: ExportableSignature[] = [{ index: 0, label: t('documents.slots.supplier'), json: true }];
  if (detail.signatures.unit) out.push({ index: 1, label: t('documents.slots.commander'), json: false });
  if (detail.signatures.agency) out.push({ index: 2, label: t('documents.slots.agency'), json: false });
  return out;
}
