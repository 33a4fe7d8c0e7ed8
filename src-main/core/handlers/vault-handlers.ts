import type { HandlerTable } from '../dispatch';
import { hasIdentity } from '../identity/identity-repo';
import type { CoreLog } from '../log';
import type { Session } from '../session/session';

type VaultMethods = 'appStatus' | 'vaultUnlock' | 'vaultLock' | 'vaultChangePassphrase';

export interface VaultHandlerOptions {
  appVersion: string;
  defaultServiceUrl: string | null;
  log: CoreLog;
}

/**
 * The vault is created by enrolment (enrolmentComplete), never on its own:
 * a laptop with a vault but no identity is only ever a wizard to resume.
 */
export function vaultHandlers(session: Session, options: VaultHandlerOptions): Pick<HandlerTable, VaultMethods> {
  return {
    appStatus: async () => {
      const status = await session.status();
      return { ...status, enrolled: status.vault === 'unlocked' ? await enrolled(session, options.log) : null, defaultServiceUrl: options.defaultServiceUrl, version: options.appVersion };
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

/** appStatus must always answer: a database that cannot say is reported as "unknown" (null). */
async function enrolled(session: Session, log: CoreLog): Promise<boolean | null> {
  try {
    return (await session.peek((store) => hasIdentity(store.db))) ?? null;
  } catch (error) {
    log.warn('Could not tell whether this laptop is enrolled', error);
    return null;
  }
}
