import type { HandlerTable } from '../dispatch';
import type { Session } from '../session/session';

type VaultMethods = 'appStatus' | 'vaultSetup' | 'vaultUnlock' | 'vaultLock' | 'vaultChangePassphrase';

export function vaultHandlers(session: Session, appVersion: string): Pick<HandlerTable, VaultMethods> {
  return {
    appStatus: async () => ({ ...(await session.status()), version: appVersion }),
    vaultSetup: async ({ passphrase }) => {
      await session.setup(passphrase);
      return {};
    },
    vaultUnlock: async ({ passphrase }) => {
      await session.unlock(passphrase);
      return {};
    },
    vaultLock: async () => {
      await session.lock('user');
      return {};
    },
    vaultChangePassphrase: async ({ current, next }) => {
      await session.changePassphrase(current, next);
      return {};
    },
  };
}
