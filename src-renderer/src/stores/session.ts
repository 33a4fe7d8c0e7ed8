import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppStatus, CoreEvent, LockReason, VaultState } from '@shared/api/contract';
import { api } from '../api';
import { ClientError, toClientError } from '../api/errors';
import { setLanguage } from '../i18n';
import type { Capability } from '../session/capabilities';
import { useSettingsStore } from './settings';

/** Where the app is: starting, unable to reach the core, or in one of the vault's states. */
export type SessionPhase = 'starting' | 'unavailable' | VaultState;

export const useSessionStore = defineStore('session', () => {
  const phase = ref<SessionPhase>('starting');
  const version = ref('');
  /** Why the vault was last locked, shown on the unlock screen until the next unlock. */
  const lockReason = ref<LockReason | null>(null);
  /** Epoch milliseconds before which the core refuses unlock attempts. */
  const retryUntil = ref(0);
  /** Why the core could not be reached, when phase is 'unavailable'. */
  const unavailableError = ref<ClientError | null>(null);
  /** Bumped on every lock: forms holding anything sensitive clear themselves when it changes. */
  const lockEpoch = ref(0);
  /** The page to return to after unlocking. */
  const returnTo = ref<string | null>(null);
  const capabilities = computed<ReadonlySet<Capability>>(() => new Set());

  let refreshing: Promise<void> | null = null;

  function apply(status: AppStatus): void {
    const settings = useSettingsStore();
    version.value = status.version;
    retryUntil.value = status.retryAfterMs > 0 ? Date.now() + status.retryAfterMs : 0;
    unavailableError.value = null;
    setLanguage(settings.pendingLanguage ?? status.language);
    const previous = phase.value;
    phase.value = status.vault;
    if (status.vault === 'unlocked') {
      lockReason.value = null;
      if (previous !== 'unlocked') void settings.afterUnlock();
    } else if (previous === 'unlocked') {
      lockEpoch.value += 1;
      settings.clear();
    }
  }

  /** Ask the core where things stand; on failure show the "core not answering" state. */
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        apply(await api.appStatus({}));
      } catch (error) {
        unavailableError.value = toClientError(error);
        phase.value = 'unavailable';
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** The vault was locked (by us, by the core, or a call found it locked): drop everything sensitive. */
  function markLocked(reason: LockReason | null): void {
    if (phase.value === 'setup') return;
    if (phase.value === 'unlocked') {
      lockEpoch.value += 1;
      useSettingsStore().clear();
    }
    if (reason) lockReason.value = reason;
    phase.value = 'locked';
  }

  /** Lock now. Whatever the core answers, the UI closes: an officer who pressed Lock must not see the app stay open. */
  async function lock(): Promise<void> {
    try {
      await api.vaultLock({});
    } catch (error) {
      console.warn('Lock request failed; the UI locks anyway', error);
    }
    markLocked('user');
  }

  function noteRetryAfter(error: unknown): void {
    if (error instanceof ClientError && error.retryAfterMs > 0) retryUntil.value = Date.now() + error.retryAfterMs;
  }

  function handleEvent(event: CoreEvent): void {
    switch (event.type) {
      case 'locked':
        markLocked(event.reason);
        break;
      case 'unlocked':
        // Another window (or tab) unlocked: follow it.
        if (phase.value === 'locked' || phase.value === 'setup') void refresh();
        break;
      case 'settings':
        useSettingsStore().applyFromCore(event.settings);
        break;
    }
  }

  return {
    phase,
    version,
    lockReason,
    retryUntil,
    unavailableError,
    lockEpoch,
    returnTo,
    capabilities,
    refresh,
    markLocked,
    lock,
    noteRetryAfter,
    handleEvent,
  };
});
