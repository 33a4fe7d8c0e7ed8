import forge from 'node-forge';
import { SignatureError } from './errors';

/**
 * Reading DER with forge's parser, where every unexpected shape becomes a
 * SignatureError('malformed') naming what was expected. Signatures come from
 * the network and from other laptops: nothing here may throw anything else.
 */

export type Node = forge.asn1.Asn1;

const { Class, Type } = forge.asn1;

/** forge's fromDer takes an options object its type declarations do not describe. */
const fromDer = forge.asn1.fromDer as unknown as (
  bytes: string,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean; maxDepth: number },
) => Node;

export function malformed(message: string, cause?: unknown): SignatureError {
  return new SignatureError('malformed', message, { cause });
}

/** Parse a whole buffer; trailing bytes, bad lengths and deep nesting are malformed. */
export function parseDer(bytes: Uint8Array, what: string): Node {
  try {
    // A SignedData with its certificate nests about ten deep; 64 stops pathological nesting early.
    return fromDer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary'), {
      strict: true,
      parseAllBytes: true,
      decodeBitStrings: false,
      maxDepth: 64,
    });
  } catch (error) {
    throw malformed(`${what} is not DER: ${(error as Error).message}`, error);
  }
}

function isUniversal(node: Node | undefined, type: forge.asn1.Type, constructed: boolean): node is Node {
  return node !== undefined && node.tagClass === Class.UNIVERSAL && node.type === type && node.constructed === constructed;
}

function children(node: Node, what: string): Node[] {
  if (!Array.isArray(node.value)) throw malformed(`${what} is not constructed`);
  return node.value;
}

export function sequence(node: Node | undefined, what: string, min = 0, max = Infinity): Node[] {
  if (!isUniversal(node, Type.SEQUENCE, true)) throw malformed(`${what} is not a SEQUENCE`);
  const items = children(node, what);
  if (items.length < min || items.length > max) throw malformed(`${what} has ${items.length} elements`);
  return items;
}

export function set(node: Node | undefined, what: string): Node[] {
  if (!isUniversal(node, Type.SET, true)) throw malformed(`${what} is not a SET`);
  return children(node, what);
}

/** The items of a constructed [n] context-specific node (EXPLICIT wrappers and IMPLICIT SETs alike). */
export function contextItems(node: Node | undefined, tag: number, what: string): Node[] {
  if (!isContext(node, tag) || !node.constructed) throw malformed(`${what} is not a constructed [${tag}]`);
  return children(node, what);
}

export function isContext(node: Node | undefined, tag: number): node is Node {
  return node !== undefined && node.tagClass === Class.CONTEXT_SPECIFIC && node.type === tag;
}

function primitive(node: Node | undefined, type: forge.asn1.Type, typeName: string, what: string): string {
  if (!isUniversal(node, type, false) || typeof node.value !== 'string') throw malformed(`${what} is not ${typeName}`);
  return node.value;
}

export function oid(node: Node | undefined, what: string): string {
  const bytes = primitive(node, Type.OID, 'an OBJECT IDENTIFIER', what);
  try {
    return forge.asn1.derToOid(bytes);
  } catch (error) {
    throw malformed(`${what} is not a valid OBJECT IDENTIFIER`, error);
  }
}

export function octetString(node: Node | undefined, what: string): Buffer {
  return Buffer.from(primitive(node, Type.OCTETSTRING, 'an OCTET STRING', what), 'binary');
}

/** The INTEGER's content octets as written, for comparing serial numbers exactly. */
export function integerBytes(node: Node | undefined, what: string): Buffer {
  const bytes = Buffer.from(primitive(node, Type.INTEGER, 'an INTEGER', what), 'binary');
  if (bytes.length === 0) throw malformed(`${what} is an empty INTEGER`);
  return bytes;
}

export function isNull(node: Node | undefined): boolean {
  return isUniversal(node, Type.NULL, false) && node.value === '';
}

export function isUtcTime(node: Node | undefined): node is Node {
  return isUniversal(node, Type.UTCTIME, false);
}

export function isGeneralizedTime(node: Node | undefined): node is Node {
  return isUniversal(node, Type.GENERALIZEDTIME, false);
}

export function toDer(node: Node): Buffer {
  try {
    return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
  } catch (error) {
    throw malformed('a part of the signature cannot be re-encoded', error);
  }
}
