import type { IntentType } from '@shared/sync/intents';
import type { IntentHandler } from './handler';
import { orderCancel } from './order-cancel';
import { orderDeclineProposal } from './order-decline';
import { orderSubmit } from './order-submit';
import { watchRemove, watchSet } from './watch';

/**
 * One handler per intent type of `src-shared/sync/intents.ts` (the compiler
 * refuses a missing one), each in a file of its own; issue 6 adds
 * `'invoice.sign': invoiceSign` here.
 */
export const intentHandlers: { [T in IntentType]: IntentHandler<T> } = {
  'watch.set': watchSet,
  'watch.remove': watchRemove,
  'order.submit': orderSubmit,
  'order.cancel': orderCancel,
  'order.decline_proposal': orderDeclineProposal,
};
