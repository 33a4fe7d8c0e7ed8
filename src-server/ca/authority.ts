import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import forge from 'node-forge';
import { certificateFingerprint, signCertificate } from '@shared/node/forge-node';
import { utf8Attribute, OID } from '@shared/node/identity';
import { readSecretFile, writeSecretFile } from '../secret-files';

/**
 * The service's own certificate authority: an RSA-3072 root key and a
 * self-signed certificate, made on first start in the data directory and
 * reused ever after (deleting them would orphan every enrolled laptop).
 * Private-key operations go through node:crypto; forge only builds the
 * structures.
 */
export const CA_VALIDITY_YEARS = 10;
const CA_KEY_BITS = 3072;

export interface CertificateAuthority {
  certificatePem: string;
  /** SHA-256 of the root certificate's DER, hex. */
  fingerprint: string;
  certificate: forge.pki.Certificate;
  /** Signs a certificate built elsewhere (see issue.ts) with the root key. */
  sign(cert: forge.pki.Certificate): void;
}

export interface CaFiles {
  caKey: string;
  caCertificate: string;
}

/** A positive serial of 16 random bytes, as forge wants it (hex). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

export async function loadOrCreateAuthority(files: CaFiles, nowMs: number): Promise<CertificateAuthority> {
  const haveKey = existsSync(files.caKey);
  const haveCert = existsSync(files.caCertificate);
  if (haveKey !== haveCert) {
    throw new Error(`The CA is incomplete in the data directory (${haveKey ? 'certificate' : 'key'} missing); restore it from backup rather than making a new CA`);
  }
  if (!haveKey) await createAuthority(files, nowMs);
  return loadAuthority(files);
}

/**
 * The CA of a data directory the service has already made, for the admin
 * command line: it signs with the same root, and never makes a new one (a
 * CA made there would orphan every laptop the service enrols later).
 */
export function loadExistingAuthority(files: CaFiles): CertificateAuthority {
  if (!existsSync(files.caKey) || !existsSync(files.caCertificate)) {
    throw new Error('This data directory has no CA yet; start the service on it once (npm run service -- --data DIR) before signing documents');
  }
  return loadAuthority(files);
}

function loadAuthority(files: CaFiles): CertificateAuthority {
  const key = createPrivateKey(readSecretFile(files.caKey));
  const certificatePem = readSecretFile(files.caCertificate).toString('utf8');
  const certificate = forge.pki.certificateFromPem(certificatePem);
  // A certificate that does not belong to the key would make every issued certificate unverifiable.
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const fromCert = Buffer.from(forge.asn1.toDer(forge.pki.publicKeyToAsn1(certificate.publicKey)).getBytes(), 'binary');
  if (!fromKey.equals(fromCert)) throw new Error('The CA certificate does not match the CA key in the data directory');
  return {
    certificatePem,
    certificate,
    fingerprint: certificateFingerprint(certificatePem),
    sign: (cert) => signCertificate(cert, key),
  };
}

async function createAuthority(files: CaFiles, nowMs: number): Promise<void> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: CA_KEY_BITS, publicExponent: 0x10001 }, (error, pub, priv) =>
      error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }),
    ),
  );
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(nowMs - 60_000);
  const notAfter = new Date(nowMs);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
  cert.validity.notAfter = notAfter;
  const name = [
    utf8Attribute(OID.countryName, 'UA'),
    utf8Attribute(OID.organizationName, 'Quartermaster reference service'),
    utf8Attribute(OID.commonName, 'Quartermaster Reference Root CA'),
  ];
  // countryName is PrintableString by definition (RFC 5280).
  name[0] = { type: OID.countryName, value: 'UA' };
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, privateKey);
  // Key first: a crash between the two writes leaves "key without certificate", which is refused loudly above.
  writeSecretFile(files.caKey, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  writeSecretFile(files.caCertificate, forge.pki.certificateToPem(cert));
}
