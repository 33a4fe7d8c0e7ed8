import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import type { DeviceIdentityClaims, OrganisationIdentity } from '@shared/node/identity';
import type { CmsSigner } from '@shared/node/signing';
import { loadOrCreateAuthority, type CertificateAuthority } from '../../../src-server/ca/authority';
import { issueDeviceCertificate, type IssuedCertificate } from '../../../src-server/ca/issue';
import { issueOrganisationCertificate } from '../../../src-server/ca/issue-organisation';

/**
 * Real certificates from the service's own CA code: an RSA-3072 root, and
 * device certificates on 2048-bit keys (the CA does not judge key size; the
 * CSR check does, and these tests skip the CSR) so key generation stays
 * quick on a two-core machine.
 */

/** Noon UTC on a weekday in 2025; the certificates are valid for a year from five minutes before. */
export const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
export const AT = new Date(T0 + 3600_000);
/** The verifier's clock: a day after signing, well within every certificate's validity. */
export const NOW = new Date(T0 + 24 * 3600_000);

export interface Person {
  claims: DeviceIdentityClaims;
  fullName: string;
  unitName: string;
  key: KeyObject;
  certificate: IssuedCertificate;
  signer: CmsSigner;
}

/** A supplier or the agency, with its own key and certificate from the CA. */
export interface Organisation {
  identity: OrganisationIdentity;
  key: KeyObject;
  certificate: IssuedCertificate;
  signer: CmsSigner;
}

export const UNIT = { id: '01890f4e-8a4c-7cc1-9f3e-aaaaaaaaaaaa', number: 'А1234', name: '12-та окрема бригада' } as const;

export interface Fixture {
  ca: CertificateAuthority;
  otherCa: CertificateAuthority;
  dir: string;
  person(options: {
    username: string;
    roles: DeviceIdentityClaims['roles'];
    ca?: CertificateAuthority;
    nowMs?: number;
    bits?: number;
    /** Another unit than UNIT. */
    unit?: { id: string; number: string };
  }): Person;
  organisation(options: {
    kind: OrganisationIdentity['kind'];
    name: string;
    edrpou: string;
    organisationId?: string;
    ca?: CertificateAuthority;
    nowMs?: number;
    bits?: number;
  }): Organisation;
  close(): void;
}

let counter = 0;
function uuid(): string {
  counter += 1;
  return `01890f4e-8a4c-7cc1-9f3e-${counter.toString(16).padStart(12, '0')}`;
}

export function signerFor(key: KeyObject, certificatePem: string): CmsSigner {
  return { certificatePem, signSha256: (data) => sign('sha256', data, key) };
}

export async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-signing-'));
  const ca = await loadOrCreateAuthority({ caKey: join(dir, 'a', 'key.pem'), caCertificate: join(dir, 'a', 'cert.pem') }, T0 - 3600_000);
  const otherCa = await loadOrCreateAuthority({ caKey: join(dir, 'b', 'key.pem'), caCertificate: join(dir, 'b', 'cert.pem') }, T0 - 3600_000);
  return {
    ca,
    otherCa,
    dir,
    person({ username, roles, ca: issuer = ca, nowMs = T0, bits = 2048, unit = UNIT }) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
      const claims: DeviceIdentityClaims = { personId: uuid(), username, unitId: unit.id, unitNumber: unit.number, roles, deviceId: uuid() };
      const fullName = `Коваленко ${username}`;
      const unitName = UNIT.name;
      const certificate = issueDeviceCertificate(issuer, {
        publicKey: forgePublicKey(publicKey),
        claims,
        fullName,
        unitName,
        nowMs,
      });
      return { claims, fullName, unitName, key: privateKey, certificate, signer: signerFor(privateKey, certificate.pem) };
    },
    organisation({ kind, name, edrpou, organisationId = uuid(), ca: issuer = ca, nowMs = T0, bits = 2048 }) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
      const identity: OrganisationIdentity = { kind, organisationId, edrpou, name };
      const certificate = issueOrganisationCertificate(issuer, { publicKey: forgePublicKey(publicKey), claims: identity, nowMs });
      return { identity, key: privateKey, certificate, signer: signerFor(privateKey, certificate.pem) };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function forgePublicKey(publicKey: KeyObject): forge.pki.rsa.PublicKey {
  return forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey;
}

/** Twenty lines of an order, as the client would sign one (money in kopiykas). */
export function orderLike(lines = 20): { id: string; kind: string; unitNumber: string; hromada: string; lines: Array<{ productId: string; quantity: number; unitPriceKopiykas: number }> } {
  return {
    id: '01890f4e-8a4c-7cc1-9f3e-0123456789ab',
    kind: 'in_stock',
    unitNumber: 'А1234',
    hromada: 'UA32080090000058377',
    lines: Array.from({ length: lines }, (_, i) => ({
      productId: `01890f4e-8a4c-7cc1-9f3e-${(0x1000 + i).toString(16).padStart(12, '0')}`,
      quantity: 1 + (i % 7),
      unitPriceKopiykas: 3_850_000 + i * 12_500,
    })),
  };
}

// ---- Editing signatures, for tampering and for structures we would never write ----

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

export function items(node: Node | undefined): Node[] {
  if (!node || !Array.isArray(node.value)) throw new Error('not a constructed node');
  return node.value;
}

export interface SignatureParts {
  root: Node;
  signedData: Node;
  encapContentInfo: Node;
  certificates: Node;
  signerInfo: Node;
  signedAttributes: Node;
}

export function parts(root: Node): SignatureParts {
  const signedData = items(items(root)[1])[0] as Node;
  const fields = items(signedData);
  const signerInfo = items(fields[fields.length - 1])[0] as Node;
  return {
    root,
    signedData,
    encapContentInfo: fields[2] as Node,
    certificates: fields[3] as Node,
    signerInfo,
    signedAttributes: items(signerInfo)[3] as Node,
  };
}

/** Parse, edit and re-encode; the signature value is left as it was. */
export function edit(der: Uint8Array, change: (parts: SignatureParts) => void): Buffer {
  const root = asn1.fromDer(Buffer.from(der).toString('binary'));
  change(parts(root));
  return Buffer.from(asn1.toDer(root).getBytes(), 'binary');
}

/** Edit, then sign the (edited) signed attributes again with `key`, so only the edit itself can fail verification. */
export function editAndResign(der: Uint8Array, key: KeyObject, change: (parts: SignatureParts) => void): Buffer {
  return edit(der, (p) => {
    change(p);
    const setDer = Buffer.from(asn1.toDer(p.signedAttributes).getBytes(), 'binary');
    setDer[0] = 0x31;
    const fields = items(p.signerInfo);
    const signature = fields.find((f, i) => i > 3 && f.type === asn1.Type.OCTETSTRING) as Node;
    signature.value = sign('sha256', setDer, key).toString('binary');
  });
}

export function attribute(type: string, value: Node): Node {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(type).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [value]),
  ]);
}

export function oidNode(oid: string): Node {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes());
}

export function attributeType(node: Node): string {
  return asn1.derToOid(items(node)[0]?.value as string);
}
