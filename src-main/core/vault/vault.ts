import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '@shared/api/errors';
import { assessPassphrase } from '@shared/api/passphrase';
import type { Clock } from '../clock';
import { isErrno } from '../fs/atomic-file';
import type { CoreLog } from '../log';
import { CURRENT_KDF, deriveKek, normalizePassphrase, SALT_LENGTH } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import { NO_FAILURES, rebaseOnClock, recordFailure, retryAfterMs, throttleDelayMs } from './throttle';
import { readVaultFile, wrapAad, writeVaultFile, type VaultRecord } from './vault-file';

export const DATABASE_KEY_LENGTH = 32;

export interface VaultOptions {
  /** vault.json */
  file: string;
  /** The database the wrapped key opens; its presence without a vault file means the vault is lost, not new. */
  databaseFile: string;
  clock: Clock;
  log: CoreLog;
}

/**
 * The passphrase side of the vault: turns a passphrase into the database key
 * and back, and throttles guessing. It never opens the database and keeps no
 * key in memory; the caller owns (and must zero) the key it is given.
 * Callers serialise calls (see SerialQueue); the vault does not.
 */
export class Vault {
  private record: VaultRecord | undefined;

  constructor(private readonly options: VaultOptions) {}

  /** 'absent' only when there is neither a vault nor a database: the first run. Never throws. */
  async presence(): Promise<'absent' | 'present'> {
    try {
      if (await this.load()) return 'present';
    } catch {
      // A damaged vault file is still somebody's vault.
      return 'present';
    }
    return (await this.databaseExists()) ? 'present' : 'absent';
  }

  /** How long until an unlock attempt will be checked; 0 when it would be now (or there is no readable vault). */
  async retryAfterMs(): Promise<number> {
    let record: VaultRecord | undefined;
    try {
      record = await this.load();
    } catch {
      return 0;
    }
    return record ? retryAfterMs(this.rebase(record).throttle, this.options.clock.now()) : 0;
  }

  /** First run: wraps a fresh random database key under the passphrase and returns the key. */
  async create(passphrase: string): Promise<Buffer> {
    if (await this.load()) throw new AppError('vault.already_set_up', 'The vault is already set up');
    if (await this.databaseExists()) throw missingVaultError();
    if (!assessPassphrase(passphrase).acceptable) throw new AppError('vault.weak_passphrase', 'The passphrase is too weak');

    const salt = randomBytes(SALT_LENGTH);
    const databaseKey = randomBytes(DATABASE_KEY_LENGTH);
    const kek = await deriveKek(passphrase, salt, CURRENT_KDF);
    try {
      const kdf = { ...CURRENT_KDF, salt };
      const record: VaultRecord = { kdf, wrappedKey: wrapKey(kek, databaseKey, wrapAad(kdf)), throttle: { ...NO_FAILURES } };
      try {
        await mkdir(dirname(this.options.file), { recursive: true, mode: 0o700 });
      } catch (error) {
        throw new AppError('store.io', `The data folder cannot be created: ${String(error)}`);
      }
      // Awaited checks above cannot see a vault written meanwhile by another process; the single-instance lock rules that out.
      await writeVaultFile(this.options.file, record);
      this.record = record;
      return databaseKey;
    } catch (error) {
      databaseKey.fill(0);
      throw error;
    } finally {
      kek.fill(0);
    }
  }

  /** Unlock: the database key for the right passphrase; throttled, then counted, when wrong. */
  async open(passphrase: string): Promise<Buffer> {
    const record = await this.requireRecord();
    this.refuseWhileThrottled(record);
    const key = await this.unwrapWith(passphrase, record);
    if (!key) throw await this.failedAttempt(record);
    if (record.throttle.failures > 0) await this.save({ ...record, throttle: { ...NO_FAILURES } }, 'reset the unlock throttle');
    return key;
  }

