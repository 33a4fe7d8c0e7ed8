import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { intentTypes, isIntentType, type Intent, type IntentRejection, type IntentResult, type IntentType, type IntentTypeSpec } from '@shared/sync/intents';
import type { DeviceCaller } from '../http/authenticate';
import type { Db } from '../store/database';
import { findIntent, insertIntent } from '../store/sync';
import { IntentRefused, type IntentEnv, type IntentHandler } from './intents/handler';
import { intentHandlers } from './intents';

/**
 * The push: each intent applied exactly once. For every intent, in array
 * order and in a transaction of its own (taken for writing at once):
 *
 * 1. its id is looked up: if the service has answered it before, the stored
 *    answer is returned (same person, same body hash) or the resend is
 *    refused as `sync.intent_conflict` (anything else), and nothing is applied;
 * 2. otherwise the type's payload schema and handler run, and the result or
 *    the business refusal is stored with the id, the person, the device and
 *    the body hash, in the same transaction as the effect.
 *
 * An unexpected failure rolls back that intent only and fails the request;
 * the intents before it stay applied and answer from the store when the
 * client sends the batch again.
 */

/** SHA-256 of the canonical JSON (RFC 8785) of what the intent asks; createdAt is informational and left out. */
export function intentBodyHash(intent: Intent): string {
  const body = canonicalize({ type: intent.type, entityId: intent.entityId, payload: intent.payload, signature: intent.signature ?? null });
  return createHash('sha256').update(body ?? '').digest('hex');
}

function rejected(id: string, reason: IntentRejection): IntentResult {
  return { id, status: 'rejected', reason };
}

/** Check and apply an intent whose id is new; a refusal comes back as the reason. */
function dispatch(db: Db, now: number, caller: DeviceCaller, intent: Intent, env: IntentEnv): { status: 'applied'; result: unknown } | { status: 'rejected'; reason: IntentRejection } {
  if (!isIntentType(intent.type)) {
    return { status: 'rejected', reason: { code: 'sync.unknown_intent', message: `This service does not know the intent type ${intent.type}`, params: { type: intent.type } } };
  }
  const type: IntentType = intent.type;
  const spec = intentTypes[type];
  const parsed = spec.payload.safeParse(intent.payload);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${['payload', ...issue.path.map(String)].join('.')}: ${issue.message}`).join('; ');
    return { status: 'rejected', reason: { code: 'sync.invalid_payload', message: `Invalid ${type} payload: ${detail}`, params: { type } } };
  }
  const entityId = (spec.entityId as (payload: unknown) => string)(parsed.data);
  if (entityId !== intent.entityId) {
    return {
      status: 'rejected',
      reason: { code: 'sync.invalid_payload', message: `The entityId of a ${type} intent must be ${entityId}`, params: { type, entityId } },
    };
  }
  if ((spec.signature as IntentTypeSpec['signature']) === 'required' && intent.signature === undefined) {
    return { status: 'rejected', reason: { code: 'sync.signature_required', message: `A ${type} intent must be signed`, params: { type } } };
  }
  const handler = intentHandlers[type] as IntentHandler<IntentType>;
  try {
    // A savepoint of its own, so a handler that wrote something and then refused leaves no trace but the refusal.
    const result = db.transaction(() => {
      const checked = spec.result.safeParse(handler({ db, now, caller, payload: parsed.data as never, intent, trust: env.trust, renditions: env.renditions }));
      if (!checked.success) throw new Error(`The ${type} handler produced a result outside its schema: ${checked.error.message}`);
      return checked.data as unknown;
    })();
    return { status: 'applied', result };
  } catch (error) {
    if (error instanceof IntentRefused) return { status: 'rejected', reason: error.toReason() };
    throw error;
  }
}

export function applyIntent(db: Db, now: number, caller: DeviceCaller, intent: Intent, env: IntentEnv): IntentResult {
  const hash = intentBodyHash(intent);
  return db
    .transaction((): IntentResult => {
      const stored = findIntent(db, intent.id);
      if (stored) {
        if (stored.personId !== caller.person.id || stored.bodySha256 !== hash) {
          return rejected(intent.id, {
            code: 'sync.intent_conflict',
            message: `Intent ${intent.id} was already used for a different intent; make a new id for a new intent`,
            params: { intentId: intent.id },
          });
        }
        return stored.status === 'applied'
          ? ({ id: intent.id, status: 'applied', result: stored.outcome } as IntentResult)
          : rejected(intent.id, stored.outcome as IntentRejection);
      }
      const outcome = dispatch(db, now, caller, intent, env);
      insertIntent(db, {
        id: intent.id,
        personId: caller.person.id,
        deviceId: caller.device.id,
        type: intent.type,
        entityId: intent.entityId,
        bodySha256: hash,
        status: outcome.status,
        outcome: outcome.status === 'applied' ? outcome.result : outcome.reason,
        clientCreatedAt: intent.createdAt,
        receivedAt: now,
      });
      return outcome.status === 'applied' ? ({ id: intent.id, ...outcome } as IntentResult) : rejected(intent.id, outcome.reason);
    })
    .immediate();
}

export function pushIntents(db: Db, now: number, caller: DeviceCaller, intents: readonly Intent[], env: IntentEnv): IntentResult[] {
  return intents.map((intent) => applyIntent(db, now, caller, intent, env));
}
