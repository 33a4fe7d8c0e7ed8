import { X509Certificate } from 'node:crypto';
import type { CoreEvent, Identity } from '@shared/api/contract';
import { systemClock } from '../../../src-main/core/clock';
import { dataPaths } from '../../../src-main/core/paths';
import { openStore, type Db } from '../../../src-main/core/store';
import { Vault } from '../../../src-main/core/vault/vault';
import { ok, PASSPHRASE, startCore, TestLog, type ExtraCoreOptions, type TestCore } from './fixtures';
import { ManualClock } from './manual-clock';
import { loginRequest, type Officer, type TestService } from '../../support/service';

export const STANDING_INTERVAL_MS = 5 * 60_000;

/**
 * A core whose own clock starts at the real time (so certificates issued by
 * the service look current) but only moves when the test says so: the
 * standing check fires when the test advances it.
 */
export function startEnrolmentCore(dataDir?: string, extra: ExtraCoreOptions = {}): TestCore {
  return startCore(dataDir, new ManualClock(Date.now()), { standingCheckIntervalMs: STANDING_INTERVAL_MS, ...extra });
}

/** The whole wizard: probe, login, complete with a new vault. */
export async function enrol(t: TestCore, service: TestService, officer: Officer, passphrase = PASSPHRASE): Promise<Identity> {
  await ok(t.core, 'serviceProbe', { serviceUrl: service.url });
  await ok(t.core, 'enrolmentLogin', await loginRequest(service, officer));
  return ok(t.core, 'enrolmentComplete', { passphrase });
}

export async function enrolledCore(service: TestService, officer: Officer): Promise<{ t: TestCore; identity: Identity }> {
  const t = startEnrolmentCore();
  const identity = await enrol(t, service, officer);
  return { t, identity };
}

/** Reads the encrypted database beside a running core, as an attacker with the passphrase could. */
export async function readVaultDb<T>(dataDir: string, task: (db: Db) => T, passphrase = PASSPHRASE): Promise<T> {
  const paths = dataPaths(dataDir);
  const key = await new Vault({ file: paths.vault, databaseFile: paths.database, clock: systemClock, log: new TestLog() }).open(passphrase);
  const store = openStore(paths.database, key);
  key.fill(0);
  try {
    return task(store.db);
  } finally {
    store.close();
  }
}

export function wipedEvents(events: CoreEvent[]): CoreEvent[] {
  return events.filter((event) => event.type === 'wiped');
}

/** The certificate's subject as node:crypto (OpenSSL) reads it, one attribute per line. */
export function subjectLines(pem: string): string[] {
  return new X509Certificate(pem).subject.split('\n');
}
