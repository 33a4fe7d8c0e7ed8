import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '@shared/api/errors';
import { isErrno } from '../fs/atomic-file';
import type { DataPaths } from '../paths';

/**
 * Erases this laptop's profile. vault.json goes first: it holds the only
 * copy of the wrapped database key, so once it is gone the encrypted
 * database is unreadable even if deleting it fails or is interrupted
 * (crypto-shredding). Then the database with its WAL, shared-memory and
 * journal files, then preferences.json, and any temporary file an
 * interrupted atomic write left beside them (a stray copy of the vault
 * would defeat the point). Files that are already gone are fine; anything
 * else in the directory is not ours and is left alone.
 */
export async function wipeDataFiles(paths: DataPaths): Promise<void> {
  const failures: string[] = [];
  const remove = async (file: string): Promise<void> => {
    try {
      await rm(file, { force: true });
    } catch (error) {
      failures.push(`${basename(file)}: ${isErrno(error, 'EACCES') || isErrno(error, 'EPERM') ? 'permission denied' : String(error)}`);
    }
  };

  const leftovers = await atomicWriteLeftovers(paths);
  await remove(paths.vault);
  for (const file of leftovers.filter((f) => f.includes(basename(paths.vault)))) await remove(file);
  for (const suffix of ['', '-wal', '-shm', '-journal']) await remove(`${paths.database}${suffix}`);
  await remove(paths.preferences);
  for (const file of leftovers.filter((f) => !f.includes(basename(paths.vault)))) await remove(file);

  if (failures.length > 0) throw new AppError('store.io', `Some local files could not be erased: ${failures.join('; ')}`);
}

/** `.vault.json.<random>.tmp` and the like (see writeFileAtomic). */
async function atomicWriteLeftovers(paths: DataPaths): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(paths.dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw new AppError('store.io', `The data folder cannot be read: ${String(error)}`);
  }
  const ours = [basename(paths.vault), basename(paths.preferences)];
  return names.filter((name) => ours.some((file) => name.startsWith(`.${file}.`) && name.endsWith('.tmp'))).map((name) => join(paths.dir, name));
}
