import { canonicalJsonBytes } from '@shared/node/signing/canonical-json';
import { SignatureError } from '@shared/node/signing/errors';
import { verifyDetached, type VerifiedSignature } from '@shared/node/signing/verify';
import type { OrderContent } from '@shared/service/orders';
import type { Intent } from '@shared/sync/intents';
import type { DeviceCaller } from '../../http/authenticate';
import type { Db } from '../../store/database';
import { findDevice } from '../../store/devices';
import { refuse, type IntentTrust } from './handler';

/**
 * Who signed an order, and whether they may: the first checks of
 * `order.submit`, in this order, each with its own rejection code.
 *
 * 1. The signature verifies over the canonical JSON of the content as sent,
 *    with a certificate of this service's CA valid at the signing time, of
 *    a device that has not been revoked (order.bad_signature, params.problem
 *    saying why: the library's problem codes, `device_revoked` or
 *    `device_unknown`).
 * 2. The signer holds `orderer`, in the certificate and still now
 *    (order.signer_not_orderer).
 * 3. The signer is the content's author and the person whose laptop sends
 *    it (order.signer_not_author).
 * 4. The content's unit is the signer's and the sender's (order.wrong_unit).
 */
export function verifyOrderSigner(input: { db: Db; now: number; caller: DeviceCaller; intent: Intent; content: OrderContent; trust: IntentTrust }): VerifiedSignature {
  const { db, now, caller, intent, content } = input;
  const verified = verifySignature(intent, input.trust, now);
  const { signer } = verified;

  const device = findDevice(db, signer.deviceId);
  if (!device) refuse<'order.submit'>('order.bad_signature', `The signing device ${signer.deviceId} is unknown to this service`, { problem: 'device_unknown' });
  // Whatever its signing time says: that is the signer's own claim, and a revoked laptop's key may be in other hands.
  if (device.revokedAt !== null) {
    refuse<'order.submit'>('order.bad_signature', `The signing device ${signer.deviceId} has been revoked`, { problem: 'device_revoked' });
  }

  // The certificate's roles are those of its enrolment; the store's are today's. A signature needs both.
  const holdsNow = signer.personId !== caller.person.id || caller.person.roles.includes('orderer');
  if (!signer.roles.includes('orderer') || !holdsNow) {
    refuse<'order.submit'>('order.signer_not_orderer', `${signer.username} does not hold the orderer role`, { username: signer.username });
  }
  if (content.author.personId !== signer.personId || content.author.username !== signer.username || signer.personId !== caller.person.id) {
    refuse<'order.submit'>('order.signer_not_author', `The order names ${content.author.username} as its author but was signed by ${signer.username}`, {
      author: content.author.username,
      signer: signer.username,
    });
  }
  if (content.unit.id !== signer.unitId || content.unit.number !== signer.unitNumber || signer.unitId !== caller.person.unitId) {
    refuse<'order.submit'>('order.wrong_unit', `The order names unit ${content.unit.number}, not the signer's unit ${signer.unitNumber}`, {
      unit: content.unit.number,
      signerUnit: signer.unitNumber,
    });
  }
  return verified;
}

function verifySignature(intent: Intent, trust: IntentTrust, now: number): VerifiedSignature {
  try {
    // What the orderer signed is the content exactly as sent; the parsed copy could only ever be equal to it.
    const content = canonicalJsonBytes((intent.payload as { content: unknown }).content);
    return verifyDetached(content, Buffer.from(intent.signature ?? '', 'base64'), { caCertificatePems: trust.caCertificatePems, now: new Date(now) });
  } catch (error) {
    if (error instanceof SignatureError) {
      refuse<'order.submit'>('order.bad_signature', `The signature does not hold: ${error.message}`, { problem: error.problem });
    }
    throw error;
  }
}
