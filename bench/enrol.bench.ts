/**
 * Enrolment end to end on loopback, as the officer's laptop does it: login
 * with password, a real TOTP code and a one-time enrolment code, then key
 * generation, CSR, issue by the service's CA, and storing the identity in
 * the encrypted database. Run: npx tsx bench/enrol.bench.ts. Prints only
 * `#` and `bench` lines; figures are medians over RUNS runs, except
 * max_stall_ms, the worst event-loop stall seen in any run.
 *
 * The service runs in a child process, so the event loop measured here
 * carries the client core's work only, as the Electron main process would.
 * TOTP codes are good once per 30-second step per person, so every run
 * enrols a different person.
 *
 * Figures:
 *   enrol.login_ms     enrolmentLogin (POST /v1/auth/login; the service's password hash dominates)
 *   enrol.vault_ms     creating the vault (scrypt at OWASP cost) and the database
 *   enrol.keygen_ms    RSA-3072 key pair on forge's native path
 *   enrol.total_ms     the enrolment proper: keygen, CSR, issue, store (target < 2000)
 *   enrol.wizard_ms    everything the officer waits for: login + vault + enrolment
 *   enrol.max_stall_ms largest event-loop stall during login and enrolment (UI path; keep < ~50)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generate } from 'otplib';
import type { CoreEvent } from '@shared/api/contract';
import { createCore } from '../src-main/core/create-core';
import { dataPaths } from '../src-server/paths';
import { issueEnrolmentCode } from '../src-server/provisioning/enrolment-codes';
import { addPerson } from '../src-server/provisioning/persons';
import { addUnit } from '../src-server/provisioning/units';
import { startService } from '../src-server/service';
import { openDatabase } from '../src-server/store/database';
import { median } from './support/timing';

const RUNS = 5;
const WARMUP = 1;
const PASSPHRASE = 'Тиха ніч над Дніпром 1943';
const quiet = { info: () => {}, warn: () => {}, error: (message: string, detail?: unknown) => console.error(`# ${message}`, detail ?? '') };

interface Officer {
  username: string;
  password: string;
  totpSecret: string;
  enrolmentCode: string;
}

/** The child: the reference service alone, reporting its address on stdout, until its stdin closes. */
async function serveChild(dataDir: string): Promise<void> {
  const service = await startService({ dataDir, host: '127.0.0.1', port: 0, log: quiet });
  process.stdout.write(`${JSON.stringify({ url: service.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void service.close().then(() => process.exit(0));
  });
}

async function startChildService(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--service', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { url, child };
}

async function provision(serviceDir: string, count: number): Promise<Officer[]> {
  const db = openDatabase(dataPaths(serviceDir).database);
  const now = () => Date.now();
  try {
    addUnit(db, now, { name: 'Бригада А1234', number: 'А1234', tier: 1 });
    const officers: Officer[] = [];
    for (let i = 0; i < count; i += 1) {
      const username = `bench-officer-${i}`;
      const added = await addPerson(db, now, { unit: 'А1234', fullName: `Коваленко Олена ${i}`, username, roles: ['orderer', 'receiver'] });
      const code = issueEnrolmentCode(db, now, { username });
      officers.push({ username, password: added.password, totpSecret: added.totpSecret, enrolmentCode: code.code });
    }
    return officers;
  } finally {
    db.close();
  }
}

/** The largest gap between 5 ms ticks beyond the 5 ms itself: how long the loop could not paint or answer IPC. */
function stallMonitor(): { stop(): number } {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - 5);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}

interface Run {
  loginMs: number;
  vaultMs: number;
  keygenMs: number;
  totalMs: number;
  wizardMs: number;
  stallMs: number;
}

async function enrolOnce(url: string, officer: Officer, workDir: string): Promise<Run> {
  const core = createCore({ dataDir: join(workDir, officer.username), appVersion: 'bench', log: quiet });
  const at: Partial<Record<string, number>> = {};
  core.onEvent((event: CoreEvent) => {
    if (event.type === 'enrolment') at[event.step] = performance.now();
  });
  const call = async (method: string, payload: unknown) => {
    const envelope = await core.dispatch(method, payload);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };
  try {
    const totp = await generate({ secret: officer.totpSecret, epoch: Math.floor(Date.now() / 1000) });
    const monitor = stallMonitor();
    const started = performance.now();
    await call('enrolmentLogin', { serviceUrl: url, username: officer.username, password: officer.password, enrolmentCode: officer.enrolmentCode, totp });
    const loggedIn = performance.now();
    await call('enrolmentComplete', { passphrase: PASSPHRASE });
    const finished = performance.now();
    const stallMs = monitor.stop();
    const { keygen, csr } = at;
    if (keygen === undefined || csr === undefined) throw new Error('enrolment events missing');
    return {
      loginMs: loggedIn - started,
      vaultMs: keygen - loggedIn,
      keygenMs: csr - keygen,
      totalMs: finished - keygen,
      wizardMs: finished - started,
      stallMs,
    };
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'qm-bench-enrol-'));
  const serviceDir = join(root, 'service');
  let child: ChildProcess | undefined;
  try {
    // Provision first (the service's password hashing is slow on purpose), then start the service on the same data.
    const officers = await provision(serviceDir, RUNS + WARMUP);
    const started = await startChildService(serviceDir);
    child = started.child;
    const runs: Run[] = [];
    for (const [index, officer] of officers.entries()) {
      const run = await enrolOnce(started.url, officer, join(root, 'laptops'));
      if (index >= WARMUP) runs.push(run);
    }
    const figure = (pick: (run: Run) => number) => median(runs.map(pick)).toFixed(1);
    console.log(`# enrolment on loopback, ${RUNS} runs (+${WARMUP} warm-up), RSA-3072, service in a child process`);
    console.log(`bench enrol.login_ms ${figure((r) => r.loginMs)} ms`);
    console.log(`bench enrol.vault_ms ${figure((r) => r.vaultMs)} ms`);
    console.log(`bench enrol.keygen_ms ${figure((r) => r.keygenMs)} ms`);
    console.log(`bench enrol.total_ms ${figure((r) => r.totalMs)} ms`);
    console.log(`bench enrol.wizard_ms ${figure((r) => r.wizardMs)} ms`);
    // The worst single stall is sensitive to whatever else the machine is doing; the per-run figures show how much.
    console.log(`# per-run largest stall: ${runs.map((r) => r.stallMs.toFixed(0)).join(', ')} ms`);
    console.log(`bench enrol.max_stall_ms ${Math.max(...runs.map((r) => r.stallMs)).toFixed(1)} ms`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.stdin?.end();
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--service') await serveChild(process.argv[3] ?? '');
else await main();
