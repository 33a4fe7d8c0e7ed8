/**
 * The sync benchmark's laptop: the application core, bundled as the app
 * runs it (bench/support/bundle.ts) and run by plain Node in a process of
 * its own, so that its figures are the core's and not those of tsx or of
 * the benchmark's own bookkeeping. Enrols the officer, times the first sync
 * that enrolment starts, watches the main thread's event loop and the
 * process's resident memory meanwhile, then runs a sync with nothing new.
 * Takes a SyncLaptopJob as JSON in argv[2]; prints SyncLaptopFigures as one
 * JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generate } from 'otplib';
import type { CoreEvent, SyncStatus } from '@shared/api/contract';
import { createCore } from '../../src-main/core/create-core';
import type { Counters, SyncLaptopFigures, SyncLaptopJob } from './sync-protocol';

const PASSPHRASE = 'Тиха ніч над Дніпром 1943';
const TICK_MS = 5;
const quiet = {
  info: () => {},
  warn: (message: string, detail?: unknown) => console.log(`# warn: ${message}${detail === undefined ? '' : `: ${String(detail)}`}`),
  error: (message: string, detail?: unknown) => console.log(`# error: ${message} ${String(detail ?? '')}`),
};

async function control(url: string, method: 'GET' | 'POST', path: string): Promise<Counters> {
  const response = await fetch(`${url}${path}`, { method });
  return (await response.json()) as Counters;
}

async function measure(job: SyncLaptopJob): Promise<SyncLaptopFigures> {
  const { url, officer } = job;
  const core = createCore({ dataDir: job.dataDir, appVersion: 'bench', log: quiet, pullWorkerScript: { url: new URL(job.workerUrl), execArgv: [] } });
  const call = async (method: string, payload: unknown) => {
    const envelope = await core.dispatch(method, payload);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };

  // The first sync starts by itself when enrolment is done; it is over when a status says so.
  let syncStarted = 0;
  let received: number | null = null;
  let resolveDone: (status: SyncStatus) => void = () => {};
  const done = new Promise<SyncStatus>((resolve) => (resolveDone = resolve));
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  let peakRss = 0;
  let rssTimer: NodeJS.Timeout | undefined;
  let maxGap = 0;
  core.onEvent((event: CoreEvent) => {
    if (event.type === 'enrolment' && event.step === 'done') {
      syncStarted = performance.now();
      histogram.enable();
      let tick = performance.now();
      rssTimer = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - tick - TICK_MS);
        tick = now;
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, TICK_MS);
    }
    if (event.type === 'sync') {
      if (event.status.firstSync) received = event.status.firstSync.received;
      if (syncStarted > 0 && !event.status.syncing && (event.status.lastSyncAt !== null || event.status.lastError !== null)) resolveDone(event.status);
    }
  });

  const totp = await generate({ secret: officer.totpSecret, epoch: Math.floor(Date.now() / 1000) });
  await call('enrolmentLogin', { serviceUrl: url, username: officer.username, password: officer.password, enrolmentCode: officer.enrolmentCode, totp });
  await call('enrolmentComplete', { passphrase: PASSPHRASE });
  const status = await done;
  const firstMs = performance.now() - syncStarted;
  histogram.disable();
  clearInterval(rssTimer);
  if (status.lastError) throw new Error(`the first sync failed: ${status.lastError.code}: ${status.lastError.message}`);
  const pulls = (await control(url, 'GET', '/__bench/counters')).requests.filter((r) => r.includes('/v1/sync/pull')).length;

  // A sync with nothing new.
  await control(url, 'POST', '/__bench/reset');
  await call('syncNow', {});
  const noop = await control(url, 'GET', '/__bench/counters');
  await core.close();
  return {
    firstMs,
    received,
    pulls,
    stallMs: Math.max(maxGap, histogram.max / 1e6 - TICK_MS),
    peakRssBytes: peakRss,
    noop: { requests: noop.requests.length, payload: noop.payload, wire: noop.wire },
  };
}

const figures = await measure(JSON.parse(process.argv[2] ?? '{}') as SyncLaptopJob);
console.log(JSON.stringify(figures));
