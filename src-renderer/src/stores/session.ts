import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppStatus, CoreEvent, EnrolmentStep, LockReason, VaultState, WipeReason } from '@shared/api/contract';
import { api } from '../api';
import { ClientError, toClientError } from '../api/errors';
import { setLanguage } from '../i18n';
import type { Capability } from '../session/capabilities';
import { useIdentityStore } from './identity';
import { useSettingsStore } from './settings';

/** Where the app is: starting, unable to reach the core, or in one of the vault's states. */
export type SessionPhase = 'starting' | 'unavailable' | VaultState;

/**
 * Which part of the interface the officer belongs in: the enrolment wizard
 * (first run, or a vault that is open but holds no certificate yet), the
 * unlock screen, or the app itself.
 */
export type Stage = 'enrol' | 'locked' | 'unlocked';

/** Why the local data was erased, as the wizard explains it; 'unknown' when the wipe was noticed without its event. */
export type WipeNotice = WipeReason | 'unknown';

export const useSessionStore = defineStore('session', () => {
  const phase = ref<SessionPhase>('starting');
  /** Whether this laptop holds a device certificate; null while locked or not yet known. */
  const enrolled = ref<boolean | null>(null);
  /** The service address the wizard suggests. */
  const defaultServiceUrl = ref<string | null>(null);
  /** Set by the wizard while it shows its "enrolled" page, so the app does not open under the officer's eyes. */
  const holdEnrolment = ref(false);
  /** The latest enrolment progress the core reported (the step now under way); the wizard resets it before it starts. */
  const enrolmentStep = ref<EnrolmentStep | null>(null);
  /** Shown by the wizard after the local data was erased, until the next enrolment succeeds. */
  const wipeNotice = ref<WipeNotice | null>(null);
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
  const identity = useIdentityStore();
  /** An enrolled laptop may do what its person's roles allow; areas appear as they report these. */
  const capabilities = computed<ReadonlySet<Capability>>(() => {
    const granted = new Set<Capability>();
    if (phase.value !== 'unlocked' || enrolled.value !== true) return granted;
    granted.add('enrolled');
    for (const role of identity.identity?.person.roles ?? []) granted.add(`role.${role}`);
    return granted;
  });

  const stage = computed<Stage | null>(() => {
    switch (phase.value) {
      case 'setup':
        return 'enrol';
      case 'locked':
        return 'locked';
      case 'unlocked':
        return enrolled.value === false || holdEnrolment.value ? 'enrol' : 'unlocked';
      default:
        return null;
    }
  });

  let refreshing: Promise<void> | null = null;
  /** A refresh was asked for while one was under way: its answer may already be stale, so ask once more. */
  let refreshAgain = false;

  /** Drop everything read from the encrypted store: on lock and on wipe. */
  function forgetUnlocked(): void {
    lockEpoch.value += 1;
    useSettingsStore().clear();
    identity.clear();
    holdEnrolment.value = false;
  }

  function apply(status: AppStatus): void {
    const settings = useSettingsStore();
    version.value = status.version;
    retryUntil.value = status.retryAfterMs > 0 ? Date.now() + status.retryAfterMs : 0;
    unavailableError.value = null;
    defaultServiceUrl.value = status.defaultServiceUrl;
    setLanguage(settings.pendingLanguage ?? status.language);
    const previous = phase.value;
    phase.value = status.vault;
    enrolled.value = status.vault === 'unlocked' ? status.enrolled : null;
    // A vault that existed is gone: the laptop was wiped, and its event (if any) did not reach us.
    if (status.vault === 'setup' && (previous === 'locked' || previous === 'unlocked')) wipeNotice.value ??= 'unknown';
    if (status.vault === 'unlocked') {
      lockReason.value = null;
      if (previous !== 'unlocked') void settings.afterUnlock();
    } else if (previous === 'unlocked') {
      forgetUnlocked();
    }
  }

  async function refreshOnce(): Promise<void> {
    try {
      apply(await api.appStatus({}));
      // The areas an enrolled officer may open depend on their roles: know them before routing.
      if (phase.value === 'unlocked' && enrolled.value === true && !identity.identity) {
        await identity.load().catch((error: unknown) => console.warn('Could not read the identity', error));
      }
    } catch (error) {
      unavailableError.value = toClientError(error);
      phase.value = 'unavailable';
    }
  }

  /**
   * Ask the core where things stand; on failure show the "core not answering"
   * state. Calls made meanwhile share the one under way, which then asks once
   * more, so news that arrived during it (a wipe, say) is not answered with
   * the state from before.
   */
  function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          refreshAgain = false;
          await refreshOnce();
        } while (refreshAgain);
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** The vault was locked (by us, by the core, or a call found it locked): drop everything sensitive. */
  function markLocked(reason: LockReason | null): void {
    if (phase.value === 'setup') return;
    if (phase.value === 'unlocked') forgetUnlocked();
    if (reason) lockReason.value = reason;
    phase.value = 'locked';
    enrolled.value = null;
  }

  /** The core erased this laptop's data (logout, or the service revoked it): forget everything and say why on the wizard. */
  function noteWiped(reason: WipeReason): void {
    wipeNotice.value = reason;
    if (phase.value === 'unlocked' || phase.value === 'locked') forgetUnlocked();
    // The core says so only once the store is erased: this laptop is back at first run.
    if (phase.value !== 'starting' && phase.value !== 'unavailable') {
      phase.value = 'setup';
      enrolled.value = null;
    }
  }

  /** The wizard's "enrolled" page was read: let the app open. */
  async function finishEnrolment(): Promise<void> {
    holdEnrolment.value = false;
    wipeNotice.value = null;
    await refresh();
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
      case 'enrolment':
        enrolmentStep.value = event.step;
        break;
      case 'wiped':
        noteWiped(event.reason);
        void refresh();
        break;
    }
  }

  return {
    phase,
    stage,
    enrolled,
    defaultServiceUrl,
    holdEnrolment,
    enrolmentStep,
    wipeNotice,
    version,
    lockReason,
    retryUntil,
    unavailableError,
    lockEpoch,
    returnTo,
    capabilities,
    refresh,
    markLocked,
    noteWiped,
    finishEnrolment,
    lock,
    noteRetryAfter,
    handleEvent,
  };
});
