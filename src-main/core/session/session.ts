import type { Language, LockReason, VaultState } from '@shared/api/contract';
import { AppError } from '@shared/api/errors';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { CoreLog } from '../log';
import type { DataPaths } from '../paths';
import { createSerialQueue } from '../serial';
import { readPreferences, writePreferences } from '../settings/preferences';
import { readSettings, readStoredLanguage } from '../settings/settings-repo';
import { openStore, type Store } from '../store/open-store';
import { toStoreError } from '../store/sqlite-errors';
import { Vault } from '../vault/vault';
import { IdleTimer } from './idle-timer';
import { wipeDataFiles } from './wipe-files';

export interface SessionOptions {
  paths: DataPaths;
  clock: Clock;
  log: CoreLog;
  events: EventHub;
  /** Told after every unlock and every lock (of any kind, wipe and close included); must not throw. */
  lifecycle?: { unlocked(): void; locked(): void };
}

/** A helper thread holding a connection of its own to the store (the pull worker). */
export interface StoreHelper {
  close(): Promise<void>;
}

/** SQLite's own default: WAL pages between the checkpoints a commit runs. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

export interface SessionStatus {
  vault: VaultState;
  retryAfterMs: number;
  language: Language;
}

/**
 * The unlocked/locked lifecycle: one place holds the open database, and
 * every operation that opens, uses or closes it runs through one queue.
 * While locked nothing here holds a key or a database handle.
 *
 * While unlocked it keeps the database key for one use: starting a helper
 * thread with a connection of its own (`attachHelper`). Helpers are
 * stopped, and the key zeroed, before the database closes on every lock,
 * wipe and close, so the main connection closing last checkpoints the WAL
 * and removes it.
 */
export class Session {
  private store: Store | undefined;
  private storeKey: Buffer | undefined;
  private readonly helpers = new Set<StoreHelper>();
  private language: Language | undefined;
  private closed = false;
  private readonly vault: Vault;
  private readonly idle: IdleTimer;
  private readonly queue = createSerialQueue();

  constructor(private readonly options: SessionOptions) {
    this.vault = new Vault({ file: options.paths.vault, databaseFile: options.paths.database, clock: options.clock, log: options.log });
    this.idle = new IdleTimer(options.clock, () => {
      this.lock('idle').catch((error: unknown) => options.log.error('Idle auto-lock failed', error));
    });
  }

  get unlocked(): boolean {
    return this.store !== undefined;
  }

  /** What the first screens need; never throws for a damaged vault (that shows on unlock). */
  /**
   * Taken in the queue like every change of state: read halfway through a
   * wipe, the vault file would be cached just before it is deleted, and the
   * laptop would look locked for ever instead of back at first run.
   */
  status(): Promise<SessionStatus> {
    return this.queue.run(async () => {
      const language = await this.preferredLanguage();
      if (this.store) return { vault: 'unlocked', retryAfterMs: 0, language };
      if ((await this.vault.presence()) === 'absent') return { vault: 'setup', retryAfterMs: 0, language };
      return { vault: 'locked', retryAfterMs: await this.vault.retryAfterMs(), language };
    });
  }

  /** First run: creates the vault and the database and leaves the session unlocked. */
  setup(passphrase: string): Promise<void> {
    return this.queue.run(async () => {
      this.assertOpen();
      if (this.store) throw new AppError('vault.already_set_up', 'The vault is already set up');
      await this.openWith(await this.vault.create(passphrase));
    });
  }

  unlock(passphrase: string): Promise<void> {
    return this.queue.run(async () => {
      this.assertOpen();
      // Already unlocked (a second window, a double click): nothing to check or open.
      if (this.store) return;
      await this.openWith(await this.vault.open(passphrase));
    });
  }

  /** Locks if unlocked; true when it did. Locking a locked session is not an error. */
  lock(reason: LockReason): Promise<boolean> {
    return this.queue.run(() => this.lockNow(reason));
  }

  /**
   * Checks the passphrase again while unlocked (before a signature), with the
   * unlock's throttle: a wrong one counts as a failed attempt, so a laptop
   * left unlocked does not become a passphrase oracle.
   */
  confirmPassphrase(passphrase: string): Promise<void> {
    return this.queue.run(async () => {
      await this.requireStore();
      (await this.vault.open(passphrase)).fill(0);
    });
  }

  changePassphrase(current: string, next: string): Promise<void> {
    return this.queue.run(async () => {
      await this.requireStore();
      await this.vault.rewrap(current, next);
    });
  }

