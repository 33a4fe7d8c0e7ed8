import { pdfSignatureReasons } from '@shared/node/pdf';
import { canonicalJsonBytes, sha256Hex } from '@shared/node/signing';
import type { AcceptanceCertificate } from '@shared/service/documents';
import type { CertificateIssueRequest } from '@shared/service/documents-admin';
import { ServiceError } from '../http/errors';
import { kyivYear } from '@shared/domain/kyiv-calendar';
import { findSupplier } from '../store/catalogue';
import { insertCertificate, readCertificate } from '../store/documents-certificates';
import { setInvoiceStatus } from '../store/documents-invoices';
import { nextDocumentNumber } from '../store/documents-numbers';
import { insertCertificateSignature } from '../store/documents-signatures';
import { findUnitByNumber } from '../store/units';
import { buildCertificateContent } from './certificate-content';
import { certificateInvoices } from './certificate-invoices';
import type { DocumentDeps } from './deps';
import { signAsOrganisation } from './organisation-signature';
import { supplierIdentity } from './parties';
import { renderRenditions } from './renditions';

/**
 * The supplier draws up an acceptance certificate from the unit's signed
 * invoices of a period and signs it first (CMS and the first PDF signature
 * of each rendition). The invoices it lists are `certified` from then on:
 * each can be in one certificate only.
 *
 * As with invoices, two transactions around the asynchronous rendering:
 * the first chooses the invoices and takes the number, the second checks
 * them again (another certificate may have listed one meanwhile) and
 * stores the certificate.
 */
export async function issueCertificate(deps: DocumentDeps, request: CertificateIssueRequest, options: { unchecked?: boolean } = {}): Promise<AcceptanceCertificate> {
  const { db, now } = deps;
  const unit = findUnitByNumber(db, request.unitNumber);
  if (!unit) throw invalid('body.unitNumber', `No unit ${request.unitNumber}`);
  const supplier = findSupplier(db, request.supplierId);
  if (!supplier) throw invalid('body.supplierId', `No supplier ${request.supplierId}`);
  const { period } = request;
  if (period.from > period.to) throw invalid('body.period', `The period ends (${period.to}) before it begins (${period.from})`);
  const unchecked = options.unchecked ?? false;
  const signer = await deps.keyring.signer(supplierIdentity(supplier), now);

  const content = db
    .transaction(() => {
      const invoices = certificateInvoices(db, { unit, supplier, period, invoiceIds: request.invoiceIds, unchecked });
      const number = nextDocumentNumber(db, 'certificate', kyivYear(now));
      return buildCertificateContent({ supplier, unit, period, invoices, number, now });
    })
    .immediate();
  const document = { kind: 'certificate', content } as const;
  const signature = signAsOrganisation(document, await renderRenditions(document), [], pdfSignatureReasons.supplier, signer, now);

  return db
    .transaction((): AcceptanceCertificate => {
      const invoiceIds = content.invoices.map((ref) => ref.invoiceId);
      const invoices = certificateInvoices(db, { unit, supplier, period, invoiceIds, unchecked });
      const canonical = canonicalJsonBytes(content);
      insertCertificate(db, {
        id: content.certificateId,
        number: content.number,
        unitId: unit.id,
        supplierId: supplier.id,
        canonical: canonical.toString('utf8'),
        digest: sha256Hex(canonical),
        invoiceIds,
        at: now,
      });
      insertCertificateSignature(db, content.certificateId, 'supplier', signature, now);
      for (const invoice of invoices) if (invoice.status === 'received') setInvoiceStatus(db, invoice.id, 'certified', now);
      return readCertificate(db, content.certificateId);
    })
    .immediate();
}

function invalid(path: string, message: string): ServiceError {
  return new ServiceError('request.invalid', message, { issues: [{ path, message }] });
}
