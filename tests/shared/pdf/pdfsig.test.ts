import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSignedPdf, pdfSignatureReasons, renderDocumentPdf } from '@shared/node/pdf';
import { OID, utf8Attribute } from '@shared/node/identity';
import type { CmsSigner } from '@shared/node/signing';
import { createFixture, type Fixture, type Person } from '../signing/fixtures';
import { CERTUTIL, missing, PDFSIG, pdfsig, signAs, tempDir } from './helpers';
import { certificateContent } from './samples';

/**
 * A standard verifier's view (poppler's pdfsig, over NSS) of an acceptance
 * certificate exported with its three signatures, rebuilt from the CMS
 * blobs the way a laptop rebuilds it.
 */
describe('pdfsig: the three signatures of an acceptance certificate', () => {
  const skip = missing(PDFSIG);
  let fixture: Fixture;
  let signers: Person[];
  let signed: Uint8Array;
  const nowMs = Date.now();
  const times = [0, 5, 9].map((minutes) => new Date(Math.floor(nowMs / 1000) * 1000 - (60 - minutes) * 60_000));
  const reasons = [pdfSignatureReasons.supplier, pdfSignatureReasons.commander, pdfSignatureReasons.agency];

  beforeAll(async () => {
    fixture = await createFixture();
    // Certificates valid today, so that pdfsig judges the signatures and not their age.
    signers = ['supplier', 'commander', 'agency'].map((username) => fixture.person({ username, roles: ['commander'], nowMs: nowMs - 2 * 3600_000 }));
    const base = await renderDocumentPdf({ kind: 'certificate', content: certificateContent(50) }, 'uk');
    const travelled: Array<{ reason: string; cms: Buffer }> = [];
    for (const [i, signer] of signers.entries()) {
      const made = signAs(assembleSignedPdf(base, travelled), signer, reasons[i] as string, times[i] as Date);
      travelled.push({ reason: reasons[i] as string, cms: made.cms });
    }
    signed = assembleSignedPdf(base, travelled);
  });
  afterAll(() => fixture.close());

  it.skipIf(skip)('reports every signature valid, with its signer and time, the last covering the whole document', () => {
    const { output, signatures } = pdfsig(signed);
    expect(signatures, output).toHaveLength(3);
    for (const [i, signature] of signatures.entries()) {
      expect(signature.validation, output).toBe('Signature is Valid.');
      expect(signature.commonName).toBe(signers[i]?.fullName);
      expect(signature.totalDocument).toBe(i === 2);
    }
    // The CA is private, so pdfsig cannot say the certificates are trusted; it must not call them expired or revoked.
    for (const signature of signatures) expect(signature.certificate).not.toMatch(/Expired|Revoked/u);
  });

  it.skipIf(skip)('reports every signature invalid once a signed byte has changed', () => {
    // The document's title, "Акт …" (U+0410 first), becomes "Бкт …": one hex digit of the base rendition.
    const text = Buffer.from(signed).toString('latin1');
    const at = text.indexOf('/Title <FEFF0410');
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered[at + '/Title <FEFF041'.length] = '1'.charCodeAt(0);
    const { output, signatures } = pdfsig(tampered);
    expect(signatures, output).toHaveLength(3);
    for (const signature of signatures) expect(signature.validation, output).toBe('Digest Mismatch.');
  });

  it.skipIf(skip)('reports a signature added after the last one as breaking nothing before it', () => {
    const later = signAs(signed, signers[0] as Person, 'Перевірка / Check', new Date(Math.floor(nowMs / 1000) * 1000));
    const { output, signatures } = pdfsig(later.pdf);
    expect(signatures.map((s) => s.validation), output).toEqual(Array(4).fill('Signature is Valid.'));
  });

  /**
   * NSS, under pdfsig, checks a PDF signer's certificate for the e-mail
   * signer usage, which wants id-kp-emailProtection in the extended key
   * usage; our device certificates name clientAuth and documentSigning
   * (RFC 9336) only, so pdfsig reports an "unknown issue" with them even
   * when our CA is trusted. A certificate from the same CA that also names
   * emailProtection shows that the chain to our CA and the signature are
   * otherwise all a verifier needs.
   */
  it.skipIf(skip ?? missing(CERTUTIL))('reports the certificate trusted once our CA is trusted and the certificate is fit for the e-mail signer usage', async () => {
    const { dir, close } = tempDir();
    try {
      writeFileSync(join(dir, 'ca.pem'), fixture.ca.certificatePem);
      for (const args of [
        ['-N', '-d', `sql:${dir}`, '--empty-password'],
        ['-A', '-d', `sql:${dir}`, '-n', 'quartermaster-ca', '-t', 'C,C,C', '-i', join(dir, 'ca.pem')],
      ]) {
        const result = spawnSync(CERTUTIL, args, { encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
      }
      const signer = emailSigner(fixture, 'Шевченко Андрій Петрович', nowMs);
      const at = new Date(Math.floor(nowMs / 1000) * 1000);
      const base = await renderDocumentPdf({ kind: 'certificate', content: certificateContent(2) }, 'en');
      const made = signAs(base, { ...(signers[0] as Person), fullName: 'Шевченко Андрій Петрович', signer }, pdfSignatureReasons.supplier, at);
      const trusted = pdfsig(made.pdf, { nssDir: dir });
      expect(trusted.signatures.map((s) => [s.validation, s.certificate]), trusted.output).toEqual([['Signature is Valid.', 'Certificate is Trusted.']]);
      const untrusted = pdfsig(made.pdf);
      expect(untrusted.signatures[0]?.certificate).not.toBe('Certificate is Trusted.');
    } finally {
      close();
    }
  });
});

function emailSigner(fixture: Fixture, commonName: string, nowMs: number): CmsSigner {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = '0badc0de01';
  certificate.validity.notBefore = new Date(nowMs - 3600_000);
  certificate.validity.notAfter = new Date(nowMs + 24 * 3600_000);
  certificate.setSubject([{ type: OID.countryName, value: 'UA' }, utf8Attribute(OID.commonName, commonName)]);
  certificate.setIssuer(fixture.ca.certificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true, [OID.ekuDocumentSigning]: true },
  ]);
  fixture.ca.sign(certificate);
  return { certificatePem: forge.pki.certificateToPem(certificate), signSha256: (data) => sign('sha256', data, privateKey) };
}
