/** The store's public surface for repositories and the session. */
export type { Db } from './db';
export { openStore, openSecondConnection, STORE_KEY_LENGTH, type Store, type OpenStoreOptions } from './open-store';
export { migrate, latestVersion, userVersion, type Migration, type MigrationResult } from './migrate';
export { migrations } from './migrations';
export { toStoreError } from './sqlite-errors';
