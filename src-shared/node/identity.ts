import forge from 'node-forge';
import { z } from 'zod';
import { EdrpouSchema } from '../service/catalogue';
import { RoleSchema, UnitNumberSchema, UsernameSchema, type Role } from '../service/common';

/**
 * How a device certificate names its holder. Two places, on purpose:
 *
 * 1. The subject, for people and for generic X.509 tools:
 *      C=UA, O=<unit name>, OU=<unit number>, CN=<person's full name>, UID=<username>
 *    (strings UTF-8 encoded, since names are Cyrillic).
 *
 * 2. A non-critical extension, for software, so roles and ids never have to
 *    be parsed out of display strings:
 *
 *      id-qm-deviceIdentity OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 32473 1 1 }
 *      DeviceIdentity ::= SEQUENCE {
 *        version     INTEGER (1),
 *        personId    UTF8String,   -- UUID
 *        username    UTF8String,
 *        unitId      UTF8String,   -- UUID
 *        unitNumber  UTF8String,   -- А1234 / В1234 / 3017
 *        roles       SEQUENCE OF UTF8String,   -- orderer | receiver | commander
 *        deviceId    UTF8String    -- UUID, the service's id for this laptop
 *      }
 *
 * The OID sits under 1.3.6.1.4.1.32473, the enterprise number IANA reserves
 * for documentation and examples (RFC 5612), which suits a reference
 * service; a production CA would use its own enterprise number and change
 * only this constant. (A UUID-based 2.25 OID was the first choice, but forge
 * cannot encode or even parse arcs above 2^32 or 2^53.) A CSR carries only
 * CN and UID; the CA builds everything else from its own records.
 *
 * Organisations (a supplier, the agency) sign invoices and acceptance
 * certificates with certificates of their own, laid out the same way:
 *
 *   subject: C=UA, O=<legal name>, CN=<legal name>,
 *            organizationIdentifier=NTRUA-<ЄДРПОУ>   (ETSI EN 319 412-1 §5.1.4)
 *
 *   id-qm-organisationIdentity OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 32473 1 2 }
 *   OrganisationIdentity ::= SEQUENCE {
 *     version         INTEGER (1),
 *     kind            UTF8String,   -- supplier | agency
 *     organisationId  UTF8String,   -- UUID, the service's id for the organisation
 *     edrpou          UTF8String,   -- ЄДРПОУ, 8 digits
 *     name            UTF8String    -- legal name
 *   }
 *
 * A certificate carries one of the two extensions, never both, so a person
 * can never pass for an organisation or the other way round.
 */

export const DEVICE_IDENTITY_OID = '1.3.6.1.4.1.32473.1.1';
export const DEVICE_IDENTITY_VERSION = 1;

export const OID = {
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  userId: '0.9.2342.19200300.100.1.1',
  /** X.520 organizationIdentifier: "NTRUA-" + ЄДРПОУ for a Ukrainian legal entity. */
  organizationIdentifier: '2.5.4.97',
  /** RFC 5280 id-kp-clientAuth. */
  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  /** RFC 9336 id-kp-documentSigning: the key signs orders, invoices and certificates. */
  ekuDocumentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

export const DeviceIdentityClaimsSchema = z
  .object({
    personId: z.uuid(),
    username: UsernameSchema,
    unitId: z.uuid(),
    unitNumber: UnitNumberSchema,
    roles: z.array(RoleSchema).min(1),
    deviceId: z.uuid(),
  })
  .strict();
export type DeviceIdentityClaims = z.infer<typeof DeviceIdentityClaimsSchema>;

/** Everything a certificate says about its holder: the extension plus the display names of the subject. */
export interface DeviceIdentity extends DeviceIdentityClaims {
  fullName: string;
  unitName: string;
}

export const ORGANISATION_IDENTITY_OID = '1.3.6.1.4.1.32473.1.2';
export const ORGANISATION_IDENTITY_VERSION = 1;

export const organisationKinds = ['supplier', 'agency'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const OrganisationIdentitySchema = z
  .object({
    kind: z.enum(organisationKinds),
    organisationId: z.uuid(),
    edrpou: EdrpouSchema,
    name: z.string().min(1).max(300),
  })
  .strict();
/** What an organisation certificate says about its holder; everything is in the extension. */
export type OrganisationIdentity = z.infer<typeof OrganisationIdentitySchema>;

/** ETSI's semantics identifier for a national trade register number: NTR + country + '-' + number. */
export function organisationIdentifier(edrpou: string): string {
  return `NTRUA-${edrpou}`;
}

/**
 * Whoever a certificate names, told apart by `kind`: a person of a unit
 * (`person`), or an organisation (`supplier`, `agency`). One discriminant
 * for both, so a check for "a supplier" cannot match a person by accident.
 */
export type SignerIdentity = ({ kind: 'person' } & DeviceIdentity) | OrganisationIdentity;
/** What a document may require of its signer: a person's role, or an organisation's kind. */
export type SignerRole = Role | OrganisationKind;

const { asn1 } = forge;

function utf8String(value: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(value));
}

export function encodeDeviceIdentity(claims: DeviceIdentityClaims): forge.asn1.Asn1 {
  const checked = DeviceIdentityClaimsSchema.parse(claims);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(DEVICE_IDENTITY_VERSION).getBytes()),
    utf8String(checked.personId),
    utf8String(checked.username),
    utf8String(checked.unitId),
    utf8String(checked.unitNumber),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, checked.roles.map(utf8String)),
    utf8String(checked.deviceId),
  ]);
}

