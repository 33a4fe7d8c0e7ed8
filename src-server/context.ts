import type { AdminTokenCheck } from './auth/admin-token';
import type { CertificateAuthority } from './ca/authority';
import type { Clock } from './clock';
import type { OrganisationKeyring } from './documents/keyring';
import type { Db } from './store/database';
import type { LoginThrottle } from './auth/throttle';
import type { TokenSigner } from './auth/tokens';

/** What every handler may use; built once by startService. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  ca: CertificateAuthority;
  tokens: TokenSigner;
  throttle: LoginThrottle;
  /** The admin API's bearer token (auth/admin-token.ts). */
  adminToken: AdminTokenCheck;
  /** The keys suppliers and the agency sign documents with (documents/keyring.ts). */
  keyring: OrganisationKeyring;
  version: string;
  log: ServiceLog;
  /** Check every sync row served against the shared schemas (tests; see src-server/sync/pull.ts). */
  checkSyncRows?: boolean;
}

export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, detail?: unknown): void;
}
