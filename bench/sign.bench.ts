/**
 * Signing and verifying a document as the client does: a 20-line order in
 * canonical JSON, a detached CMS signature with an RSA-3072 device key (what
 * enrolment makes) and a certificate from the reference service's CA.
 * Run: npx tsx bench/sign.bench.ts. Prints only `#` and `bench` lines;
 * figures are medians over RUNS runs after WARMUP unmeasured ones.
 *
 * Figures:
 *   sign.order_ms          canonicalJsonBytes + signDetached of the order
 *   sign.native_rsa_ms     crypto.sign('sha256', …) of the same bytes with the same key: the floor
 *   sign.ratio_to_native   sign.order_ms / sign.native_rsa_ms (target ≤ 3)
 *   verify.order_ms        verifyDetached of that signature, chain and identity included (target ≤ 3)
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { canonicalJsonBytes, signDetached, verifyDetached, type CmsSigner } from '@shared/node/signing';
import { loadOrCreateAuthority } from '../src-server/ca/authority';
import { issueDeviceCertificate } from '../src-server/ca/issue';
import { median, time } from './support/timing';

const RUNS = 50;
const WARMUP = 10;

function measure(run: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) run();
  return median(Array.from({ length: RUNS }, () => time(run)));
}

function order(): unknown {
  return {
    id: '01890f4e-8a4c-7cc1-9f3e-0123456789ab',
    kind: 'in_stock',
    unitNumber: 'А1234',
    hromada: 'UA32080090000058377',
    note: 'Поставка до пункту збору, контактна особа — черговий',
    lines: Array.from({ length: 20 }, (_, i) => ({
      productId: `01890f4e-8a4c-7cc1-9f3e-${(0x1000 + i).toString(16).padStart(12, '0')}`,
      name: `FPV-дрон ударний 10" з відеопередавачем 5.8 ГГц, модель ${i}`,
      quantity: 1 + (i % 7),
      unitPriceKopiykas: 3_850_000 + i * 12_500,
      expectedDate: '2025-06-12',
    })),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-sign-'));
  try {
    const nowMs = Date.now();
    const ca = await loadOrCreateAuthority({ caKey: join(dir, 'ca-key.pem'), caCertificate: join(dir, 'ca-cert.pem') }, nowMs - 3600_000);
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
    const certificate = issueDeviceCertificate(ca, {
      publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
      claims: {
        personId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3d',
        username: 'olena',
        unitId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3e',
        unitNumber: 'А1234',
        roles: ['orderer', 'receiver'],
        deviceId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3f',
      },
      fullName: 'Коваленко Олена Іванівна',
      unitName: '12-та окрема бригада',
      nowMs,
    });
    const signer: CmsSigner = { certificatePem: certificate.pem, signSha256: (data) => sign('sha256', data, privateKey) };
    const trust = { caCertificatePems: [ca.certificatePem], requiredRole: 'orderer' as const };
    const document = order();
    const content = canonicalJsonBytes(document);
    const at = new Date();

    // The first signature parses the signer's certificate; later ones find it cached.
    const firstMs = time(() => signDetached(content, signer, at));
    const signature = signDetached(content, signer, at);
    verifyDetached(content, signature, trust);

    const signMs = measure(() => signDetached(canonicalJsonBytes(document), signer, new Date()));
    const nativeMs = measure(() => sign('sha256', content, privateKey));
    const verifyMs = measure(() => verifyDetached(content, signature, trust));

    console.log(`# 20-line order, ${content.length} bytes of canonical JSON; signature ${signature.length} bytes; RSA-3072; medians of ${RUNS} runs (+${WARMUP} warm-up)`);
    console.log(`# first signature, signer certificate not yet parsed: ${firstMs.toFixed(2)} ms`);
    console.log(`bench sign.order_ms ${signMs.toFixed(2)} ms`);
    console.log(`bench sign.native_rsa_ms ${nativeMs.toFixed(2)} ms`);
    console.log(`bench sign.ratio_to_native ${(signMs / nativeMs).toFixed(2)} x`);
    console.log(`bench verify.order_ms ${verifyMs.toFixed(2)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
