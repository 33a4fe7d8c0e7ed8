import type { DocumentSigningPreview, ReceiptLineInput } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import { checkInvoice, invoiceDigest } from '@shared/node/documents';
import { pdfSignatureReasons } from '@shared/node/pdf/reasons';
import { canonicalJsonBytes, sha256Hex, signDetached, verifySignature } from '@shared/node/signing';
import type { ReceiptContent } from '@shared/service/documents';
import { loadSigner } from '../identity/device-key';
import type { IdentityRecord } from '../identity/identity-repo';
import { confirmSigning, graceMinutes, requireIdentity, type SigningDeps } from '../orders/signing';
import type { Db } from '../store/db';
import { queueIntent } from '../sync/queue';
import { deletePreparedReceipt, insertSignedReceipt, readPreparedReceipt, writePreparedReceipt } from './invoices-repo';
import { signPdfSlot } from './pdf-signing';
import { buildReceipt } from './receipt';
import { invoiceAwaitsUnit, requireInvoiceRecord, type InvoiceRecord } from './records';
import { signatureFailure } from './signing-failure';
import { trustOf } from './trust';

/**
 * The receiver signs an invoice at the drop-off point, offline (issue 6,
 * item 2): the preview builds the receipt from what arrived and keeps it;
 * signing signs exactly that, with the invoice's PDF renditions as the
 * second PDF signature, checks every signature it made, and commits the
 * `invoice.sign` intent and the local signed receipt in one durable
 * transaction before answering.
 */

/** Everything that refuses a receipt whatever its lines: the invoice's state, the officer's role, the supplier's signature. */
function requireReceivable(db: Db, record: InvoiceRecord, identity: IdentityRecord, now: number): void {
  if (!invoiceAwaitsUnit(record) || record.pending) {
    throw new AppError('invoice.already_received', `The unit has already signed invoice ${record.invoice.number}`, { number: record.invoice.number });
  }
  if (!identity.person.roles.includes('receiver')) throw new AppError('invoice.role_missing', 'Only a receiver signs invoices', { role: 'receiver' });
  const checked = checkInvoice(record.invoice, trustOf(db, now));
  if (!checked.supplier.valid || checked.problem !== null) {
    throw new AppError('invoice.supplier_signature_invalid', 'A receiver may not sign an invoice whose supplier signature does not verify', {
      problem: checked.supplier.problem ?? checked.problem ?? 'unknown',
    });
  }
}

function canonical(receipt: ReceiptContent): { bytes: Buffer; text: string; digest: string } {
  const bytes = canonicalJsonBytes(receipt);
  return { bytes, text: bytes.toString('utf8'), digest: sha256Hex(bytes) };
}

/** Builds the receipt from the received quantities and keeps it as what invoiceSign will sign. */
export function previewReceipt(deps: SigningDeps, request: { id: string; lines: readonly ReceiptLineInput[] }): Promise<DocumentSigningPreview> {
  const { session, clock, grace } = deps;
  return session.withStore((store) => {
    const { db } = store;
    const now = clock.now();
    const identity = requireIdentity(db);
    const record = requireInvoiceRecord(db, request.id);
    requireReceivable(db, record, identity, now);
    const receipt = buildReceipt(record.invoice, request.lines, identity, now);
    writePreparedReceipt(db, receipt, new Date(now).toISOString());
    const form = canonical(receipt);
    return {
      id: request.id,
      kind: 'receipt',
      receipt,
      certificate: null,
      canonicalJson: form.text,
      digest: form.digest,
      passphraseRequired: !grace.covers(graceMinutes(db)),
      budget: null,
    };
  });
}

interface Prepared {
  record: InvoiceRecord;
  receipt: ReceiptContent;
  json: string;
  identity: IdentityRecord;
  graceMinutes: number;
}

/** What can refuse before the passphrase is asked for: a wrong attempt should not be spent on it. */
function checkBeforeSigning(db: Db, request: { id: string; digest: string }, now: number): Prepared {
  const identity = requireIdentity(db);
  const record = requireInvoiceRecord(db, request.id);
  requireReceivable(db, record, identity, now);
  const prepared = readPreparedReceipt(db, request.id);
  if (!prepared) throw new AppError('document.content_changed', 'Look at the signing preview before signing');
  const stale = prepared.content.invoiceDigest !== invoiceDigest(record.invoice.content) || prepared.content.receivedBy.personId !== identity.person.id;
  if (stale || canonical(prepared.content).digest !== request.digest) {
    throw new AppError('document.content_changed', 'The receipt changed since the signing preview; look at it again');
  }
  return { record, receipt: prepared.content, json: prepared.json, identity, graceMinutes: graceMinutes(db) };
}

/**
 * Signs the previewed receipt of invoice `id` and queues its `invoice.sign`.
 * Nothing is queued unless every signature made verifies here, with the
 * laptop's own CA certificate and the receiver role, as the service will
 * check them.
 */
export async function signReceipt(deps: SigningDeps, request: { id: string; digest: string; passphrase?: string | undefined }): Promise<void> {
  const { session, clock, log } = deps;
  const prepared = await session.withStore((store) => checkBeforeSigning(store.db, request, clock.now()));
  await confirmSigning(deps, prepared.graceMinutes, request.passphrase);

  const signer = await loadSigner(session);
  const signingTime = new Date(clock.now());
  const { invoice } = prepared.record;
  let cms: string;
  let pdf: { uk: string; en: string };
  try {
    const bytes = canonical(prepared.receipt).bytes;
    const der = signDetached(bytes, signer, signingTime);
    verifySignature(bytes, der, { caCertificatePems: signer.caCertificatePems, requiredRole: 'receiver', now: signingTime });
    cms = der.toString('base64');
    pdf = await signPdfSlot({
      document: { kind: 'invoice', content: invoice.content },
      earlier: [{ reason: pdfSignatureReasons.supplier, pdf: invoice.supplierSignature.pdf }],
      reason: pdfSignatureReasons.receiver,
      signer,
      signerName: prepared.identity.person.fullName,
      signingTime,
      requiredRole: 'receiver',
    });
  } catch (error) {
    log.error(`Signing the receipt of invoice ${request.id} failed`, error);
    throw signatureFailure(error);
  }

  await session.withStore((store) => {
    const { db } = store;
    // synchronous=FULL (open-store.ts): once this commits, the signed receipt survives a power cut.
    db.transaction(() => {
      // Signed by a second click, or the service's receipt arrived, while the key was at work.
      const now = requireInvoiceRecord(db, request.id);
      if (!invoiceAwaitsUnit(now) || now.pending) throw new AppError('invoice.already_received', `The unit has already signed invoice ${invoice.number}`);
      if (readPreparedReceipt(db, request.id)?.json !== prepared.json) {
        throw new AppError('document.content_changed', 'The receipt changed while it was being signed; look at it again');
      }
      const { id: intentId } = queueIntent(db, 'invoice.sign', { receipt: prepared.receipt, signature: { pdf } }, clock.now(), cms);
      deletePreparedReceipt(db, request.id);
      insertSignedReceipt(db, {
        invoiceId: request.id,
        orderId: invoice.orderId,
        content: prepared.receipt,
        cms,
        pdf,
        intentId,
        signedAt: signingTime.toISOString(),
      });
    }).immediate();
  });
}
