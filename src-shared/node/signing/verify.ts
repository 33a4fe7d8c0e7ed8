import type { Role } from '../../service/common';
import { organisationKinds, type DeviceIdentity, type OrganisationKind, type SignerIdentity, type SignerRole } from '../identity';
import { SignatureError } from './errors';
import { verifyCms, type CmsTrust } from './verify-cms';

/**
 * Our own verification of the detached signatures sign.ts makes (forge
 * signs CMS but cannot verify it). Works offline: everything it needs is
 * the content, the signature and the CA certificates the caller trusts.
 * Two doors onto one pipeline (verify-cms.ts): verifyDetached for a
 * person's signature (orders, receipts), verifySignature for any signer,
 * a person or an organisation (invoices and acceptance certificates).
 */

export { SIGNING_TIME_TOLERANCE_MS } from './verify-cms';

export interface SignatureTrust extends CmsTrust {
  /** A role the signer must hold: an order needs an orderer, an invoice a receiver. */
  requiredRole?: Role;
}

export interface SignerTrust extends CmsTrust {
  /** A person's role, or the kind of organisation ('supplier', 'agency') the signer must be. */
  requiredRole?: SignerRole;
}

interface VerifiedFacts {
  /** As the signer's clock put it in the signature, to the second. */
  signingTime: Date;
  certificatePem: string;
  /** Lower-case hex, as the CA records it. */
  certificateSerial: string;
  notBefore: Date;
  notAfter: Date;
}

export interface VerifiedSignature extends VerifiedFacts {
  /** Who signed, from the certificate: the identity extension's claims, full name (CN) and unit name (O). */
  signer: DeviceIdentity;
}

export interface VerifiedSignerSignature extends VerifiedFacts {
  /** A person (kind 'person') or an organisation (kind 'supplier' | 'agency'). */
  signer: SignerIdentity;
}

/**
 * Verify that `signatureDer` is a detached signature over exactly `content`
 * by a certificate a trusted CA issued and that was valid (and not revoked)
 * when the signature was made, held by a signer of `requiredRole` if given.
 * Throws SignatureError with the first problem found, and never any other
 * error, whatever the bytes.
 */
export function verifySignature(content: Uint8Array, signatureDer: Uint8Array, trust: SignerTrust): VerifiedSignerSignature {
  const verified = verifyCms(content, signatureDer, trust);
  const signer = verified.certificate.identity;
  if (trust.requiredRole !== undefined && !signerHolds(signer, trust.requiredRole)) {
    throw new SignatureError('role_missing', `the signer is not ${describeRole(trust.requiredRole)}`);
  }
  return {
    signingTime: verified.signingTime,
    signer,
    certificatePem: verified.certificatePem,
    certificateSerial: verified.certificate.serial,
    notBefore: verified.certificate.notBefore,
    notAfter: verified.certificate.notAfter,
  };
}

/** As verifySignature, for a person's signature only: an organisation's certificate is not one this door trusts. */
export function verifyDetached(content: Uint8Array, signatureDer: Uint8Array, trust: SignatureTrust): VerifiedSignature {
  const { signer, ...facts } = verifySignature(content, signatureDer, { ...trust, requiredRole: undefined });
  if (signer.kind !== 'person') {
    throw new SignatureError('untrusted_certificate', 'the signer is an organisation, not a person', { certificateProblem: 'no_identity' });
  }
  const { kind: _kind, ...person } = signer;
  if (trust.requiredRole !== undefined && !person.roles.includes(trust.requiredRole)) {
    throw new SignatureError('role_missing', `the signer does not hold the ${trust.requiredRole} role`);
  }
  return { ...facts, signer: person };
}

function isOrganisationKind(role: SignerRole): role is OrganisationKind {
  return (organisationKinds as readonly string[]).includes(role);
}

/** Whether `signer` may sign as `role`: a person by their roles, an organisation by its kind; never across. */
export function signerHolds(signer: SignerIdentity, role: SignerRole): boolean {
  if (isOrganisationKind(role)) return signer.kind === role;
  return signer.kind === 'person' && signer.roles.includes(role);
}

function describeRole(role: SignerRole): string {
  return isOrganisationKind(role) ? `the ${role} organisation` : `a person holding the ${role} role`;
}
