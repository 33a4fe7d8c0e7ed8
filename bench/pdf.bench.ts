/**
 * The PDF side of issue 6: producing the signed PDF of an expenditure
 * invoice as a laptop does (render the rendition, append the signer's
 * incremental signature with an RSA-3072 device key through native
 * signing), and rendering an acceptance certificate of 50 invoices.
 * Run: npx tsx bench/pdf.bench.ts. Prints only `#` and `bench` lines;
 * figures are medians over RUNS runs after WARMUP unmeasured ones.
 *
 * Figures:
 *   pdf.invoice_ms               renderDocumentPdf + signPdfIncrement of a 10-line invoice (target ≤ 300)
 *   pdf.render_ms                renderDocumentPdf of that invoice alone
 *   pdf.sign_increment_ms        signPdfIncrement alone (increment, CMS over the byte ranges, checks)
 *   pdf.certificate50_render_ms  renderDocumentPdf of an acceptance certificate listing 50 invoices
 *   pdf.assemble3_ms             assembleSignedPdf of that certificate from its base and three CMS blobs
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { assembleSignedPdf, pdfSignatureReasons, renderDocumentPdf, signPdfIncrement } from '@shared/node/pdf';
import { signDetached, type CmsSigner } from '@shared/node/signing';
import { loadOrCreateAuthority } from '../src-server/ca/authority';
import { issueDeviceCertificate } from '../src-server/ca/issue';
import { certificateContent, invoiceContent } from '../tests/shared/pdf/samples';
import { median, timeAsync } from './support/timing';

const RUNS = 25;
const WARMUP = 5;

async function measure(run: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(await timeAsync(run));
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-pdf-'));
  try {
    const nowMs = Date.now();
    const ca = await loadOrCreateAuthority({ caKey: join(dir, 'ca-key.pem'), caCertificate: join(dir, 'ca-cert.pem') }, nowMs - 3600_000);
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
    const fullName = 'Коваленко Олена Іванівна';
    const certificate = issueDeviceCertificate(ca, {
      publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
      claims: {
        personId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3d',
        username: 'olena',
        unitId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3e',
        unitNumber: 'А1234',
        roles: ['receiver', 'commander'],
        deviceId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3f',
      },
      fullName,
      unitName: '12-та окрема бригада',
      nowMs,
    });
    const signer: CmsSigner = { certificatePem: certificate.pem, signSha256: (data) => sign('sha256', data, privateKey) };
    const invoice = { kind: 'invoice' as const, content: invoiceContent(10) };
    const certificate50 = { kind: 'certificate' as const, content: certificateContent(50) };
    const at = new Date(Math.floor(nowMs / 1000) * 1000);
    const signPdf = (pdf: Uint8Array, reason: string): { pdf: Uint8Array; cms: Buffer } =>
      signPdfIncrement(pdf, { reason, signingTime: at, signerName: fullName }, (bytes) => signDetached(bytes, signer, at));

    const coldStart = performance.now();
    const invoicePdf = await renderDocumentPdf(invoice, 'uk');
    const coldMs = performance.now() - coldStart;

    const invoiceMs = await measure(async () => signPdf(await renderDocumentPdf(invoice, 'uk'), pdfSignatureReasons.supplier));
    const renderMs = await measure(() => renderDocumentPdf(invoice, 'uk'));
    const signMs = await measure(() => signPdf(invoicePdf, pdfSignatureReasons.supplier));
    const certificateMs = await measure(() => renderDocumentPdf(certificate50, 'uk'));

    const base = await renderDocumentPdf(certificate50, 'uk');
    const travelled: Array<{ reason: string; cms: Buffer }> = [];
    for (const reason of [pdfSignatureReasons.supplier, pdfSignatureReasons.commander, pdfSignatureReasons.agency]) {
      travelled.push({ reason, cms: signPdf(assembleSignedPdf(base, travelled), reason).cms });
    }
    const assembleMs = await measure(() => assembleSignedPdf(base, travelled));
    const signed = signPdf(invoicePdf, pdfSignatureReasons.supplier).pdf;

    console.log(`# 10-line invoice: ${invoicePdf.length} bytes, ${signed.length} signed; certificate of 50 invoices: ${base.length} bytes; RSA-3072; medians of ${RUNS} runs (+${WARMUP} warm-up)`);
    console.log(`# first render in a fresh process (font parsing and glyph mapping included): ${coldMs.toFixed(0)} ms`);
    console.log(`bench pdf.invoice_ms ${invoiceMs.toFixed(2)} ms`);
    console.log(`bench pdf.render_ms ${renderMs.toFixed(2)} ms`);
    console.log(`bench pdf.sign_increment_ms ${signMs.toFixed(2)} ms`);
    console.log(`bench pdf.certificate50_render_ms ${certificateMs.toFixed(2)} ms`);
    console.log(`bench pdf.assemble3_ms ${assembleMs.toFixed(2)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
