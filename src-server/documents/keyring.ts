import { createPrivateKey, createPublicKey, generateKeyPair, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { readOrganisationIdentity } from '@shared/node/certificate';
import type { OrganisationIdentity } from '@shared/node/identity';
import type { CmsSigner } from '@shared/node/signing';
import type { CertificateAuthority } from '../ca/authority';
import { issueOrganisationCertificate } from '../ca/issue-organisation';
import { readSecretFile, writeSecretFile } from '../secret-files';

/**
 * The keys suppliers and the agency sign documents with. In the real world
 * each supplier signs on its own side with its own КЕП; in the reference
 * service they sign through its admin API, so the service holds their keys:
 * one RSA-3072 key per organisation, made when it first signs, kept in the
 * data directory beside the other secrets (0600), with an organisation
 * certificate from the service's own CA.
 *
 * The certificate is made again for the same key when it is about to
 * expire or no longer names the organisation as it now stands (a renamed
 * supplier): signatures made before keep the certificate they carry.
 */

const KEY_BITS = 3072;
/** A certificate closer than this to its end is replaced before it signs. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

export interface OrganisationSigner extends CmsSigner {
  readonly identity: OrganisationIdentity;
}

export class OrganisationKeyring {
  /** One key generation at a time per organisation, however many requests ask at once. */
  private readonly pendingKeys = new Map<string, Promise<KeyObject>>();

  constructor(
    private readonly dir: string,
    private readonly ca: CertificateAuthority,
  ) {}

  /** The organisation's signer, its key made (seconds: RSA-3072) on first use. */
  async signer(identity: OrganisationIdentity, nowMs: number): Promise<OrganisationSigner> {
    const base = join(this.dir, `${identity.kind}-${identity.organisationId}`);
    const key = await this.key(`${base}.key.pem`);
    const certificatePem = this.certificate(`${base}.cert.pem`, key, identity, nowMs);
    return { identity, certificatePem, signSha256: (data) => sign('sha256', data, key) };
  }

  private key(path: string): Promise<KeyObject> {
    if (existsSync(path)) return Promise.resolve(createPrivateKey(readSecretFile(path)));
    let pending = this.pendingKeys.get(path);
    if (!pending) {
      pending = makeKey(path).finally(() => this.pendingKeys.delete(path));
      this.pendingKeys.set(path, pending);
    }
    return pending;
  }

  private certificate(path: string, key: KeyObject, identity: OrganisationIdentity, nowMs: number): string {
    if (existsSync(path)) {
      const pem = readSecretFile(path).toString('utf8');
      if (stillGood(pem, key, identity, nowMs)) return pem;
    }
    const publicKey = forge.pki.publicKeyFromPem(createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey;
    const issued = issueOrganisationCertificate(this.ca, { publicKey, claims: identity, nowMs });
    writeSecretFile(path, issued.pem);
    return issued.pem;
  }
}

async function makeKey(path: string): Promise<KeyObject> {
  const privateKey = await new Promise<KeyObject>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: KEY_BITS, publicExponent: 0x10001 }, (error, _public, priv) => (error ? reject(error) : resolve(priv))),
  );
  writeSecretFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return privateKey;
}

/** The certificate names the organisation as it stands, certifies this very key, and is valid well beyond now. */
function stillGood(pem: string, key: KeyObject, identity: OrganisationIdentity, nowMs: number): boolean {
  try {
    const held = readOrganisationIdentity(pem);
    const sameClaims = held.kind === identity.kind && held.organisationId === identity.organisationId && held.edrpou === identity.edrpou && held.name === identity.name;
    const certificate = new X509Certificate(pem);
    const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
    const sameKey = spki(certificate.publicKey).equals(spki(createPublicKey(key)));
    return sameClaims && sameKey && Date.parse(certificate.validFrom) <= nowMs && Date.parse(certificate.validTo) - RENEW_BEFORE_MS > nowMs;
  } catch {
    // A damaged certificate file is replaced: it is public, made from the key and the CA.
    return false;
  }
}

