import { SignatureError } from './errors';
import { CMS_OID } from './oids';
import { contextItems, integerBytes, isContext, isNull, malformed, octetString, oid, parseDer, sequence, set, toDer, type Node } from './der';

/**
 * The structure of a detached SignedData (RFC 5652 §5), read into what
 * verification needs, judging only its shape; verify.ts judges its meaning.
 *
 *   ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
 *   SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
 *     certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL, signerInfos SET }
 *   SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT OPTIONAL,
 *     signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL }
 */

/** Ours are ~2.2 KB (one RSA-3072 certificate inside); anything this large is not one of ours. */
export const MAX_SIGNATURE_BYTES = 64 * 1024;

export interface AlgorithmIdentifier {
  oid: string;
  /** Absent or NULL: the only parameters SHA-256 and RSA PKCS#1 v1.5 take. */
  noParameters: boolean;
}

export interface EmbeddedCertificate {
  der: Buffer;
  issuer: Buffer;
  serial: Buffer;
}

export interface SignerInfo {
  /** issuerAndSerialNumber: the issuer Name's DER and the serial's content octets. */
  issuer: Buffer;
  serial: Buffer;
  digestAlgorithm: AlgorithmIdentifier;
  /** The Attribute items, when signedAttrs is present. */
  signedAttributes: Node[] | undefined;
  /** What the signature covers: signedAttrs re-encoded with the SET tag (RFC 5652 §5.4). */
  signedAttributesDer: Buffer | undefined;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Buffer;
}

export interface DetachedSignedData {
  certificates: EmbeddedCertificate[];
  signer: SignerInfo;
}

export function readDetachedSignedData(der: Uint8Array): DetachedSignedData {
  if (der.byteLength > MAX_SIGNATURE_BYTES) {
    throw malformed(`the signature is ${der.byteLength} bytes; at most ${MAX_SIGNATURE_BYTES} are accepted`);
  }
  const [contentType, content] = sequence(parseDer(der, 'the signature'), 'ContentInfo', 2, 2);
  if (oid(contentType, 'ContentInfo.contentType') !== CMS_OID.signedData) {
    throw new SignatureError('not_signed_data', 'the signature is a CMS ContentInfo but not SignedData');
  }
  const wrapped = contextItems(content, 0, 'ContentInfo.content');
  if (wrapped.length !== 1) throw malformed('ContentInfo.content must hold exactly one SignedData');
  const fields = sequence(wrapped[0], 'SignedData', 4);

  // version, digestAlgorithms, encapContentInfo, then optional [0] and [1], then signerInfos last.
  // The version and digestAlgorithms are not covered by the signature; they
  // are pinned to the one form we write so that a changed byte there is
  // refused rather than silently ignored.
  requireVersion(fields[0], 1, 'SignedData.version');
  const digestAlgorithms = set(fields[1], 'SignedData.digestAlgorithms').map((node, i) => readAlgorithm(node, `SignedData.digestAlgorithms[${i}]`));
  readEncapsulatedContentInfo(fields[2]);
  let index = 3;
  let certificates: EmbeddedCertificate[] = [];
  if (isContext(fields[index], 0)) {
    certificates = readCertificates(contextItems(fields[index], 0, 'SignedData.certificates'));
    index += 1;
  }
  if (isContext(fields[index], 1)) index += 1;
  if (index !== fields.length - 1) throw malformed('SignedData has unexpected fields');

  const signerInfos = set(fields[index], 'SignedData.signerInfos');
  if (signerInfos.length !== 1) {
    throw new SignatureError('not_one_signer', `the signature has ${signerInfos.length} signers; exactly one is accepted`);
  }
  const signer = readSignerInfo(signerInfos[0]);
  const [listed, ...more] = digestAlgorithms;
  if (!listed || more.length > 0 || listed.oid !== signer.digestAlgorithm.oid || !listed.noParameters) {
    throw new SignatureError('unsupported_algorithm', "SignedData.digestAlgorithms must list exactly the signer's digest algorithm");
  }
  return { certificates, signer };
}

