import type { Envelope } from '@shared/api/envelope';
import type { Core, CoreOptions } from './core';
import { createDispatch, type HandlerTable } from './dispatch';
import { EventHub } from './events';
import { systemClock } from './clock';
import { countActivity } from './handlers/activity';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { vaultHandlers } from './handlers/vault-handlers';
import { consoleLog } from './log';
import { dataPaths } from './paths';
import { Session } from './session/session';

const CLOSED: Envelope<never> = { ok: false, error: { code: 'internal', message: 'The core has been closed' } };

/**
 * The application core: the data directory (vault.json, quartermaster.db,
 * preferences.json) behind one handler table. Cheap to create: nothing is
 * read until the first call.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? consoleLog;
  const events = new EventHub(log);
  const session = new Session({ paths: dataPaths(options.dataDir), clock: options.clock ?? systemClock, log, events });

  const table: HandlerTable = {
    ...vaultHandlers(session, options.appVersion),
    ...settingsHandlers(session, events),
    ...sessionHandlers(session),
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
      await session.close();
      events.clear();
    },
  };
}
