import type { Db } from '../store/database';
import type { OrganisationKeyring } from './keyring';

/** What the suppliers' and the agency's document actions need: the store, the organisations' keys, the service time. */
export interface DocumentDeps {
  db: Db;
  keyring: OrganisationKeyring;
  /** Service clock, epoch ms, taken once per action. */
  now: number;
}
