import Database from 'better-sqlite3-multiple-ciphers';
import { AppError, isAppError } from '@shared/api/errors';

/**
 * SQLite failures as the officer can be told about them. With whole-file
 * encryption, "not a database" means the key does not open this file: it is
 * damaged, foreign, or belongs to another vault.
 */
export function toStoreError(error: unknown): unknown {
  if (isAppError(error) || !(error instanceof Database.SqliteError)) return error;
  if (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT')) {
    return new AppError('store.corrupt', `The database cannot be read with this vault's key (${error.code})`);
  }
  return new AppError('store.io', `The database failed: ${error.code}: ${error.message}`);
}
