import forge from 'node-forge';
import { readSignedAttributes } from '../signing/attributes';
import { readDetachedSignedData } from '../signing/cms-read';
import { oid, parseDer, sequence, set, isContext, type Node } from '../signing/der';
import { PdfError, asPdfError } from './errors';

/**
 * What an incremental signature writes about its CMS before the CMS exists
 * (/Name and /M are inside the signed bytes) and what rebuilding it takes
 * back out: the signer certificate's common name, the signing-time
 * attribute, and the message digest, which ties the CMS to the bytes it
 * was made over. Only the shape is read here; whether the signature holds
 * is verifyDetached's question.
 */
export interface CmsFacts {
  signerName: string;
  /** Whole seconds: UTCTime has no fractions. */
  signingTime: Date;
  messageDigest: Buffer;
}

const COMMON_NAME = '2.5.4.3';
const { Type } = forge.asn1;

/** A DirectoryString's text: UTF8String, PrintableString or BMPString (what certificates in the wild use for names). */
function directoryString(node: Node | undefined): string {
  if (!node || typeof node.value !== 'string') throw new Error('the common name is not a string');
  const bytes = Buffer.from(node.value, 'binary');
  if (node.type === Type.UTF8) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (node.type === Type.PRINTABLESTRING || node.type === Type.IA5STRING) return bytes.toString('latin1');
  if (node.type === Type.BMPSTRING) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  throw new Error(`the common name has an unsupported string type ${node.type}`);
}

function subjectCommonName(certificateDer: Buffer): string {
  const [tbs] = sequence(parseDer(certificateDer, 'the signer certificate'), 'Certificate', 3, 3);
  const fields = sequence(tbs, 'TBSCertificate', 6);
  // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... }
  const subject = fields[(isContext(fields[0], 0) ? 1 : 0) + 4];
  for (const rdn of sequence(subject, 'the subject name')) {
    for (const attribute of set(rdn, 'a relative distinguished name')) {
      const [type, value] = sequence(attribute, 'a name attribute', 2, 2);
      if (oid(type, 'a name attribute type') === COMMON_NAME) return directoryString(value);
    }
  }
  throw new Error('the signer certificate names no common name');
}

export function readCmsFacts(cms: Uint8Array): CmsFacts {
  return asPdfError('cms_unreadable', 'the PDF signature’s CMS cannot be read', () => {
    const { certificates, signer } = readDetachedSignedData(cms);
    const certificate = certificates.find((c) => c.issuer.equals(signer.issuer) && c.serial.equals(signer.serial));
    if (!certificate) throw new PdfError('cms_unreadable', 'the CMS does not carry its signer’s certificate');
    const attributes = readSignedAttributes(signer.signedAttributes ?? []);
    if (!attributes.signingTime) throw new PdfError('cms_unreadable', 'the CMS has no signing-time attribute');
    if (!attributes.messageDigest) throw new PdfError('cms_unreadable', 'the CMS has no message-digest attribute');
    return { signerName: subjectCommonName(certificate.der), signingTime: attributes.signingTime, messageDigest: attributes.messageDigest };
  });
}
