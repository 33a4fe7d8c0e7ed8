import { OrderSubmitPayloadSchema } from '@shared/service/orders';
import type { Intent } from '@shared/sync/intents';
import { PreparedRenditions } from '../../documents/renditions';
import type { Db } from '../../store/database';
import { findCertificate } from '../../store/documents-certificates';
import { findInvoice } from '../../store/documents-invoices';
import { findIntent } from '../../store/sync';

/**
 * What a push's handlers need that cannot be made inside their synchronous
 * transactions: the PDF renditions of the documents its signing intents are
 * about (an order sent with PDF signatures, an invoice, a certificate), on
 * which the signers' PDF signatures are checked. Intents already
 * answered, or naming no document, need none; a handler that finds its
 * document unprepared fails the request, and the client's retry prepares it.
 */
export async function prepareIntents(db: Db, intents: readonly Intent[]): Promise<PreparedRenditions> {
  const renditions = new PreparedRenditions();
  for (const intent of intents) {
    if (findIntent(db, intent.id)) continue;
    if (intent.type === 'order.submit') {
      // Only a well-formed order with PDF signatures has renditions to check; the handler refuses the rest.
      const parsed = OrderSubmitPayloadSchema.safeParse(intent.payload);
      if (parsed.success && parsed.data.signature) await renditions.add({ kind: 'order', content: parsed.data.content });
    } else if (intent.type === 'invoice.sign') {
      const invoice = findInvoice(db, intent.entityId);
      if (invoice) await renditions.add({ kind: 'invoice', content: invoice.content });
    } else if (intent.type === 'certificate.sign') {
      const certificate = findCertificate(db, intent.entityId);
      if (certificate) await renditions.add({ kind: 'certificate', content: certificate.content });
    }
  }
  return renditions;
}
