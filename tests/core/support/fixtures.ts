import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse, CoreEvent } from '@shared/api/contract';
import type { ApiErrorPayload, ErrorCode } from '@shared/api/errors';
import type { Core } from '../../../src-main/core/core';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreOptions } from '../../../src-main/core/core';
import { systemClock } from '../../../src-main/core/clock';
import { dataPaths } from '../../../src-main/core/paths';
import { openStore } from '../../../src-main/core/store';
import { Vault } from '../../../src-main/core/vault/vault';
import { ManualClock } from './manual-clock';

/** Strong by zxcvbn (score ≥ 3) and at least 12 characters. */
export const PASSPHRASE = 'Тиха ніч над Дніпром 1943';
export const OTHER_PASSPHRASE = 'correct horse battery staple 42!';
export const WRONG_PASSPHRASE = 'definitely not the right one 7';

export class TestLog {
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  info(message: string): void {
    this.infos.push(message);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string, detail?: unknown): void {
    this.errors.push(`${message}${detail === undefined ? '' : `: ${String(detail)}`}`);
  }
}

export interface TestCore {
  core: Core;
  clock: ManualClock;
  log: TestLog;
  dataDir: string;
  events: CoreEvent[];
}

const tempRoots: string[] = [];

/** A fresh directory; `data` inside it does not exist yet, as on a first run. */
export function tempDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'qm-core-'));
  tempRoots.push(root);
  return join(root, 'data');
}

export function removeTempDirs(): void {
  for (const root of tempRoots.splice(0)) rmSync(root, { recursive: true, force: true });
}

const openCores: Core[] = [];

export type ExtraCoreOptions = Omit<CoreOptions, 'dataDir' | 'appVersion' | 'clock' | 'log'>;

export function startCore(dataDir = tempDataDir(), clock = new ManualClock(), extra: ExtraCoreOptions = {}): TestCore {
  const log = new TestLog();
  const core = createCore({ dataDir, appVersion: '0.1.0-test', clock, log, ...extra });
  const events: CoreEvent[] = [];
  core.onEvent((event) => events.push(event));
  openCores.push(core);
  return { core, clock, log, dataDir, events };
}

export async function closeCores(): Promise<void> {
  for (const core of openCores.splice(0)) await core.close();
}

/** Calls a method that must succeed and returns its data. */
export async function ok<M extends ApiMethod>(core: Core, method: M, request?: ApiRequest<M>): Promise<ApiResponse<M>> {
  const envelope = await core.dispatch(method, request ?? {});
  if (!envelope.ok) expect.fail(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data as ApiResponse<M>;
}

/** Calls a method that must fail with `code` and returns the error. */
export async function fails(core: Core, method: string, request: unknown, code: ErrorCode): Promise<ApiErrorPayload> {
  const envelope = await core.dispatch(method, request);
  if (envelope.ok) expect.fail(`${method} succeeded; expected ${code}`);
  expect(envelope.error.code, envelope.error.message).toBe(code);
  return envelope.error;
}

/**
 * A vault and an empty, migrated database on disk, made without a core
 * (the API creates a vault only while enrolling, which needs a service):
 * what a laptop looks like after a wizard interrupted past the passphrase.
 */
export async function createVaultFiles(dataDir: string, passphrase = PASSPHRASE): Promise<void> {
  const paths = dataPaths(dataDir);
  const vault = new Vault({ file: paths.vault, databaseFile: paths.database, clock: systemClock, log: new TestLog() });
  const key = await vault.create(passphrase);
  try {
    openStore(paths.database, key).close();
  } finally {
    key.fill(0);
  }
}

let vaultTemplate: string | undefined;

/** A copy of one vault made with PASSPHRASE (one key derivation per test file instead of one per test). */
export async function copyOfVault(dataDir = tempDataDir()): Promise<string> {
  if (!vaultTemplate) {
    // Outside tempRoots, which every test empties; removed when the test process ends.
    const root = mkdtempSync(join(tmpdir(), 'qm-vault-template-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    vaultTemplate = join(root, 'data');
    await createVaultFiles(vaultTemplate);
  }
  cpSync(vaultTemplate, dataDir, { recursive: true });
  return dataDir;
}

/** A vault with PASSPHRASE, not enrolled, unlocked through the API (events: one 'unlocked'). */
export async function setUpCore(dataDir?: string, clock?: ManualClock, extra?: ExtraCoreOptions): Promise<TestCore> {
  const started = startCore(await copyOfVault(dataDir), clock, extra);
  await ok(started.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  return started;
}

/** Every file in the directory with a hash of its bytes: equal snapshots mean nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    result[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  }
  return result;
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
