import { canonicalJsonBytes, SignatureError, verifySignature, type VerifiedSignerSignature } from '@shared/node/signing';
import type { DeviceIdentity } from '@shared/node/identity';
import type { Invoice, ReceiptContent } from '@shared/service/documents';
import type { Intent } from '@shared/sync/intents';
import type { DeviceCaller } from '../../http/authenticate';
import type { Db } from '../../store/database';
import { findDevice } from '../../store/devices';
import { refuse, type IntentTrust } from './handler';

/**
 * Who signed a receipt, and whether they may: the first checks of
 * `invoice.sign`, each with its own rejection code.
 *
 * 1. The signature verifies over the canonical JSON of the receipt, with a
 *    certificate of this service's CA valid at the signing time, of a
 *    device that has not been revoked (invoice.bad_signature).
 * 2. The signer holds `receiver`, in the certificate and still now
 *    (invoice.signer_not_receiver).
 * 3. The signer is the person the receipt names and whose laptop sends it,
 *    of the invoice's unit (invoice.signer_not_author).
 */
export function verifyReceiptSigner(input: {
  db: Db;
  now: number;
  caller: DeviceCaller;
  intent: Intent;
  receipt: ReceiptContent;
  invoice: Invoice;
  trust: IntentTrust;
}): VerifiedSignerSignature & { signer: { kind: 'person' } & DeviceIdentity } {
  const { db, caller, receipt, invoice } = input;
  const verified = verify(input);
  const { signer } = verified;
  if (signer.kind !== 'person') throw new Error('verifySignature let an organisation pass for a receiver');

  const device = findDevice(db, signer.deviceId);
  if (!device) refuse<'invoice.sign'>('invoice.bad_signature', `The signing device ${signer.deviceId} is unknown to this service`, { problem: 'device_unknown' });
  // Whatever its signing time says: that is the signer's own claim, and a revoked laptop's key may be in other hands.
  if (device.revokedAt !== null) refuse<'invoice.sign'>('invoice.bad_signature', `The signing device ${signer.deviceId} has been revoked`, { problem: 'device_revoked' });

  // The certificate's roles are those of its enrolment; the store's are today's. A signature needs both.
  if (signer.personId === caller.person.id && !caller.person.roles.includes('receiver')) {
    refuse<'invoice.sign'>('invoice.signer_not_receiver', `${signer.username} no longer holds the receiver role`, { username: signer.username });
  }
  const { receivedBy, unit } = receipt;
  if (receivedBy.personId !== signer.personId || receivedBy.username !== signer.username || signer.personId !== caller.person.id) {
    refuse<'invoice.sign'>('invoice.signer_not_author', `The receipt names ${receivedBy.username} as the receiver but was signed by ${signer.username}`, {
      receiver: receivedBy.username,
      signer: signer.username,
    });
  }
  if (unit.id !== invoice.unitId || unit.number !== invoice.content.unit.number || signer.unitId !== invoice.unitId) {
    refuse<'invoice.sign'>('invoice.signer_not_author', `Invoice ${invoice.number} is to unit ${invoice.content.unit.number}, not to ${signer.unitNumber}`, {
      unit: invoice.content.unit.number,
      signerUnit: signer.unitNumber,
    });
  }
  return verified as VerifiedSignerSignature & { signer: { kind: 'person' } & DeviceIdentity };
}

function verify(input: { now: number; intent: Intent; receipt: ReceiptContent; trust: IntentTrust }): VerifiedSignerSignature {
  try {
    // The receipt as the contract reads it: what a laptop signs is that form (a well-formed receipt reads back unchanged).
    return verifySignature(canonicalJsonBytes(input.receipt), Buffer.from(input.intent.signature ?? '', 'base64'), {
      caCertificatePems: input.trust.caCertificatePems,
      requiredRole: 'receiver',
      now: new Date(input.now),
    });
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    if (error.problem === 'role_missing') {
      refuse<'invoice.sign'>('invoice.signer_not_receiver', `The signer does not hold the receiver role: ${error.message}`, { problem: error.problem });
    }
    refuse<'invoice.sign'>('invoice.bad_signature', `The signature does not hold: ${error.message}`, { problem: error.problem });
  }
}
