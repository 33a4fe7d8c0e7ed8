import { join } from 'node:path';

/**
 * The data directory's layout. Only these files are ours; anything else in
 * the directory is left alone.
 */
export const DATA_FILE_NAMES = {
  /** KDF parameters, the wrapped database key and the unlock throttle state. */
  vault: 'vault.json',
  /** The encrypted SQLite database. */
  database: 'quartermaster.db',
  /** Not secret: what the first-run and unlock screens need before any key exists. */
  preferences: 'preferences.json',
} as const;

export interface DataPaths {
  dir: string;
  vault: string;
  database: string;
  preferences: string;
}

export function dataPaths(dir: string): DataPaths {
  return {
    dir,
    vault: join(dir, DATA_FILE_NAMES.vault),
    database: join(dir, DATA_FILE_NAMES.database),
    preferences: join(dir, DATA_FILE_NAMES.preferences),
  };
}
