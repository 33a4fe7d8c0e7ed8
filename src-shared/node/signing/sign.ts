import { verify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { bufferToBytes, bytesToBuffer } from '../forge-node';
import { BoundedCache } from './bounded-cache';
import { sha256 } from './digest';
import { CMS_OID } from './oids';

/**
 * Detached CMS SignedData (RFC 5652) over a document's bytes: SHA-256,
 * signed attributes content-type, signing-time and message-digest, the
 * signer's certificate included, no content inside (the `.p7s` that
 * Ukrainian e-document systems exchange).
 */

/** What signing needs from whoever holds the key; `Signer` in the client core satisfies it. */
export interface CmsSigner {
  /** The signer's certificate (PEM); every signature carries it. */
  readonly certificatePem: string;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the signer hashes, as a token or КЕП provider would). */
  signSha256(data: Uint8Array): Buffer;
}

interface SignerCertificate {
  forge: forge.pki.Certificate;
  publicKey: KeyObject;
}

const signerCertificates = new BoundedCache<string, SignerCertificate>(8);

function signerCertificate(pem: string): SignerCertificate {
  return signerCertificates.get(pem, () => {
    try {
      return { forge: forge.pki.certificateFromPem(pem), publicKey: new X509Certificate(pem).publicKey };
    } catch (error) {
      throw new Error(`the signer's certificate cannot be read: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** The part of forge's SignedData its type declarations omit: the signer entries sign() fills in. */
interface ForgeSignerEntry {
  authenticatedAttributesAsn1?: forge.asn1.Asn1;
}

/** What the stand-in key signed: the attributes' SET-form DER and the signature over it. */
interface SignedAttributes {
  der?: Buffer;
  signature?: Buffer;
}

/**
 * Why forge's createSignedData with a stand-in key rather than building the
 * structure by hand: forge already encodes ContentInfo, SignedData and
 * SignerInfo, digests the attributes in their SET form, picks UTCTime or
 * GeneralizedTime for the signing time and takes issuer and serial from the
 * certificate; only its private-key step must go (pure-JS RSA-3072 costs
 * ~130 ms, and the key may live where we cannot reach it). Forge hands a key
 * nothing but a finished digest, while `signSha256` wants the bytes, so the
 * stand-in re-encodes the attributes forge has just built for this signer
 * with the SET tag (0x31, RFC 5652 §5.4; forge embeds them as [0] IMPLICIT)
 * and checks that they hash to forge's own digest before signing them: if
 * forge ever changed what it digests, signing fails loudly instead of
 * producing signatures that do not verify.
 */
function nativeKey(entry: () => ForgeSignerEntry | undefined, signer: CmsSigner, signed: SignedAttributes): forge.pki.rsa.PrivateKey {
  const key = {
    sign(md: forge.md.MessageDigest): forge.Bytes {
      const attributes = entry()?.authenticatedAttributesAsn1;
      if (!attributes) throw new Error('forge did not build the signed attributes');
      const setDer = bytesToBuffer(forge.asn1.toDer(attributes).getBytes());
      setDer[0] = 0x31;
      if (!sha256(setDer).equals(bytesToBuffer(md.digest().getBytes()))) {
        throw new Error('the signed attributes differ from what forge digested');
      }
      signed.der = setDer;
      signed.signature = signer.signSha256(setDer);
      return bufferToBytes(signed.signature);
    },
  };
  return key as unknown as forge.pki.rsa.PrivateKey;
}

/**
 * Sign `content` (a document's canonical JSON bytes) at `signingTime`,
 * which is recorded to the second (UTCTime has no fractions). Returns the
 * DER of the ContentInfo.
 */
export function signDetached(content: Uint8Array, signer: CmsSigner, signingTime: Date): Buffer {
  if (Number.isNaN(signingTime.getTime())) throw new RangeError('the signing time is not a valid date');
  const certificate = signerCertificate(signer.certificatePem);

  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(bufferToBytes(content));
  p7.addCertificate(certificate.forge);
  const signers = (p7 as unknown as { signers: ForgeSignerEntry[] }).signers;
  const signed: SignedAttributes = {};
  p7.addSigner({
    key: nativeKey(() => signers[0], signer, signed),
    certificate: certificate.forge,
    digestAlgorithm: CMS_OID.sha256,
    // In DER SET OF order (by encoding; here by length: 0x18 < 0x1c < 0x2f), which is what openssl writes too.
    authenticatedAttributes: [
      { type: CMS_OID.contentType, value: CMS_OID.data },
      { type: CMS_OID.signingTime, value: signingTime.toISOString() },
      { type: CMS_OID.messageDigest },
    ],
  });
  p7.sign({ detached: true });
  const der = bytesToBuffer(forge.asn1.toDer(p7.toAsn1()).getBytes());

  // A key that does not match its certificate would otherwise be found out
  // only by the service, days later for a laptop offline, after the document
  // became immutable; checking costs a public-key operation (~0.05 ms).
  if (!signed.der || !signed.signature) throw new Error('forge did not ask the key to sign');
  if (!verify('sha256', signed.der, certificate.publicKey, signed.signature)) {
    throw new Error("the signer's key does not match its certificate");
  }
  return der;
}