export class IdentityFormatError extends Error {
  override name = 'IdentityFormatError';
}

function readUtf8(node: forge.asn1.Asn1 | undefined, what: string): string {
  if (!node || node.tagClass !== asn1.Class.UNIVERSAL || node.type !== asn1.Type.UTF8 || typeof node.value !== 'string') {
    throw new IdentityFormatError(`${what} is not a UTF8String`);
  }
  return decodeUtf8(node.value, what);
}

/** Decode the extension's DER (as forge bytes) and check every claim. */
export function decodeDeviceIdentity(der: string): DeviceIdentityClaims {
  let root: forge.asn1.Asn1;
  try {
    root = asn1.fromDer(der, true);
  } catch {
    throw new IdentityFormatError('identity extension is not DER');
  }
  const parts = root.value;
  if (root.type !== asn1.Type.SEQUENCE || !Array.isArray(parts) || parts.length !== 7) {
    throw new IdentityFormatError('identity extension is not a 7-element SEQUENCE');
  }
  const [version, personId, username, unitId, unitNumber, rolesNode, deviceId] = parts;
  if (!version || version.type !== asn1.Type.INTEGER || typeof version.value !== 'string' || asn1.derToInteger(version.value) !== DEVICE_IDENTITY_VERSION) {
    throw new IdentityFormatError('unknown identity extension version');
  }
  if (!rolesNode || rolesNode.type !== asn1.Type.SEQUENCE || !Array.isArray(rolesNode.value)) {
    throw new IdentityFormatError('roles is not a SEQUENCE');
  }
  const claims = {
    personId: readUtf8(personId, 'personId'),
    username: readUtf8(username, 'username'),
    unitId: readUtf8(unitId, 'unitId'),
    unitNumber: readUtf8(unitNumber, 'unitNumber'),
    roles: rolesNode.value.map((node, i) => readUtf8(node, `roles[${i}]`)) as Role[],
    deviceId: readUtf8(deviceId, 'deviceId'),
  };
  const parsed = DeviceIdentityClaimsSchema.safeParse(claims);
  if (!parsed.success) throw new IdentityFormatError(`identity extension claims are invalid: ${parsed.error.message}`);
  return parsed.data;
}

export function encodeOrganisationIdentity(identity: OrganisationIdentity): forge.asn1.Asn1 {
  const checked = OrganisationIdentitySchema.parse(identity);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(ORGANISATION_IDENTITY_VERSION).getBytes()),
    utf8String(checked.kind),
    utf8String(checked.organisationId),
    utf8String(checked.edrpou),
    utf8String(checked.name),
  ]);
}

/** Decode the organisation extension's DER (as forge bytes) and check every field. */
export function decodeOrganisationIdentity(der: string): OrganisationIdentity {
  let root: forge.asn1.Asn1;
  try {
    root = asn1.fromDer(der, true);
  } catch {
    throw new IdentityFormatError('organisation identity extension is not DER');
  }
  const parts = root.value;
  if (root.type !== asn1.Type.SEQUENCE || !Array.isArray(parts) || parts.length !== 5) {
    throw new IdentityFormatError('organisation identity extension is not a 5-element SEQUENCE');
  }
  const [version, kind, organisationId, edrpou, name] = parts;
  if (!version || version.type !== asn1.Type.INTEGER || typeof version.value !== 'string' || asn1.derToInteger(version.value) !== ORGANISATION_IDENTITY_VERSION) {
    throw new IdentityFormatError('unknown organisation identity extension version');
  }
  const parsed = OrganisationIdentitySchema.safeParse({
    kind: readUtf8(kind, 'kind'),
    organisationId: readUtf8(organisationId, 'organisationId'),
    edrpou: readUtf8(edrpou, 'edrpou'),
    name: readUtf8(name, 'name'),
  });
  if (!parsed.success) throw new IdentityFormatError(`organisation identity claims are invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Forge keeps attribute values as raw bytes; UTF8String values must be decoded to text. */
export function attributeText(attribute: { value?: unknown; valueTagClass?: unknown }): string {
  if (typeof attribute.value !== 'string') throw new IdentityFormatError('attribute value is not a string');
  if (attribute.valueTagClass === asn1.Type.UTF8) return decodeUtf8(attribute.value, 'attribute');
  return attribute.value;
}

function decodeUtf8(bytes: string, what: string): string {
  try {
    return forge.util.decodeUtf8(bytes);
  } catch {
    throw new IdentityFormatError(`${what} is not valid UTF-8`);
  }
}

/** One attribute of a distinguished name, UTF-8 encoded so Cyrillic survives. */
export function utf8Attribute(type: string, value: string): forge.pki.CertificateField {
  return { type, value, valueTagClass: asn1.Type.UTF8 as unknown as forge.pki.CertificateField['valueTagClass'] };
}

/** Names are compared in Unicode NFC so the same name typed on two keyboards still matches. */
export function sameName(a: string, b: string): boolean {
  return a.normalize('NFC') === b.normalize('NFC');
}
