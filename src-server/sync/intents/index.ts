import type { IntentType } from '@shared/sync/intents';
import { certificateSign } from './certificate-sign';
import type { IntentHandler } from './handler';
import { invoiceSign } from './invoice-sign';
import { orderCancel } from './order-cancel';
import { orderDeclineProposal } from './order-decline';
import { orderSubmit } from './order-submit';
import { watchRemove, watchSet } from './watch';

/**
 * One handler per intent type of `src-shared/sync/intents.ts` (the compiler
 * refuses a missing one), each in a file of its own.
 */
export const intentHandlers: { [T in IntentType]: IntentHandler<T> } = {
  'watch.set': watchSet,
  'watch.remove': watchRemove,
  'order.submit': orderSubmit,
  'order.cancel': orderCancel,
  'order.decline_proposal': orderDeclineProposal,
  'invoice.sign': invoiceSign,
  'certificate.sign': certificateSign,
};
