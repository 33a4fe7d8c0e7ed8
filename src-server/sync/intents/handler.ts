import type { Intent, IntentPayload, IntentRejection, IntentRejectionCodeOf, IntentResultData, IntentType } from '@shared/sync/intents';
import type { PreparedRenditions } from '../../documents/renditions';
import type { DeviceCaller } from '../../http/authenticate';
import type { Db } from '../../store/database';

/** What an intent handler gets: it runs inside the transaction that will also record its result. */
export interface IntentInput<T extends IntentType> {
  db: Db;
  /** Service clock, epoch ms. */
  now: number;
  caller: DeviceCaller;
  /** Already checked against the type's payload schema. */
  payload: IntentPayload<T>;
  intent: Intent;
  /** What signed intents are verified against: the service's own CA. */
  trust: IntentTrust;
  /** The PDF renditions of the documents signing intents are about, made before the transaction (prepare.ts). */
  renditions: PreparedRenditions;
}

/** What a push brings to its handlers besides the intents. */
export interface IntentEnv {
  trust: IntentTrust;
  renditions: PreparedRenditions;
}

export interface IntentTrust {
  caCertificatePems: readonly string[];
}

/**
 * Apply one intent and return its result, or refuse it by throwing
 * `IntentRefused` (a business rejection, recorded like a result). Any other
 * error rolls the intent back and fails the request (the client retries).
 */
export type IntentHandler<T extends IntentType> = (input: IntentInput<T>) => IntentResultData<T>;

export class IntentRefused extends Error {
  override name = 'IntentRefused';
  constructor(
    readonly code: IntentRejection['code'],
    message: string,
    readonly params?: IntentRejection['params'],
  ) {
    super(message);
  }

  toReason(): IntentRejection {
    return this.params === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, params: this.params };
  }
}

/** Refuse an intent of type T with one of the codes its contract declares. */
export function refuse<T extends IntentType>(code: IntentRejectionCodeOf<T>, message: string, params?: IntentRejection['params']): never {
  throw new IntentRefused(code, message, params);
}