/** Version 1 is what RFC 5652 §5.1 and §5.3 prescribe for id-data content and a signer named by issuer and serial. */
function requireVersion(node: Node | undefined, expected: number, what: string): void {
  const bytes = integerBytes(node, what);
  if (bytes.length !== 1 || bytes[0] !== expected) throw malformed(`${what} must be ${expected}`);
}

function readEncapsulatedContentInfo(node: Node | undefined): void {
  const [eContentType, eContent] = sequence(node, 'SignedData.encapContentInfo', 1, 2);
  // A SignedData over a document is over bytes (id-data); anything else would mean the content is not our JSON.
  if (oid(eContentType, 'encapContentInfo.eContentType') !== CMS_OID.data) {
    throw new SignatureError('content_type_mismatch', 'the signed content is not of type id-data');
  }
  if (eContent !== undefined) throw new SignatureError('not_detached', 'the signature carries its content; a detached signature is expected');
}

/** CertificateChoices: only plain certificates (SEQUENCE) are of use; other choices are skipped. */
function readCertificates(items: Node[]): EmbeddedCertificate[] {
  const certificates: EmbeddedCertificate[] = [];
  for (const [i, item] of items.entries()) {
    if (isContext(item, 0) || isContext(item, 1) || isContext(item, 2) || isContext(item, 3)) continue;
    const [tbs] = sequence(item, `certificate ${i}`, 3, 3);
    const tbsFields = sequence(tbs, `certificate ${i} TBSCertificate`, 6);
    // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, signature, issuer, ... }
    const offset = isContext(tbsFields[0], 0) ? 1 : 0;
    const serial = integerBytes(tbsFields[offset], `certificate ${i} serialNumber`);
    sequence(tbsFields[offset + 2], `certificate ${i} issuer`);
    certificates.push({ der: toDer(item), issuer: toDer(tbsFields[offset + 2] as Node), serial });
  }
  return certificates;
}

function readAlgorithm(node: Node | undefined, what: string): AlgorithmIdentifier {
  const [algorithm, parameters, ...rest] = sequence(node, what, 1, 2);
  return { oid: oid(algorithm, `${what}.algorithm`), noParameters: rest.length === 0 && (parameters === undefined || isNull(parameters)) };
}

function readSignerInfo(node: Node | undefined): SignerInfo {
  const fields = sequence(node, 'SignerInfo', 5, 7);
  const sid = fields[1];
  if (isContext(sid, 0)) {
    throw new SignatureError('no_signer_certificate', 'the signer is named by subject key identifier; issuer and serial number are expected');
  }
  requireVersion(fields[0], 1, 'SignerInfo.version');
  const [issuer, serial] = sequence(sid, 'SignerInfo.sid', 2, 2);
  sequence(issuer, 'SignerInfo.sid.issuer');

  let index = 3;
  let signedAttributes: Node[] | undefined;
  let signedAttributesDer: Buffer | undefined;
  if (isContext(fields[index], 0)) {
    const attributesNode = fields[index] as Node;
    signedAttributes = contextItems(attributesNode, 0, 'SignerInfo.signedAttrs');
    signedAttributesDer = toDer(attributesNode);
    signedAttributesDer[0] = 0x31;
    index += 1;
  }
  const signatureAlgorithm = readAlgorithm(fields[index], 'SignerInfo.signatureAlgorithm');
  const signature = octetString(fields[index + 1], 'SignerInfo.signature');
  const after = fields.slice(index + 2);
  if (after.length > 1 || (after.length === 1 && !isContext(after[0], 1))) throw malformed('SignerInfo has unexpected fields');

  return {
    issuer: toDer(issuer as Node),
    serial: integerBytes(serial, 'SignerInfo.sid.serialNumber'),
    digestAlgorithm: readAlgorithm(fields[2], 'SignerInfo.digestAlgorithm'),
    signedAttributes,
    signedAttributesDer,
    signatureAlgorithm,
    signature,
  };
}
