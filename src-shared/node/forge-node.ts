import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Bridges between node-forge (which builds and parses X.509 and PKCS#10
 * structures) and node:crypto (which does RSA private-key operations natively:
 * an RSA-3072 signature takes ~1 ms there against ~130 ms in forge's pure JS).
 * Forge strings of bytes are "binary" strings; Buffers cross with 'binary'.
 */

export function bytesToBuffer(bytes: string): Buffer {
  return Buffer.from(bytes, 'binary');
}

export function bufferToBytes(buffer: Uint8Array): string {
  return Buffer.from(buffer).toString('binary');
}

/** A forge RSA private key as a node KeyObject, so signing can take the native path. */
export function forgePrivateKeyToKeyObject(key: forge.pki.rsa.PrivateKey): KeyObject {
  return createPrivateKey(forge.pki.privateKeyToPem(key));
}

/** RSASSA-PKCS1-v1_5 with SHA-256 over DER bytes, returned as forge bytes. */
export function signSha256Rsa(derBytes: string, key: KeyObject): string {
  return bufferToBytes(sign('sha256', bytesToBuffer(derBytes), key));
}

/** SHA-256 of the SubjectPublicKeyInfo DER, lower-case hex: the key's stable fingerprint. */
export function spkiSha256(publicKey: forge.pki.rsa.PublicKey): string {
  const der = forge.asn1.toDer(forge.pki.publicKeyToAsn1(publicKey)).getBytes();
  return createHash('sha256').update(bytesToBuffer(der)).digest('hex');
}

/** SHA-256 of a certificate's DER, lower-case hex. */
export function certificateFingerprint(pem: string): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes();
  return createHash('sha256').update(bytesToBuffer(der)).digest('hex');
}

/** Two functions forge has and its type declarations omit. */
const pkiInternals = forge.pki as unknown as {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
  getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1;
};

/**
 * Sign a forge certificate with SHA-256/RSA through node:crypto. Mirrors
 * forge's own `cert.sign`, which would spend ~130 ms in pure JS per signature.
 */
export function signCertificate(cert: forge.pki.Certificate, key: KeyObject): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  cert.md = forge.md.sha256.create();
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  const tbs = pkiInternals.getTBSCertificate(cert);
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  cert.signature = signSha256Rsa(forge.asn1.toDer(tbs).getBytes(), key);
}

/** The same for a PKCS#10 request (the client's side of enrolment). */
export function signCertificationRequest(csr: forge.pki.CertificateSigningRequest, key: KeyObject): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  csr.md = forge.md.sha256.create();
  csr.signatureOid = oid;
  csr.siginfo.algorithmOid = oid;
  const cri = pkiInternals.getCertificationRequestInfo(csr);
  (csr as unknown as { certificationRequestInfo: forge.asn1.Asn1 }).certificationRequestInfo = cri;
  csr.signature = signSha256Rsa(forge.asn1.toDer(cri).getBytes(), key);
}
