import { readDerTime } from './der-time';
import { malformed, octetString, oid, sequence, set, type Node } from './der';
import { CMS_OID } from './oids';

/**
 * The three signed attributes we use (RFC 5652 §11.1–11.3). Each must occur
 * at most once with exactly one value: two signing times or two digests
 * would let a signature say two things at once. Other attributes are
 * allowed (they are signed, so harmless) and ignored.
 */
export interface SignedAttributeValues {
  contentType: string | undefined;
  messageDigest: Buffer | undefined;
  signingTime: Date | undefined;
}

export function readSignedAttributes(items: readonly Node[]): SignedAttributeValues {
  const seen = new Set<string>();
  const values: SignedAttributeValues = { contentType: undefined, messageDigest: undefined, signingTime: undefined };
  for (const [i, item] of items.entries()) {
    const [typeNode, valuesNode] = sequence(item, `signed attribute ${i}`, 2, 2);
    const type = oid(typeNode, `signed attribute ${i} type`);
    const attributeValues = set(valuesNode, `signed attribute ${type} values`);
    if (seen.has(type)) throw malformed(`the signed attribute ${type} occurs more than once`);
    seen.add(type);

    const single = (): Node => {
      const [only, ...more] = attributeValues;
      if (!only || more.length > 0) throw malformed(`the signed attribute ${type} must have exactly one value`);
      return only;
    };
    if (type === CMS_OID.contentType) values.contentType = oid(single(), 'the content-type attribute');
    else if (type === CMS_OID.messageDigest) values.messageDigest = octetString(single(), 'the message-digest attribute');
    else if (type === CMS_OID.signingTime) values.signingTime = readDerTime(single(), 'the signing-time attribute');
  }
  return values;
}
