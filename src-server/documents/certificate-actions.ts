import { pdfSignatureReasons } from '@shared/node/pdf';
import type { AcceptanceCertificate, CertificateStatus } from '@shared/service/documents';
import type { CertificateActionRequest } from '@shared/service/documents-admin';
import { ServiceError } from '../http/errors';
import { readCertificate, setCertificateStatus } from '../store/documents-certificates';
import { insertCertificateSignature } from '../store/documents-signatures';
import type { DocumentDeps } from './deps';
import { requireCertificate } from './lookup';
import { signAsOrganisation } from './organisation-signature';
import { closePaidOrders } from './order-closing';
import { AGENCY } from './parties';
import { renderRenditions } from './renditions';

/**
 * The agency's actions on an acceptance certificate, named by id or number:
 * it signs third, once the unit has (→ complete), then pays (→ paid; the
 * orders the certificate completes become closed). The admin API and the
 * command line both come here.
 */
export async function applyCertificateAction(deps: DocumentDeps, ref: string, request: CertificateActionRequest): Promise<AcceptanceCertificate> {
  const { db, now } = deps;
  switch (request.action) {
    case 'agency_sign': {
      const before = requireCertificate(db, ref);
      requireCertificateStatus(before, 'unit_signed', 'signed by the agency');
      const signer = await deps.keyring.signer(AGENCY, now);
      const document = { kind: 'certificate', content: before.content } as const;
      const renditions = await renderRenditions(document);
      return db
        .transaction((): AcceptanceCertificate => {
          const certificate = requireCertificate(db, ref);
          requireCertificateStatus(certificate, 'unit_signed', 'signed by the agency');
          const { supplier, unit } = certificate.signatures;
          if (!unit) throw new Error(`Certificate ${certificate.number} is unit_signed without the unit's signature`);
          const earlier = [
            { reason: pdfSignatureReasons.supplier, pdf: supplier.pdf },
            { reason: pdfSignatureReasons.commander, pdf: unit.pdf },
          ];
          const signature = signAsOrganisation(document, renditions, earlier, pdfSignatureReasons.agency, signer, now);
          insertCertificateSignature(db, certificate.id, 'agency', signature, now);
          setCertificateStatus(db, certificate.id, 'complete', now);
          return readCertificate(db, certificate.id);
        })
        .immediate();
    }
    case 'pay':
      return db
        .transaction((): AcceptanceCertificate => {
          const certificate = requireCertificate(db, ref);
          requireCertificateStatus(certificate, 'complete', 'paid');
          setCertificateStatus(db, certificate.id, 'paid', now);
          closePaidOrders(db, certificate.id, certificate.number, now);
          return readCertificate(db, certificate.id);
        })
        .immediate();
  }
}

function requireCertificateStatus(certificate: AcceptanceCertificate, needed: CertificateStatus, action: string): void {
  if (certificate.status !== needed) {
    throw new ServiceError('certificate.invalid_state', `Certificate ${certificate.number} is ${certificate.status}; only a certificate that is ${needed} can be ${action}`);
  }
}