  /**
   * The way to reach the database: runs `task` with the open store, in the
   * queue, so a lock cannot close the database under it. SQLite failures
   * become translatable errors. Keep tasks short (no network waits), and
   * never call another Session method from inside one: it would wait for
   * this task to end.
   */
  withStore<T>(task: (store: Store) => T | Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const store = await this.requireStore();
      try {
        return await task(store);
      } catch (error) {
        throw toStoreError(error);
      }
    });
  }

  /**
   * Starts a helper on the open store: `start` gets the database file and a
   * copy of its key, which it moves to its thread or zeroes. Not queued.
   * Throws vault.locked while locked.
   *
   * While any helper runs, the main connection does not checkpoint the WAL
   * itself: a helper writing a first sync leaves a long WAL, and copying it
   * back on a commit of the main connection would hold the main thread for
   * hundreds of milliseconds. The helper checkpoints it, on its own thread,
   * before it closes (sync/pull-worker.ts).
   */
  attachHelper<T extends StoreHelper>(start: (file: string, key: Buffer) => T): T {
    this.assertOpen();
    if (!this.store || !this.storeKey) throw new AppError('vault.locked', 'The vault is locked');
    const key = Buffer.alloc(this.storeKey.length);
    this.storeKey.copy(key);
    try {
      const helper = start(this.store.file, key);
      if (this.helpers.size === 0) this.store.db.pragma('wal_autocheckpoint = 0');
      this.helpers.add(helper);
      return helper;
    } finally {
      key.fill(0);
    }
  }

  /**
   * Stops a helper (its work is done); one already stopped by a lock is no
   * error. It stays counted until it has closed, so a lock meanwhile waits
   * for it; after the last one the main connection checkpoints as usual.
   */
  async detachHelper(helper: StoreHelper): Promise<void> {
    if (!this.helpers.has(helper)) return;
    try {
      await helper.close();
    } finally {
      if (this.helpers.delete(helper) && this.helpers.size === 0) this.store?.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    }
  }

  /** The officer did something: push the auto-lock back. */
  touch(): void {
    if (this.store) this.idle.touch();
  }

  /** A new auto-lock choice takes effect at once, counting from now. */
  restartAutoLock(minutes: number): void {
    if (this.store) this.idle.start(minutes);
  }

  /** The language of the screens shown before unlock, from preferences.json. */
  async preferredLanguage(): Promise<Language> {
    this.language ??= (await readPreferences(this.options.paths.preferences)).language;
    return this.language;
  }

  /**
   * Mirrors the language into preferences.json. The database copy is the
   * one that counts, and it is reconciled on every unlock, so a failed
   * write here is logged rather than failing the officer's change.
   */
  async rememberLanguage(language: Language): Promise<void> {
    this.language = language;
    try {
      await writePreferences(this.options.paths.preferences, { language });
    } catch (error) {
      this.options.log.warn('Could not write the language to preferences.json', error);
    }
  }

  /**
   * Like withStore, but while locked (or before setup) answers undefined
   * instead of failing: for questions such as "is this laptop enrolled?"
   * that only make sense while unlocked.
   */
  peek<T>(task: (store: Store) => T): Promise<T | undefined> {
    return this.queue.run(() => {
      this.assertOpen();
      if (!this.store) return undefined;
      try {
        return task(this.store);
      } catch (error) {
        throw toStoreError(error);
      }
    });
  }

  /**
   * Erases the profile (logout, or the service revoked this laptop): closes
   * the database without a lock event, deletes the files (vault.json first,
   * see wipeDataFiles) and forgets what was cached from them, so the app is
   * back at first run. Runs in the queue, after any database task in flight.
   */
  wipe(): Promise<void> {
    return this.queue.run(async () => {
      this.assertOpen();
      await this.lockNow(undefined);
      this.vault.forget();
      this.language = undefined;
      await wipeDataFiles(this.options.paths);
    });
  }

  /** Locks without an event and refuses everything afterwards. */
  close(): Promise<void> {
    return this.queue.run(async () => {
      this.closed = true;
      await this.lockNow(undefined);
    });
  }

  /** `key` becomes the session's: kept for helpers while unlocked, zeroed on lock or on failure here. */
  private async openWith(key: Buffer): Promise<void> {
    let store: Store;
    try {
      store = openStore(this.options.paths.database, key);
    } catch (error) {
      key.fill(0);
      throw error;
    }
    let storedLanguage: Language | undefined;
    let autoLockMinutes: number;
    try {
      storedLanguage = readStoredLanguage(store.db);
      autoLockMinutes = readSettings(store.db, { language: await this.preferredLanguage() }).autoLockMinutes;
    } catch (error) {
      store.close();
      key.fill(0);
      throw toStoreError(error);
    }
    this.store = store;
    this.storeKey = key;
    if (storedLanguage !== undefined && storedLanguage !== (await this.preferredLanguage())) {
      await this.rememberLanguage(storedLanguage);
    }
    this.idle.start(autoLockMinutes);
    this.options.events.emit({ type: 'unlocked' });
    this.options.lifecycle?.unlocked();
  }

  private async lockNow(reason: LockReason | undefined): Promise<boolean> {
    this.idle.stop();
    const store = this.store;
    if (!store) return false;
    this.store = undefined;
    this.storeKey?.fill(0);
    this.storeKey = undefined;
    const helpers = [...this.helpers];
    this.helpers.clear();
    for (const helper of helpers) {
      await helper.close().catch((error: unknown) => this.options.log.error('Stopping a helper of the database failed', error));
    }
    try {
      store.close();
    } catch (error) {
      this.options.log.error('Closing the database failed', error);
    }
    if (reason) this.options.events.emit({ type: 'locked', reason });
    this.options.lifecycle?.locked();
    return true;
  }

  private async requireStore(): Promise<Store> {
    this.assertOpen();
    if (this.store) return this.store;
    if ((await this.vault.presence()) === 'absent') throw new AppError('vault.not_set_up', 'The vault is not set up yet');
    throw new AppError('vault.locked', 'The vault is locked');
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('internal', 'The core has been closed');
  }
}
