import { pdfSignatureReasons } from '@shared/node/pdf';
import type { OrderContent } from '@shared/service/orders';
import { checkPdfRenditions } from '../../documents/pdf-signatures';
import type { PreparedRenditions } from '../../documents/renditions';
import { refuse, type IntentTrust } from './handler';

/**
 * The orderer's PDF signatures, when the laptop sent them: the first
 * incremental signature of each rendition of the content, by the very
 * certificate that signed the content (order.bad_signature otherwise). An
 * order sent without them is taken as before issue 6.
 */
export function checkOrderPdf(input: {
  content: OrderContent;
  pdf: { uk: string; en: string } | undefined;
  certificateSerial: string;
  renditions: PreparedRenditions;
  trust: IntentTrust;
  now: number;
}): void {
  if (input.pdf === undefined) return;
  const problem = checkPdfRenditions(
    input.renditions.of({ kind: 'order', content: input.content }),
    [],
    { reason: pdfSignatureReasons.orderer, pdf: input.pdf },
    { requiredRole: 'orderer', certificateSerial: input.certificateSerial, caCertificatePems: input.trust.caCertificatePems, now: new Date(input.now) },
  );
  if (problem) {
    refuse<'order.submit'>('order.bad_signature', `The ${problem.language} PDF signature does not hold: ${problem.problem}`, {
      problem: problem.problem,
      language: problem.language,
    });
  }
}
