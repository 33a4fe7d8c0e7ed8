import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../src-main/core/paths';
import { wipeDataFiles } from '../../src-main/core/session/wipe-files';
import { removeTempDirs, tempDataDir } from './support/fixtures';

afterEach(() => removeTempDirs());

describe('wiping the data files', () => {
  it('removes the vault, the database with its WAL, shared-memory and journal files, preferences and stray temporary copies, and nothing else', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    for (const name of ['vault.json', 'quartermaster.db', 'quartermaster.db-wal', 'quartermaster.db-shm', 'quartermaster.db-journal', 'preferences.json', '.vault.json.a1b2c3.tmp', '.preferences.json.d4e5f6.tmp', 'notes.txt', 'vault.json.bak']) {
      writeFileSync(join(dir, name), 'x');
    }
    await wipeDataFiles(dataPaths(dir));
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'vault.json.bak']);
  });

  it('is content with files that are already gone, or a folder that never existed', async () => {
    const dir = tempDataDir();
    await wipeDataFiles(dataPaths(dir));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'quartermaster.db'), 'x');
    await wipeDataFiles(dataPaths(dir));
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('reports what it could not erase, after erasing the vault first', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'vault.json'), 'x');
    // A database the wipe cannot remove (its folder is read-only) … but vault.json, removed first, is already gone.
    const locked = join(dir, 'sub');
    mkdirSync(locked);
    writeFileSync(join(locked, 'quartermaster.db'), 'x');
    chmodSync(locked, 0o500);
    try {
      const paths = { ...dataPaths(dir), database: join(locked, 'quartermaster.db') };
      await expect(wipeDataFiles(paths)).rejects.toMatchObject({ code: 'store.io' });
      expect(existsSync(join(dir, 'vault.json'))).toBe(false);
      expect(existsSync(join(locked, 'quartermaster.db'))).toBe(true);
    } finally {
      chmodSync(locked, 0o700);
    }
  });
});
