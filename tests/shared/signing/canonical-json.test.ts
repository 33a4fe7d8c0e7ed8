import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJsonBytes, sha256Hex } from '@shared/node/signing';

const text = (value: unknown) => canonicalJsonBytes(value).toString('utf8');

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops insignificant whitespace', () => {
    expect(text({ b: 1, a: [true, null, 'x'], A: { d: 2, c: 1 } })).toBe('{"A":{"c":1,"d":2},"a":[true,null,"x"],"b":1}');
    // RFC 8785 §3.2.3: by UTF-16 code units, so an emoji (a surrogate pair, 0xD83D…) sorts after € (0x20AC).
    expect(text({ '€': 1, '\r': 2, '😀': 3, ö: 4 })).toBe('{"\\r":2,"ö":4,"€":1,"😀":3}');
  });

  it('writes numbers the ECMAScript way and strings as UTF-8', () => {
    expect(text([1e21, 1e-7, 0.1, -0, 100, 385_000_000])).toBe('[1e+21,1e-7,0.1,0,100,385000000]');
    expect(canonicalJsonBytes({ name: 'Коваленко' })).toEqual(Buffer.from('{"name":"Коваленко"}', 'utf8'));
  });

  it('gives the same bytes for the same document built in another order', () => {
    expect(canonicalJsonBytes({ id: 'x', lines: [{ q: 1, p: 2 }] })).toEqual(canonicalJsonBytes({ lines: [{ p: 2, q: 1 }], id: 'x' }));
  });

  it('refuses what JSON cannot represent', () => {
    for (const value of [undefined, NaN, Infinity, { a: NaN }, [Infinity], { a: () => 1 }, [() => 1], [[() => 1], 1], { a: [1, () => 1] }, 10n, { s: '\ud800' }, () => 1]) {
      expect(() => canonicalJsonBytes(value), String(value)).toThrow(CanonicalJsonError);
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJsonBytes(cycle)).toThrow(CanonicalJsonError);
  });

  it('hashes to lower-case hex', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
