/**
 * Checking an acceptance certificate as the commander's laptop does before
 * offering to sign: a certificate listing 50 invoices, each signed by the
 * supplier and received (signed) by the unit's receiver, the certificate
 * itself signed by the supplier, the commander and the agency. Every key is
 * RSA-3072 and every signature real, from the reference service's CA code.
 * Run: npx tsx bench/documents.bench.ts. Prints only `#` and `bench` lines;
 * figures are medians over RUNS runs after WARMUP unmeasured ones.
 *
 * Figures:
 *   verify.certificate50_ms   checkCertificate: 3 certificate signatures + 50 × (supplier + receipt) invoice
 *                             signatures, digests and line checks (target ≤ 100)
 *   verify.certificate50_cold_ms  the same, the first time: nothing about the certificates cached yet
 */
import { checkCertificate } from '@shared/node/documents';
import { UNIT } from '../tests/shared/signing/fixtures';
import { byId, createWorld, drawUpCertificate, issueInvoice, receiveInvoice, signCertificate } from '../tests/shared/documents/fixtures';
import { median, time } from './support/timing';

const INVOICES = 50;
const RUNS = 25;
const WARMUP = 5;

async function main(): Promise<void> {
  const world = await createWorld({ bits: 3072 });
  try {
    const invoices = Array.from({ length: INVOICES }, (_, i) => receiveInvoice(issueInvoice(world, i + 1), world.receiver, i % 7 === 0 ? { received: [1] } : {}));
    const drawnUp = drawUpCertificate(world, invoices);
    const certificate = signCertificate(signCertificate(drawnUp, 'unit', world.commander.signer), 'agency', world.agency.signer);
    const local = byId(invoices);
    const run = () => checkCertificate(certificate, local, world.trust, UNIT.id);

    const coldMs = time(run);
    const checked = run();
    const { supplier, unit, agency } = checked.signatures;
    // A figure for a check that failed would measure the wrong thing.
    if (!supplier.valid || !unit?.valid || !agency?.valid || checked.problem !== null || checked.invoices.some((i) => i.problem !== null)) {
      throw new Error(`the certificate does not check out: ${JSON.stringify(checked, null, 1).slice(0, 2000)}`);
    }

    for (let i = 0; i < WARMUP; i++) run();
    const cpuBefore = process.cpuUsage();
    const warmMs = median(Array.from({ length: RUNS }, () => time(run)));
    const cpu = process.cpuUsage(cpuBefore);

    console.log(`# ${INVOICES} invoices, each with a supplier and a receipt signature, + 3 certificate signatures = ${2 * INVOICES + 3} RSA-3072 signatures; medians of ${RUNS} runs (+${WARMUP} warm-up)`);
    // On a shared machine the wall clock includes waiting for a core; CPU time per run says what the check itself costs.
    console.log(`# CPU time per run (mean): ${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(2)} ms`);
    console.log(`bench verify.certificate50_ms ${warmMs.toFixed(2)} ms`);
    console.log(`bench verify.certificate50_cold_ms ${coldMs.toFixed(2)} ms`);
  } finally {
    world.close();
  }
}

await main();
