import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { AppError } from '@shared/api/errors';
import type { Session } from '../session/session';
import { readIdentity, readPrivateKeyPem } from './identity-repo';

/**
 * The seam through which core code (and only core code) uses the device's
 * private key. Nothing in the API returns it; handlers see IdentityRecord,
 * which has no key. Signing documents (issue 5: detached CMS over canonical
 * JSON) will be built on `Signer`, so a qualified-signature provider or a
 * hardware token can replace the software key without touching documents.
 */
export interface Signer {
  /** The certificate that names the signer (PEM), to embed in signatures. */
  readonly certificatePem: string;
  /** The CA certificate(s) the certificate chains to, for offline verification. */
  readonly caCertificatePems: readonly string[];
  /** RSASSA-PKCS1-v1_5 over SHA-256 of `data`. */
  signSha256(data: Uint8Array): Buffer;
}

/** A software key held in the vault. The KeyObject lives only as long as the caller keeps the signer. */
class SoftwareSigner implements Signer {
  constructor(
    private readonly key: KeyObject,
    readonly certificatePem: string,
    readonly caCertificatePems: readonly string[],
  ) {}

  signSha256(data: Uint8Array): Buffer {
    return sign('sha256', data, this.key);
  }
}

/**
 * The enrolled device's signer, read from the unlocked vault. Throws
 * identity.not_enrolled before enrolment and vault.locked while locked.
 */
export async function loadSigner(session: Session): Promise<Signer> {
  return session.withStore((store) => {
    const identity = readIdentity(store.db);
    const pem = readPrivateKeyPem(store.db);
    if (!identity || pem === undefined) throw new AppError('identity.not_enrolled', 'This laptop is not enrolled');
    return new SoftwareSigner(createPrivateKey(pem), identity.certificatePem, [identity.caCertificatePem]);
  });
}
