import { canonicalJsonBytes, SignatureError, verifySignature, type VerifiedSignerSignature } from '@shared/node/signing';
import type { DeviceIdentity } from '@shared/node/identity';
import type { AcceptanceCertificate } from '@shared/service/documents';
import type { Intent } from '@shared/sync/intents';
import type { DeviceCaller } from '../../http/authenticate';
import type { Db } from '../../store/database';
import { findDevice } from '../../store/devices';
import { refuse, type IntentTrust } from './handler';

type CommanderSignature = VerifiedSignerSignature & { signer: { kind: 'person' } & DeviceIdentity };

/**
 * Who signed an acceptance certificate for the unit, and whether they may:
 * the signature verifies over the canonical JSON of the certificate's
 * content as the service keeps it, by a device certificate of this CA that
 * is not revoked (certificate.bad_signature); the signer is a commander, in
 * the certificate and still now, of the certificate's unit, and is the
 * person whose laptop sends it (certificate.signer_not_commander).
 */
export function verifyCommanderSigner(input: { db: Db; now: number; caller: DeviceCaller; intent: Intent; certificate: AcceptanceCertificate; trust: IntentTrust }): CommanderSignature {
  const { db, caller, certificate } = input;
  const verified = verify(input);
  const { signer } = verified;
  if (signer.kind !== 'person') throw new Error('verifySignature let an organisation pass for a commander');

  const device = findDevice(db, signer.deviceId);
  if (!device) refuse<'certificate.sign'>('certificate.bad_signature', `The signing device ${signer.deviceId} is unknown to this service`, { problem: 'device_unknown' });
  if (device.revokedAt !== null) {
    refuse<'certificate.sign'>('certificate.bad_signature', `The signing device ${signer.deviceId} has been revoked`, { problem: 'device_revoked' });
  }
  if (signer.personId !== caller.person.id || !caller.person.roles.includes('commander')) {
    refuse<'certificate.sign'>('certificate.signer_not_commander', `${signer.username} may not sign for the unit: the signature must be the sending commander's own`, {
      signer: signer.username,
    });
  }
  if (signer.unitId !== certificate.unitId) {
    refuse<'certificate.sign'>('certificate.signer_not_commander', `${signer.username} commands unit ${signer.unitNumber}, not ${certificate.content.unit.number}`, {
      signer: signer.username,
      unit: certificate.content.unit.number,
    });
  }
  return verified as CommanderSignature;
}

function verify(input: { now: number; intent: Intent; certificate: AcceptanceCertificate; trust: IntentTrust }): VerifiedSignerSignature {
  try {
    return verifySignature(canonicalJsonBytes(input.certificate.content), Buffer.from(input.intent.signature ?? '', 'base64'), {
      caCertificatePems: input.trust.caCertificatePems,
      requiredRole: 'commander',
      now: new Date(input.now),
    });
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    if (error.problem === 'role_missing') {
      refuse<'certificate.sign'>('certificate.signer_not_commander', `The signer does not hold the commander role: ${error.message}`, { problem: error.problem });
    }
    refuse<'certificate.sign'>('certificate.bad_signature', `The signature does not hold: ${error.message}`, { problem: error.problem });
  }
}
