import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import forge from 'node-forge';
import { generate } from 'otplib';
import { createCsr } from '@shared/node/csr';
import type { CsrSubject, Role } from '@shared/service/common';
import type { ThrottlePolicy } from '../../src-server/auth/throttle';
import type { ServiceLog } from '../../src-server/context';
import { issueEnrolmentCode } from '../../src-server/provisioning/enrolment-codes';
import { addPerson } from '../../src-server/provisioning/persons';
import { addUnit } from '../../src-server/provisioning/units';
import { dataPaths } from '../../src-server/paths';
import { openDatabase } from '../../src-server/store/database';
import { findUnitByNumber } from '../../src-server/store/units';
import { startService, type RunningService, type SyncOptions } from '../../src-server/service';

/**
 * The service under test is the real one: a listening socket on 127.0.0.1,
 * its own data directory, real scrypt, real TOTP, real certificates. Only
 * the clock is ours, so tests can step across TOTP windows and expiries.
 */

export interface TestClock {
  (): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** 15 s into a 30-second TOTP step, so ±1 step is unambiguous. */
export const T0 = Date.UTC(2025, 5, 2, 9, 0, 15);

export function testClock(start = T0): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.set = (ms) => {
    now = ms;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface CollectedLog extends ServiceLog {
  errors: string[];
}

export function collectingLog(): CollectedLog {
  const errors: string[] = [];
  return { errors, info: () => {}, warn: () => {}, error: (message, detail) => errors.push(`${message} ${detail instanceof Error ? detail.stack : JSON.stringify(detail ?? '')}`) };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface TestService {
  service: RunningService;
  dataDir: string;
  clock: TestClock;
  log: CollectedLog;
  call(method: string, path: string, options?: { body?: unknown; token?: string; rawBody?: string; headers?: Record<string, string> }): Promise<Reply>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'qm-service-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestService(
  options: { demo?: boolean; throttle?: Partial<ThrottlePolicy>; clock?: TestClock; dataDir?: string; sync?: SyncOptions } = {},
): Promise<TestService> {
  const dataDir = options.dataDir ?? tempDir();
  const clock = options.clock ?? testClock();
  const log = collectingLog();
  // Every sync row served is checked against the shared schemas (off in production for speed).
  const service = await startService({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    demo: options.demo,
    now: clock,
    throttle: options.throttle,
    log,
    sync: { checkRows: true, ...options.sync },
  });
  return {
    service,
    dataDir,
    clock,
    log,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      let body: string | undefined;
      if (callOptions.rawBody !== undefined) body = callOptions.rawBody;
      else if (callOptions.body !== undefined) {
        body = JSON.stringify(callOptions.body);
        headers['content-type'] ??= 'application/json';
      }
      if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
      const response = await fetch(`${service.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        parsed = { unparsed: text };
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestPerson {
  username: string;
  fullName: string;
  password: string;
  totpSecret: string;
  enrolmentCode: string;
  roles: Role[];
  unitNumber: string;
}

/**
 * Provision a unit (if needed), a person and an enrolment code through the
 * provisioning layer on a connection of its own, as the admin command line
 * does while the service runs.
 */
export async function provision(
  test: Pick<TestService, 'dataDir' | 'clock'>,
  person: { username: string; fullName?: string; roles?: Role[]; unitNumber?: string; codeHours?: number },
): Promise<TestPerson> {
  const db = openDatabase(dataPaths(test.dataDir).database);
  try {
    const unitNumber = person.unitNumber ?? 'А1234';
    if (!findUnitByNumber(db, unitNumber)) addUnit(db, test.clock, { name: `Бригада ${unitNumber}`, number: unitNumber, tier: 1 });
    const fullName = person.fullName ?? 'Петренко Петро Петрович';
    const roles = person.roles ?? ['orderer'];
    const added = await addPerson(db, test.clock, { unit: unitNumber, fullName, username: person.username, roles });
    const code = issueEnrolmentCode(db, test.clock, { username: person.username, hours: person.codeHours ?? 72 });
    return { username: person.username, fullName, password: added.password, totpSecret: added.totpSecret, enrolmentCode: code.code, roles, unitNumber };
  } finally {
    db.close();
  }
}

export function totpAt(secret: string, ms: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(ms / 1000) });
}

export interface KeyPair {
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
}

/** Test keys come from node:crypto (fast) and are converted to forge's form, as the brief for the client prescribes. */
export function rsaKeyPair(bits = 3072): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
  };
}

export function csrFor(keys: KeyPair, subject: CsrSubject): string {
  return createCsr({ ...keys, subject });
}

export async function login(test: TestService, person: TestPerson, at?: number): Promise<Reply> {
  const totp = await totpAt(person.totpSecret, at ?? test.clock());
  return test.call('POST', '/v1/auth/login', {
    body: { username: person.username, password: person.password, totp, enrolmentCode: person.enrolmentCode },
  });
}

export interface Enrolled {
  deviceId: string;
  accessToken: string;
  refreshToken: string;
  certificate: string;
  caCertificate: string;
  keys: KeyPair;
  body: Record<string, unknown>;
}

/** Login then enrol with a fresh key; steps the clock a TOTP period so each call gets a fresh code. */
export async function enrol(test: TestService, person: TestPerson, keys = rsaKeyPair()): Promise<Enrolled> {
  const loggedIn = await login(test, person);
  if (loggedIn.status !== 200) throw new Error(`login failed: ${JSON.stringify(loggedIn.body)}`);
  const token = loggedIn.body.enrolmentToken as string;
  const enrolled = await test.call('POST', '/v1/auth/enrol', { token, body: { csr: csrFor(keys, loggedIn.body.csrSubject as CsrSubject) } });
  if (enrolled.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(enrolled.body)}`);
  test.clock.advance(30_000);
  const tokens = enrolled.body.tokens as Record<string, string>;
  return {
    deviceId: (enrolled.body.device as { id: string }).id,
    accessToken: tokens.accessToken as string,
    refreshToken: tokens.refreshToken as string,
    certificate: enrolled.body.certificate as string,
    caCertificate: enrolled.body.caCertificate as string,
    keys,
    body: enrolled.body,
  };
}

/** Throttle counters are the one thing a failed attempt is meant to change. */
const NOT_STATE = new Set(['auth_throttle']);

/**
 * Every row of every table (but the throttle's), read through a connection
 * of its own: "nothing changed on the service" is this snapshot being equal
 * before and after.
 */
export function snapshot(dataDir: string): Record<string, unknown[]> {
  const db = new Database(dataPaths(dataDir).database, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>)
      .map((t) => t.name)
      .filter((name) => !NOT_STATE.has(name));
    return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

export function readRows<T = Record<string, unknown>>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dataPaths(dataDir).database, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
