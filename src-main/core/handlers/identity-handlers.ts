import { AppError } from '@shared/api/errors';
import type { HandlerTable } from '../dispatch';
import { toApiIdentity } from '../identity/describe';
import { readIdentity } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import type { ServiceGateway } from '../service/gateway';
import type { Session } from '../session/session';

/** Logging out should not keep the officer waiting on a dead link: the wipe happens either way. */
export const LOGOUT_TIMEOUT_MS = 5_000;

export interface IdentityHandlerDeps {
  session: Session;
  gateway: ServiceGateway;
  log: CoreLog;
  wipe(reason: 'logout'): Promise<void>;
}

export function identityHandlers(deps: IdentityHandlerDeps): Pick<HandlerTable, 'identityGet' | 'logout'> {
  const { session, gateway, log } = deps;
  return {
    identityGet: () =>
      session.withStore((store) => {
        const identity = readIdentity(store.db);
        if (!identity) throw new AppError('identity.not_enrolled', 'This laptop is not enrolled');
        return toApiIdentity(identity);
      }),

    logout: async () => {
      // Only an unlocked vault may be erased from the UI: the passphrase proves it is the officer asking.
      const { vault } = await session.status();
      if (vault === 'setup') throw new AppError('vault.not_set_up', 'There is nothing to log out of');
      if (vault === 'locked') throw new AppError('vault.locked', 'Unlock the vault to log out');
      try {
        // Tell the service, so the device is revoked there too; a laptop without a link still logs out.
        await gateway.logout(LOGOUT_TIMEOUT_MS);
      } catch (error) {
        log.info(`The service was not told about the logout (${error instanceof Error ? error.message : String(error)}); wiping anyway`);
      }
      await deps.wipe('logout');
      return {};
    },
  };
}
