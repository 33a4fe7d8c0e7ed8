import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, MAX_SIGNATURE_BYTES, SignatureError, signDetached, verifyDetached, type SignatureProblem, type SignatureTrust } from '@shared/node/signing';
import { CMS_OID } from '@shared/node/signing/oids';
import { AT, attribute, attributeType, createFixture, edit, editAndResign, items, NOW, oidNode, orderLike, type Fixture, type Person } from './fixtures';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

function problemOf(run: () => unknown): SignatureProblem | string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof SignatureError ? error.problem : `not a SignatureError: ${String(error)}`;
  }
}

describe('detached CMS signatures: structure and malformed input', () => {
  let fixture: Fixture;
  let olena: Person;
  let trust: SignatureTrust;
  let content: Buffer;
  let signature: Buffer;

  beforeAll(async () => {
    fixture = await createFixture();
    olena = fixture.person({ username: 'olena', roles: ['receiver'] });
    trust = { caCertificatePems: [fixture.ca.certificatePem], now: NOW };
    content = canonicalJsonBytes(orderLike());
    signature = signDetached(content, olena.signer, AT);
  });
  afterAll(() => fixture.close());

  const check = (der: Uint8Array) => problemOf(() => verifyDetached(content, der, trust));
  /** Edit the signed attributes and sign them again, so only the edit can be the reason for a refusal. */
  const withAttributes = (change: (attributes: Node[]) => Node[]) =>
    editAndResign(signature, olena.key, (p) => {
      p.signedAttributes.value = change(items(p.signedAttributes));
    });
  const replaceAttribute = (type: string, value: Node) => withAttributes((list) => list.map((a) => (attributeType(a) === type ? attribute(type, value) : a)));

  it('calls garbage, truncation, PEM and oversize malformed', () => {
    expect(check(Buffer.alloc(0))).toBe('malformed');
    expect(check(Buffer.from('not a signature'))).toBe('malformed');
    expect(check(Buffer.from(`-----BEGIN PKCS7-----\n${signature.toString('base64')}\n-----END PKCS7-----\n`))).toBe('malformed');
    for (const length of [1, 2, 10, 100, signature.length / 2, signature.length - 1]) {
      expect(check(signature.subarray(0, Math.floor(length)))).toBe('malformed');
    }
    expect(check(Buffer.concat([signature, Buffer.from([0])]))).toBe('malformed');
    expect(check(Buffer.alloc(MAX_SIGNATURE_BYTES + 1, 0x30))).toBe('malformed');
    // Deep nesting: thousands of SEQUENCE headers must not reach a stack overflow.
    const deep = Buffer.concat([...Array.from({ length: 2000 }, () => Buffer.from([0x30, 0x80])), Buffer.alloc(4000)]);
    expect(check(deep)).toBe('malformed');
  });

  it('refuses CMS that is not detached SignedData over data', () => {
    expect(check(edit(signature, (p) => (items(p.root)[0] as Node).value = asn1.oidToDer(CMS_OID.data).getBytes()))).toBe('not_signed_data');
    const attached = edit(signature, (p) =>
      items(p.encapContentInfo).push(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, content.toString('binary'))])),
    );
    expect(check(attached)).toBe('not_detached');
    expect(check(edit(signature, (p) => (items(p.encapContentInfo)[0] as Node).value = asn1.oidToDer('1.2.840.113549.1.9.16.1.4').getBytes()))).toBe('content_type_mismatch');
  });

  it('accepts only the version numbers and digest algorithm list it writes', () => {
    const version = (pick: (p: ReturnType<typeof signatureParts>) => Node) =>
      edit(signature, (p) => {
        pick(p).value = asn1.integerToDer(3).getBytes();
      });
    expect(check(version((p) => items(p.signedData)[0] as Node))).toBe('malformed');
    expect(check(version((p) => items(p.signerInfo)[0] as Node))).toBe('malformed');
    const sha512 = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [oidNode(forge.pki.oids.sha512 as string), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
    expect(check(edit(signature, (p) => items(items(p.signedData)[1]).push(sha512)))).toBe('unsupported_algorithm');
    expect(check(edit(signature, (p) => (items(p.signedData)[1] as Node).value = [sha512]))).toBe('unsupported_algorithm');
  });

  it('wants exactly one signer', () => {
    expect(check(edit(signature, (p) => items(items(p.signedData).at(-1)).push(p.signerInfo)))).toBe('not_one_signer');
    expect(check(edit(signature, (p) => (items(p.signedData).at(-1) as Node).value = []))).toBe('not_one_signer');
  });

  it('accepts only SHA-256 with RSA', () => {
    const sha1 = editAndResign(signature, olena.key, (p) => ((items(items(p.signerInfo)[2])[0] as Node).value = asn1.oidToDer(forge.pki.oids.sha1 as string).getBytes()));
    expect(check(sha1)).toBe('unsupported_algorithm');
    const ecdsa = edit(signature, (p) => ((items(items(p.signerInfo)[4])[0] as Node).value = asn1.oidToDer('1.2.840.10045.4.3.2').getBytes()));
    expect(check(ecdsa)).toBe('unsupported_algorithm');
    const pss = edit(signature, (p) => ((items(items(p.signerInfo)[4])[0] as Node).value = asn1.oidToDer('1.2.840.113549.1.1.10').getBytes()));
    expect(check(pss)).toBe('unsupported_algorithm');
  });

  it('finds the signer certificate only by issuer and serial number', () => {
    expect(check(edit(signature, (p) => items(p.signedData).splice(3, 1)))).toBe('no_signer_certificate');
    const bySki = edit(signature, (p) => (items(p.signerInfo)[1] = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, 'abcdefghijklmnopqrst')));
    expect(check(bySki)).toBe('no_signer_certificate');
    const otherSerial = edit(signature, (p) => {
      const serial = items(items(p.signerInfo)[1])[1] as Node;
      serial.value = `\x01${(serial.value as string).slice(1)}`;
    });
    expect(check(otherSerial)).toBe('no_signer_certificate');
  });

  it('requires signed attributes: content type, message digest and signing time', () => {
    expect(check(edit(signature, (p) => items(p.signerInfo).splice(3, 1)))).toBe('missing_attribute');
    expect(check(withAttributes((list) => list.filter((a) => attributeType(a) !== CMS_OID.contentType)))).toBe('missing_attribute');
    expect(check(withAttributes((list) => list.filter((a) => attributeType(a) !== CMS_OID.messageDigest)))).toBe('missing_attribute');
    expect(check(withAttributes((list) => list.filter((a) => attributeType(a) !== CMS_OID.signingTime)))).toBe('missing_signing_time');
    expect(check(replaceAttribute(CMS_OID.contentType, oidNode('1.2.840.113549.1.9.16.1.4')))).toBe('content_type_mismatch');
  });

  it('refuses attributes that say two things at once', () => {
    const time = items(items(items(signatureAttributes()).find((a) => attributeType(a) === CMS_OID.signingTime))[1])[0] as Node;
    expect(check(withAttributes((list) => [...list, attribute(CMS_OID.signingTime, time)]))).toBe('malformed');
    expect(check(withAttributes((list) => list.map((a) => (attributeType(a) === CMS_OID.signingTime ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [oidNode(CMS_OID.signingTime), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [time, time])]) : a))))).toBe('malformed');
  });

  it('reads the signing time strictly', () => {
    const utc = (text: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, text);
    const generalized = (text: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, text);
    expect(check(replaceAttribute(CMS_OID.signingTime, utc('2506021300+0100')))).toBe('malformed');
    expect(check(replaceAttribute(CMS_OID.signingTime, utc('2506021300Z')))).toBe('malformed');
    expect(check(replaceAttribute(CMS_OID.signingTime, utc('250231130000Z')))).toBe('malformed');
    expect(check(replaceAttribute(CMS_OID.signingTime, generalized('20250602130000.5Z')))).toBe('malformed');
    expect(check(replaceAttribute(CMS_OID.signingTime, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, '250602130000Z')))).toBe('malformed');
    const accepted = verifyDetached(content, replaceAttribute(CMS_OID.signingTime, generalized('20250602130000Z')), trust);
    expect(accepted.signingTime).toEqual(AT);
  });

  it('ignores signed attributes it does not use', () => {
    const extra = withAttributes((list) => [...list, attribute('1.2.840.113549.1.9.15', asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, []))]);
    expect(check(extra)).toBe('accepted');
  });

  function signatureParts() {
    let found: Parameters<Parameters<typeof edit>[1]>[0] | undefined;
    edit(signature, (p) => {
      found = p;
    });
    if (!found) throw new Error('no parts');
    return found;
  }

  function signatureAttributes(): Node {
    let found: Node | undefined;
    edit(signature, (p) => {
      found = p.signedAttributes;
    });
    if (!found) throw new Error('no attributes');
    return found;
  }
});
