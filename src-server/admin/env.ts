import type { Clock } from '../clock';
import type { OrganisationKeyring } from '../documents/keyring';
import type { Db } from '../store/database';

/** What a command gets: the store (opened on first use), the clock and somewhere to write. */
export interface AdminEnv {
  db(): Db;
  /** The suppliers' and the agency's signing keys (loaded on first use; needs the service's CA). */
  keyring(): OrganisationKeyring;
  clock: Clock;
  dataDir: string;
  out(line: string): void;
}

export type AdminCommand = (argv: string[], env: AdminEnv) => Promise<void>;

export function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}
