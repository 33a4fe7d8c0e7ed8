import { certificateDigest, checkCertificate } from '@shared/node/documents';
import { pdfSignatureReasons } from '@shared/node/pdf';
import type { AcceptanceCertificate, Invoice } from '@shared/service/documents';
import { checkPdfRenditions } from '../../documents/pdf-signatures';
import type { Db } from '../../store/database';
import { findCertificate, readCertificate, setCertificateStatus } from '../../store/documents-certificates';
import { findInvoice } from '../../store/documents-invoices';
import { insertCertificateSignature } from '../../store/documents-signatures';
import { verifyCommanderSigner } from './commander-signer';
import { refuse, type IntentHandler, type IntentTrust } from './handler';

/**
 * The commander signs an acceptance certificate for the unit, second of
 * three. Checked in this order: the certificate is the caller's unit's; if
 * the unit has signed it, the same signature answers the certificate as it
 * stands and any other is refused; the signed content is the certificate's
 * (its digest); it waits for the unit; the signature and who signed
 * (commander-signer.ts); every invoice it lists is one the unit received
 * and signed, exactly as quoted (the same check the commander's laptop
 * makes); the PDF signatures, on top of the supplier's. Then the unit's
 * signature is kept and the certificate waits for the agency.
 */
export const certificateSign: IntentHandler<'certificate.sign'> = ({ db, now, caller, payload, intent, trust, renditions }) => {
  const certificate = findCertificate(db, payload.certificateId);
  if (!certificate || certificate.unitId !== caller.person.unitId) {
    refuse<'certificate.sign'>('certificate.not_found', `No acceptance certificate ${payload.certificateId} of your unit`, { certificateId: payload.certificateId });
  }
  const signature = intent.signature ?? '';
  const { unit } = certificate.signatures;
  if (unit && Buffer.from(unit.cms, 'base64').equals(Buffer.from(signature, 'base64'))) return { certificate };
  if (payload.contentDigest !== certificateDigest(certificate.content)) {
    refuse<'certificate.sign'>('certificate.digest_mismatch', `The signed content is not that of certificate ${certificate.number}`, { number: certificate.number });
  }
  if (certificate.status !== 'issued' || unit) {
    refuse<'certificate.sign'>('certificate.not_awaiting_unit', `Certificate ${certificate.number} is ${certificate.status}, not waiting for the unit's signature`, {
      number: certificate.number,
      status: certificate.status,
    });
  }

  const verified = verifyCommanderSigner({ db, now, caller, intent, certificate, trust });
  checkListedInvoices(db, certificate, trust, now);
  const pdf = checkPdfRenditions(
    renditions.of({ kind: 'certificate', content: certificate.content }),
    [{ reason: pdfSignatureReasons.supplier, pdf: certificate.signatures.supplier.pdf }],
    { reason: pdfSignatureReasons.commander, pdf: payload.signature.pdf },
    { requiredRole: 'commander', certificateSerial: verified.certificateSerial, caCertificatePems: trust.caCertificatePems, now: new Date(now) },
  );
  if (pdf) refuse<'certificate.sign'>('certificate.bad_signature', `The ${pdf.language} PDF signature does not hold: ${pdf.problem}`, { problem: pdf.problem, language: pdf.language });

  insertCertificateSignature(
    db,
    certificate.id,
    'unit',
    { cms: signature, pdf: payload.signature.pdf, signerId: verified.signer.personId, deviceId: verified.signer.deviceId, signedAt: verified.signingTime.getTime() },
    now,
  );
  setCertificateStatus(db, certificate.id, 'unit_signed', now);
  return { certificate: readCertificate(db, certificate.id) };
};

/** Whatever the laptop checked, the service checks again against its own records: the first listed invoice that fails refuses the signature. */
function checkListedInvoices(db: Db, certificate: AcceptanceCertificate, trust: IntentTrust, now: number): void {
  const invoices = new Map<string, Invoice>();
  for (const ref of certificate.content.invoices) {
    const invoice = findInvoice(db, ref.invoiceId);
    if (invoice) invoices.set(invoice.id, invoice);
  }
  const check = checkCertificate(certificate, invoices, { caCertificatePems: trust.caCertificatePems, now: new Date(now) }, certificate.unitId);
  const failed = check.invoices.find((listed) => listed.problem !== null);
  if (failed) {
    refuse<'certificate.sign'>('certificate.invoice_not_received', `Invoice ${failed.number} is not one the unit received and signed as quoted (${failed.problem ?? ''})`, {
      invoiceNumber: failed.number,
      problem: failed.problem ?? '',
    });
  }
}
