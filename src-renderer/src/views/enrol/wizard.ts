import type { z } from 'zod';
import type { EnrolmentStep, ServiceProbeSchema } from '@shared/api/contract';

/** What serviceProbe tells about the service at an address. */
export type ServiceProbe = z.infer<typeof ServiceProbeSchema>;

/** The wizard's steps, in order; 'passphrase' only when this laptop has no vault yet. */
export type WizardStep = 'service' | 'credentials' | 'totp' | 'passphrase' | 'keys';

/** Which fields of the account step the service refused, so they are marked and focused. */
export type InvalidField = 'credentials' | 'code' | null;

/** The parts of enrolmentComplete the officer sees tick by ('done' is the end of them all). */
export type ProgressItem = Exclude<EnrolmentStep, 'done'>;
export type ProgressState = 'pending' | 'active' | 'done' | 'failed';

/**
 * The state of each progress item. The core reports the step now under way;
 * everything before it is done. Events may be missed or arrive all at once:
 * the answer of the call settles it either way.
 */
export function progressStates(
  items: readonly ProgressItem[],
  reported: EnrolmentStep | null,
  outcome: 'running' | 'failed' | 'succeeded',
): ProgressState[] {
  if (outcome === 'succeeded' || reported === 'done') return items.map(() => 'done');
  const index = reported === null ? 0 : Math.max(0, items.indexOf(reported));
  return items.map((_, i) => (i < index ? 'done' : i > index ? 'pending' : outcome === 'failed' ? 'failed' : 'active'));
}