  /**
   * Rewraps the same database key under a new passphrase with a fresh salt
   * (and the current KDF parameters). The database file is not touched: its
   * key does not change.
   */
  async rewrap(current: string, next: string): Promise<void> {
    const record = await this.requireRecord();
    if (!assessPassphrase(next).acceptable) throw new AppError('vault.weak_passphrase', 'The new passphrase is too weak');
    if (normalizePassphrase(current) === normalizePassphrase(next)) {
      throw new AppError('vault.same_passphrase', 'The new passphrase is the same as the current one');
    }
    this.refuseWhileThrottled(record);
    const key = await this.unwrapWith(current, record);
    if (!key) throw await this.failedAttempt(record);
    try {
      const salt = randomBytes(SALT_LENGTH);
      const kdf = { ...CURRENT_KDF, salt };
      const kek = await deriveKek(next, salt, CURRENT_KDF);
      let wrappedKey;
      try {
        wrappedKey = wrapKey(kek, key, wrapAad(kdf));
      } finally {
        kek.fill(0);
      }
      const updated: VaultRecord = { kdf, wrappedKey, throttle: { ...NO_FAILURES } };
      // If this write fails the old vault file is intact and the old passphrase still works.
      await writeVaultFile(this.options.file, updated);
      this.record = updated;
    } finally {
      key.fill(0);
    }
  }

  /** The vault file was deleted (wipe): forget the copy held in memory so the next look reads the disk. */
  forget(): void {
    this.record = undefined;
  }

  private async load(): Promise<VaultRecord | undefined> {
    if (this.record) return this.record;
    const record = await readVaultFile(this.options.file);
    // Another call may have written a newer record while this one was reading.
    this.record ??= record;
    return this.record;
  }

  private async requireRecord(): Promise<VaultRecord> {
    const record = await this.load();
    if (record) return record;
    if (await this.databaseExists()) throw missingVaultError();
    throw new AppError('vault.not_set_up', 'The vault is not set up yet');
  }

  private rebase(record: VaultRecord): VaultRecord {
    const throttle = rebaseOnClock(record.throttle, this.options.clock.now());
    if (throttle === record.throttle) return record;
    // Kept in memory only: the next failure or success writes it, and appStatus should not write files.
    this.record = { ...record, throttle };
    return this.record;
  }

  private refuseWhileThrottled(record: VaultRecord): void {
    const wait = retryAfterMs(this.rebase(record).throttle, this.options.clock.now());
    if (wait > 0) throw new AppError('vault.throttled', `Too many wrong passphrases; retry in ${wait} ms`, { retryAfterMs: wait });
  }

  private async unwrapWith(passphrase: string, record: VaultRecord): Promise<Buffer | undefined> {
    const kek = await deriveKek(passphrase, record.kdf.salt, record.kdf);
    try {
      return unwrapKey(kek, record.wrappedKey, wrapAad(record.kdf));
    } finally {
      kek.fill(0);
    }
  }

  /** Counts a wrong passphrase (durably, so a restart does not forgive it) and returns the error to throw. */
  private async failedAttempt(record: VaultRecord): Promise<AppError> {
    const throttle = recordFailure(this.record?.throttle ?? record.throttle, this.options.clock.now());
    await this.save({ ...record, throttle }, 'record a failed unlock');
    const wait = throttleDelayMs(throttle.failures);
    return new AppError('vault.wrong_passphrase', 'Wrong passphrase', { retryAfterMs: wait });
  }

  /**
   * Throttle bookkeeping must not hide the answer the officer is waiting
   * for: if the disk refuses, the state still holds in memory and the
   * failure is logged.
   */
  private async save(record: VaultRecord, purpose: string): Promise<void> {
    this.record = record;
    try {
      await writeVaultFile(this.options.file, record);
    } catch (error) {
      this.options.log.warn(`Could not ${purpose} in the vault file`, error);
    }
  }

  private async databaseExists(): Promise<boolean> {
    try {
      await stat(this.options.databaseFile);
      return true;
    } catch (error) {
      // Anything but a clear "not there" counts as present, so setup never writes over data it cannot see.
      return !isErrno(error, 'ENOENT');
    }
  }
}

function missingVaultError(): AppError {
  return new AppError('vault.corrupt', 'The vault file is missing but the encrypted database exists; it cannot be opened without it');
}
