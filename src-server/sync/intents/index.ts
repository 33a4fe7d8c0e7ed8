import type { IntentType } from '@shared/sync/intents';
import type { IntentHandler } from './handler';
import { watchRemove, watchSet } from './watch';

/**
 * One handler per intent type of `src-shared/sync/intents.ts` (the compiler
 * refuses a missing one). Issue 5 adds `'order.submit': orderSubmit` here,
 * issue 6 `'invoice.sign': invoiceSign`, each in a file of its own.
 */
export const intentHandlers: { [T in IntentType]: IntentHandler<T> } = {
  'watch.set': watchSet,
  'watch.remove': watchRemove,
};
