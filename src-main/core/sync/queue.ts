import { v7 as uuidv7 } from 'uuid';
import { intentTypes, type IntentPayload, type IntentType } from '@shared/sync/intents';
import type { Db } from '../store';
import { insertIntent } from './outbox-repo';

/**
 * Puts an intent into the outbox: a new UUID v7, the entity its type names,
 * the payload checked against the type's schema (what the service will
 * check too), and the signature its type requires (and none otherwise).
 * Committed by the caller's statement with synchronous=FULL, so once this
 * returns the intent survives a power cut.
 */
export function queueIntent<T extends IntentType>(
  db: Db,
  type: T,
  payload: IntentPayload<T>,
  now: number,
  signature?: string,
): { id: string; entityId: string } {
  const spec = intentTypes[type];
  const checked = spec.payload.parse(payload) as Record<string, unknown>;
  const entityId = (spec.entityId as (payload: IntentPayload<T>) => string)(payload);
  if ((spec.signature === 'required') !== (signature !== undefined)) {
    throw new Error(`A ${type} intent ${spec.signature === 'required' ? 'must carry' : 'carries no'} signature`);
  }
  const id = uuidv7({ msecs: now });
  insertIntent(db, { id, type, entityId, payload: checked, createdAt: new Date(now).toISOString(), ...(signature === undefined ? {} : { signature }) });
  return { id, entityId };
}
