import type { DocumentSigningPreview } from '@shared/api/documents';
import { AppError } from '@shared/api/errors';
import { certificateDigest } from '@shared/node/documents';
import { pdfSignatureReasons } from '@shared/node/pdf/reasons';
import { canonicalJsonBytes, signDetached, verifySignature } from '@shared/node/signing';
import { loadSigner } from '../identity/device-key';
import { confirmSigning, graceMinutes, requireIdentity, type SigningDeps } from '../orders/signing';
import type { Db } from '../store/db';
import { queueIntent } from '../sync/queue';
import { insertUnitSignature } from './certificates-repo';
import { checkHeld } from './certificate-view';
import { signPdfSlot } from './pdf-signing';
import { certificateAwaitsUnit, requireCertificateRecord, type CertificateRecord } from './records';
import { signatureFailure } from './signing-failure';
import { officerOf, trustOf } from './trust';

/**
 * The commander signs an acceptance certificate second of three (issue 6,
 * item 3), offline if need be: exactly the supplier's content, and only
 * after this laptop found every listed invoice held, unchanged and received
 * by the unit. The CMS over the content and the PDF signatures (on top of
 * the supplier's) go out as `certificate.sign`, committed with the local
 * unit signature in one durable transaction.
 */

/** Everything that refuses the commander's signature, before any passphrase is asked for. */
function requireSignable(db: Db, id: string, now: number): CertificateRecord {
  const record = requireCertificateRecord(db, id);
  const { number } = record.certificate;
  if (!certificateAwaitsUnit(record) || record.pending) {
    throw new AppError('certificate.already_signed', `The unit has already signed certificate ${number}`, { number });
  }
  const identity = requireIdentity(db);
  if (!identity.person.roles.includes('commander')) throw new AppError('certificate.role_missing', 'Only a commander signs acceptance certificates', { role: 'commander' });
  const check = checkHeld(db, record, trustOf(db, now), officerOf(db));
  const mismatched = check.invoices.filter((invoice) => invoice.problem !== null);
  if (mismatched.length > 0) {
    throw new AppError('certificate.invoices_mismatch', `${mismatched.length} listed invoice(s) are missing, differ or were not signed by the unit`, {
      count: mismatched.length,
    });
  }
  if (!check.signatures.supplier.valid || check.problem !== null || !check.signable) {
    const problem = check.signatures.supplier.valid ? (check.problem ?? 'not_signable') : (check.signatures.supplier.problem ?? 'supplier_signature_invalid');
    throw new AppError('certificate.invalid', `The certificate cannot be signed: ${problem}`, { problem });
  }
  return record;
}

export function previewCertificateSigning(deps: SigningDeps, id: string): Promise<DocumentSigningPreview> {
  const { session, clock, grace } = deps;
  return session.withStore((store) => {
    const { db } = store;
    const record = requireSignable(db, id, clock.now());
    const { content } = record.certificate;
    return {
      id,
      kind: 'certificate',
      receipt: null,
      certificate: content,
      canonicalJson: canonicalJsonBytes(content).toString('utf8'),
      digest: certificateDigest(content),
      passphraseRequired: !grace.covers(graceMinutes(db)),
      budget: null,
    };
  });
}

export async function signCertificate(deps: SigningDeps, request: { id: string; digest: string; passphrase?: string | undefined }): Promise<void> {
  const { session, clock, log } = deps;
  const checked = await session.withStore((store) => {
    const { db } = store;
    const record = requireSignable(db, request.id, clock.now());
    if (certificateDigest(record.certificate.content) !== request.digest) {
      throw new AppError('document.content_changed', 'The certificate differs from the signing preview; look at it again');
    }
    return { record, fullName: requireIdentity(db).person.fullName, graceMinutes: graceMinutes(db) };
  });
  await confirmSigning(deps, checked.graceMinutes, request.passphrase);

  const signer = await loadSigner(session);
  const signingTime = new Date(clock.now());
  const { certificate } = checked.record;
  let cms: string;
  let pdf: { uk: string; en: string };
  try {
    const bytes = canonicalJsonBytes(certificate.content);
    const der = signDetached(bytes, signer, signingTime);
    verifySignature(bytes, der, { caCertificatePems: signer.caCertificatePems, requiredRole: 'commander', now: signingTime });
    cms = der.toString('base64');
    pdf = await signPdfSlot({
      document: { kind: 'certificate', content: certificate.content },
      earlier: [{ reason: pdfSignatureReasons.supplier, pdf: certificate.signatures.supplier.pdf }],
      reason: pdfSignatureReasons.commander,
      signer,
      signerName: checked.fullName,
      signingTime,
      requiredRole: 'commander',
    });
  } catch (error) {
    log.error(`Signing certificate ${request.id} failed`, error);
    throw signatureFailure(error);
  }

  await session.withStore((store) => {
    const { db } = store;
    // synchronous=FULL (open-store.ts): once this commits, the signature survives a power cut.
    db.transaction(() => {
      const now = requireCertificateRecord(db, request.id);
      if (!certificateAwaitsUnit(now) || now.pending) throw new AppError('certificate.already_signed', `The unit has already signed certificate ${certificate.number}`);
      if (certificateDigest(now.certificate.content) !== request.digest) {
        throw new AppError('document.content_changed', 'The certificate changed while it was being signed; look at it again');
      }
      const { id: intentId } = queueIntent(
        db,
        'certificate.sign',
        { certificateId: certificate.id, contentDigest: request.digest, signature: { pdf } },
        clock.now(),
        cms,
      );
      insertUnitSignature(db, { certificateId: certificate.id, contentDigest: request.digest, cms, pdf, intentId, signedAt: signingTime.toISOString() });
    }).immediate();
  });
}
