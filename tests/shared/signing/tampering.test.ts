import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes, SignatureError, signDetached, verifyDetached, type SignatureProblem, type SignatureTrust } from '@shared/node/signing';
import { CMS_OID } from '@shared/node/signing/oids';
import { AT, attributeType, createFixture, edit, items, NOW, orderLike, T0, type Fixture, type Person } from './fixtures';

function expectProblem(run: () => unknown, problem: SignatureProblem): SignatureError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).problem, (error as Error).message).toBe(problem);
    return error as SignatureError;
  }
  throw new Error(`expected a ${problem} SignatureError`);
}

describe('detached CMS signatures: tampering is caught', () => {
  let fixture: Fixture;
  let olena: Person;
  let taras: Person;
  let stranger: Person;
  let trust: SignatureTrust;
  const order = orderLike();
  let content: Buffer;
  let signature: Buffer;

  beforeAll(async () => {
    fixture = await createFixture();
    olena = fixture.person({ username: 'olena', roles: ['orderer'] });
    taras = fixture.person({ username: 'taras', roles: ['orderer', 'commander'] });
    stranger = fixture.person({ username: 'olena', roles: ['orderer'], ca: fixture.otherCa });
    trust = { caCertificatePems: [fixture.ca.certificatePem], now: NOW };
    content = canonicalJsonBytes(order);
    signature = signDetached(content, olena.signer, AT);
  });
  afterAll(() => fixture.close());

  it('accepts the untouched order, whatever order its keys were written in', () => {
    const reordered = { lines: order.lines.map(({ unitPriceKopiykas, quantity, productId }) => ({ unitPriceKopiykas, quantity, productId })), hromada: order.hromada, unitNumber: order.unitNumber, kind: order.kind, id: order.id };
    expect(verifyDetached(canonicalJsonBytes(reordered), signature, trust).signer.username).toBe('olena');
  });

  it('refuses content with any byte changed', () => {
    for (const index of [0, 1, Math.floor(content.length / 2), content.length - 1]) {
      const changed = Buffer.from(content);
      changed[index] = (changed[index] ?? 0) ^ 0x20;
      expectProblem(() => verifyDetached(changed, signature, trust), 'digest_mismatch');
    }
    expectProblem(() => verifyDetached(content.subarray(0, -1), signature, trust), 'digest_mismatch');
    expectProblem(() => verifyDetached(Buffer.concat([content, Buffer.from(' ')]), signature, trust), 'digest_mismatch');
  });

  it('refuses the order with a quantity, a price or the line order changed', () => {
    const variants = [
      { ...order, lines: order.lines.map((line, i) => (i === 7 ? { ...line, quantity: line.quantity + 1 } : line)) },
      { ...order, lines: order.lines.map((line, i) => (i === 3 ? { ...line, unitPriceKopiykas: line.unitPriceKopiykas - 1 } : line)) },
      { ...order, lines: [order.lines[1], order.lines[0], ...order.lines.slice(2)] },
      { ...order, lines: order.lines.slice(0, -1) },
    ];
    for (const variant of variants) expectProblem(() => verifyDetached(canonicalJsonBytes(variant), signature, trust), 'digest_mismatch');
  });

  it("refuses another person's certificate put in place of the signer's", () => {
    const tarasCertificate = forge.asn1.fromDer(forge.pem.decode(taras.certificate.pem)[0]?.body ?? '');
    const swapped = edit(signature, (p) => {
      p.certificates.value = [tarasCertificate];
    });
    expectProblem(() => verifyDetached(content, swapped, trust), 'no_signer_certificate');

    // And with the SignerInfo rewritten to name Taras as well: the signature is not his.
    const renamed = edit(swapped, (p) => {
      const tbs = items(items(tarasCertificate)[0]);
      const sid = items(p.signerInfo)[1] as forge.asn1.Asn1;
      sid.value = [tbs[3] as forge.asn1.Asn1, tbs[1] as forge.asn1.Asn1];
    });
    expectProblem(() => verifyDetached(content, renamed, trust), 'bad_signature');
  });

  it('refuses a certificate from a CA it does not trust', () => {
    const foreign = signDetached(content, stranger.signer, AT);
    const error = expectProblem(() => verifyDetached(content, foreign, trust), 'untrusted_certificate');
    expect(error.certificateProblem).toBe('untrusted');
    expect(verifyDetached(content, foreign, { ...trust, caCertificatePems: [fixture.otherCa.certificatePem] }).signer.username).toBe('olena');
  });

  it('refuses a signing time outside the certificate validity', () => {
    const early = signDetached(content, olena.signer, new Date(T0 - 3600_000));
    expectProblem(() => verifyDetached(content, early, trust), 'not_valid_at_signing_time');
    const late = new Date(olena.certificate.notAfter + 1000);
    const error = expectProblem(() => verifyDetached(content, signDetached(content, olena.signer, late), { ...trust, now: late }), 'not_valid_at_signing_time');
    expect(error.certificateProblem).toBe('expired');
  });

  it('keeps a signature made while the certificate was valid valid after it expires', () => {
    expect(verifyDetached(content, signature, { ...trust, now: new Date(olena.certificate.notAfter + 400 * 24 * 3600_000) }).signingTime).toEqual(AT);
  });

  it('refuses a signing time more than a day ahead of the verifier', () => {
    expectProblem(() => verifyDetached(content, signature, { ...trust, now: new Date(AT.getTime() - 25 * 3600_000) }), 'signing_time_in_future');
    expect(verifyDetached(content, signature, { ...trust, now: new Date(AT.getTime() - 23 * 3600_000) }).signingTime).toEqual(AT);
  });

  it('refuses a signing time altered after signing', () => {
    const altered = edit(signature, (p) => {
      const attribute = items(p.signedAttributes).find((a) => attributeType(a) === CMS_OID.signingTime);
      const time = items(items(attribute)[1])[0] as forge.asn1.Asn1;
      time.value = forge.asn1.dateToUtcTime(new Date(AT.getTime() + 3600_000));
    });
    expectProblem(() => verifyDetached(content, altered, trust), 'bad_signature');
  });

  it('refuses a signature value with a bit flipped', () => {
    const flipped = edit(signature, (p) => {
      const value = items(p.signerInfo)[5] as forge.asn1.Asn1;
      const bytes = Buffer.from(value.value as string, 'binary');
      bytes[17] = (bytes[17] ?? 0) ^ 1;
      value.value = bytes.toString('binary');
    });
    expectProblem(() => verifyDetached(content, flipped, trust), 'bad_signature');
  });

  it('refuses a signer without the required role', () => {
    expectProblem(() => verifyDetached(content, signature, { ...trust, requiredRole: 'commander' }), 'role_missing');
    const byTaras = signDetached(content, taras.signer, AT);
    expect(verifyDetached(content, byTaras, { ...trust, requiredRole: 'commander' }).signer.roles).toContain('commander');
  });
});
