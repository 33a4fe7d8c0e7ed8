import canonicalize from 'canonicalize';

/**
 * The bytes a document's signature covers: its RFC 8785 canonical JSON in
 * UTF-8, so the same document signs and verifies the same on every machine
 * whatever the key order or number formatting it was built with.
 */

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJsonBytes(value: unknown): Buffer {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    // NaN, Infinity, lone surrogates, cycles, BigInt.
    throw new CanonicalJsonError(`the value has no canonical JSON form: ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) throw new CanonicalJsonError(`the value has no canonical JSON form: ${typeof value} at the top level`);
  refuseFunctions(value, '$', new Set());
  return Buffer.from(text, 'utf8');
}

/**
 * The library writes a function nested in an object as the bare text
 * "undefined" and drops one from an array (`[f]` becomes `[]`), so a
 * document holding one would be signed as something other than itself.
 */
function refuseFunctions(value: unknown, path: string, seen: Set<object>): void {
  if (typeof value === 'function') throw new CanonicalJsonError(`the value has no canonical JSON form: ${path} is a function`);
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item: unknown, i) => refuseFunctions(item, `${path}[${i}]`, seen));
  else for (const [key, item] of Object.entries(value)) refuseFunctions(item, `${path}.${key}`, seen);
}
