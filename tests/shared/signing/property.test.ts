import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, SignatureError, signDetached, verifyDetached, type SignatureTrust } from '@shared/node/signing';
import { AT, createFixture, NOW, orderLike, type Fixture, type Person } from './fixtures';

function problemOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof SignatureError ? error.problem : `not a SignatureError: ${String(error)}`;
  }
}

describe('detached CMS signatures: properties', () => {
  let fixture: Fixture;
  let olena: Person;
  let trust: SignatureTrust;

  beforeAll(async () => {
    fixture = await createFixture();
    olena = fixture.person({ username: 'olena', roles: ['orderer'] });
    trust = { caCertificatePems: [fixture.ca.certificatePem], requiredRole: 'orderer', now: NOW };
  });
  afterAll(() => fixture.close());

  it('signs and verifies any JSON object, and canonical form is a fixed point', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const content = canonicalJsonBytes(value);
        expect(canonicalJsonBytes(JSON.parse(content.toString('utf8')))).toEqual(content);
        expect(verifyDetached(content, signDetached(content, olena.signer, AT), trust).signer.personId).toBe(olena.claims.personId);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the content after any single-byte change', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (value, position, mask) => {
        const content = canonicalJsonBytes(value);
        const signature = signDetached(content, olena.signer, AT);
        const changed = Buffer.from(content);
        const index = position % changed.length;
        changed[index] = (changed[index] ?? 0) ^ mask;
        expect(problemOf(() => verifyDetached(changed, signature, trust))).toBe('digest_mismatch');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the signature after any single-byte change, always with a SignatureError', () => {
    const content = canonicalJsonBytes(orderLike());
    const signature = signDetached(content, olena.signer, AT);
    fc.assert(
      fc.property(fc.nat({ max: signature.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const changed = Buffer.from(signature);
        changed[index] = (changed[index] ?? 0) ^ mask;
        const problem = problemOf(() => verifyDetached(content, changed, trust));
        expect(problem).not.toBe('accepted');
        expect(problem).not.toMatch(/^not a SignatureError/);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws anything but SignatureError on arbitrary bytes or truncations', () => {
    const content = canonicalJsonBytes(orderLike(2));
    const signature = signDetached(content, olena.signer, AT);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.nat({ max: signature.length - 1 }).map((n) => signature.subarray(0, n))), (bytes) => {
        expect(problemOf(() => verifyDetached(content, bytes, trust))).toBe('malformed');
      }),
      { numRuns: 300 },
    );
  });
});
