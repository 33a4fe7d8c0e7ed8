import type { WipeReason } from '@shared/api/contract';
import type { Envelope } from '@shared/api/envelope';
import type { Core, CoreOptions } from './core';
import { createDispatch, type HandlerTable } from './dispatch';
import { EventHub } from './events';
import { systemClock } from './clock';
import { countActivity } from './handlers/activity';
import { cartHandlers } from './handlers/cart-handlers';
import { catalogHandlers } from './handlers/catalog-handlers';
import { documentHandlers } from './handlers/document-handlers';
import { enrolmentHandlers } from './handlers/enrolment-handlers';
import { identityHandlers } from './handlers/identity-handlers';
import { orderHandlers } from './handlers/order-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { syncHandlers } from './handlers/sync-handlers';
import { vaultHandlers } from './handlers/vault-handlers';
import { Enrolment } from './identity/enrolment';
import { readCredentials, rotateCredentials } from './identity/identity-repo';
import { DEFAULT_STANDING_CHECK_INTERVAL_MS, StandingCheck } from './identity/standing-check';
import { consoleLog } from './log';
import { dataPaths } from './paths';
import { ServiceGateway } from './service/gateway';
import { ServiceHttp } from './service/http';
import { Session } from './session/session';
import { entityAppliers } from './appliers';
import { SigningGrace } from './orders/signing';
import { SyncEngine, type PullWorkerSource } from './sync/engine';
import { PullWorker, sourcePullWorkerScript } from './sync/pull-worker-client';

const CLOSED: Envelope<never> = { ok: false, error: { code: 'internal', message: 'The core has been closed' } };

/**
 * The application core: the data directory (vault.json, quartermaster.db,
 * preferences.json) and the central service behind one handler table.
 * Cheap to create: nothing is read and nothing is sent until the first call.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? consoleLog;
  const clock = options.clock ?? systemClock;
  const events = new EventHub(log);
  // Aborts requests still waiting on the network when the core closes.
  const closing = new AbortController();
  // A passphrase typed for a signature counts for a few minutes, never past a lock.
  const grace = new SigningGrace(clock);

  const session: Session = new Session({
    paths: dataPaths(options.dataDir),
    clock,
    log,
    events,
    lifecycle: {
      unlocked: () => {
        standing.start();
        sync.start();
      },
      locked: () => {
        // Tokens and a half-finished login are secrets too: they go with the key.
        standing.stop();
        sync.stop();
        gateway.forget();
        enrolment.forget();
        grace.forget();
      },
    },
  });

  const gateway: ServiceGateway = new ServiceGateway({
    http: new ServiceHttp({ userAgent: `Quartermaster/${options.appVersion}`, timeoutMs: options.serviceTimeoutMs, signal: closing.signal }),
    clock,
    log,
    credentials: {
      read: () => session.withStore((store) => readCredentials(store.db)),
      rotate: (deviceId, grant) => session.withStore((store) => rotateCredentials(store.db, deviceId, grant, new Date(clock.now()).toISOString())),
    },
    onWipeDemanded: () => wipe('revoked'),
  });

  const standing: StandingCheck = new StandingCheck({
    session,
    gateway,
    clock,
    log,
    intervalMs: options.standingCheckIntervalMs ?? DEFAULT_STANDING_CHECK_INTERVAL_MS,
  });

  const workerScript = options.pullWorkerScript === undefined ? sourcePullWorkerScript() : options.pullWorkerScript;
  const pullWorker: PullWorkerSource | undefined = workerScript
    ? {
        start: () => session.attachHelper((file, key) => PullWorker.start(workerScript, file, key)),
        stop: (worker) => session.detachHelper(worker),
      }
    : undefined;
  const sync: SyncEngine = new SyncEngine({ session, gateway, events, clock, log, appliers: entityAppliers, pullWorker, ...options.sync });

  const enrolment: Enrolment = new Enrolment({
    session,
    gateway,
    events,
    clock,
    log,
    enrolled: () => {
      standing.start();
      sync.start();
    },
  });

  let wiping: Promise<void> | undefined;
  /** Back to first run. Concurrent requests (a logout racing a revocation) share one wipe. */
  function wipe(reason: WipeReason): Promise<void> {
    wiping ??= (async () => {
      try {
        standing.stop();
        sync.reset();
        enrolment.forget();
        gateway.forget();
        await session.wipe();
        log.warn(`Wiped the local data (${reason})`);
        events.emit({ type: 'wiped', reason });
      } finally {
        wiping = undefined;
      }
    })();
    return wiping;
  }

  const table: HandlerTable = {
    ...vaultHandlers(session, { appVersion: options.appVersion, defaultServiceUrl: options.defaultServiceUrl?.trim() || null, log }),
    ...settingsHandlers(session, events),
    ...sessionHandlers(session),
    ...enrolmentHandlers(enrolment),
    ...identityHandlers({ session, gateway, log, wipe }),
    ...syncHandlers({ session, engine: sync, clock }),
    ...catalogHandlers(session, clock),
    ...cartHandlers({ session, clock, events }),
    ...orderHandlers({ session, engine: sync, clock, log, grace }),
    ...documentHandlers({ session, engine: sync, clock, log, grace }),
  };
  const dispatch = createDispatch(countActivity(table, () => session.touch()), log);

  let closed = false;
  return {
    dispatch: (method, payload) => (closed ? Promise.resolve(CLOSED) : dispatch(method, payload)),
    onEvent: (listener) => events.subscribe(listener),
    lock: async (reason) => {
      await session.lock(reason);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      closing.abort();
      await session.close();
      events.clear();
    },
  };
}
