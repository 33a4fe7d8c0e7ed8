import { defineStore } from 'pinia';
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch } from 'vue';
import type { CoreEvent, SyncStatus } from '@shared/api/contract';
import { api } from '../api';
import { useSessionStore } from './session';

/** Told which sync scopes changed locally; an empty list means "anything may have changed" (events were missed). */
export type DataChangeListener = (scopes: readonly string[]) => void;

/**
 * Where this laptop stands with the service: the core's sync status, kept
 * current by its `sync` events, and the button that asks for a sync now.
 * Also the one place `data_changed` events arrive; views subscribe with
 * `useDataChanged` and re-query what they show.
 */
export const useSyncStore = defineStore('sync', () => {
  const session = useSessionStore();
  const status = shallowRef<SyncStatus | null>(null);
  /** Why the status could not be read (an older core, a failing one); null once it is known. */
  const statusError = shallowRef<unknown>(null);
  /** The "sync now" call is under way. */
  const requesting = ref(false);
  /** The "sync now" call itself failed (not the sync it started: that failure is in the status). */
  const requestError = shallowRef<unknown>(null);
  const listeners = new Set<DataChangeListener>();
  let active = false;

  const syncing = computed(() => requesting.value || status.value?.syncing === true);
  const needsAttention = computed(() => status.value?.needsAttention ?? 0);

  async function load(): Promise<void> {
    try {
      status.value = await api.syncStatus({});
      statusError.value = null;
    } catch (error) {
      statusError.value = error;
    }
  }

  /** The app frame opened (unlocked and enrolled): read the status; events keep it current from here. */
  function start(): void {
    active = true;
    void load();
  }

  function stop(): void {
    active = false;
  }

  async function syncNow(): Promise<void> {
    if (requesting.value) return;
    requesting.value = true;
    requestError.value = null;
    try {
      status.value = await api.syncNow({});
      statusError.value = null;
    } catch (error) {
      requestError.value = error;
    } finally {
      requesting.value = false;
    }
  }

  function emitDataChanged(scopes: readonly string[]): void {
    for (const listener of [...listeners]) {
      try {
        listener(scopes);
      } catch (error) {
        console.error('A data-change listener failed', error);
      }
    }
  }

  function handleEvent(event: CoreEvent): void {
    if (event.type === 'sync') {
      status.value = event.status;
      statusError.value = null;
    } else if (event.type === 'data_changed') {
      emitDataChanged(event.scopes);
    }
  }

  /** Events may have been missed (the feed reconnected, the window came back): ask again, and have views re-query. */
  function afterGap(): void {
    if (!active) return;
    void load();
    emitDataChanged([]);
  }

  function onDataChanged(listener: DataChangeListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function clear(): void {
    status.value = null;
    statusError.value = null;
    requestError.value = null;
  }
  // What the core said about this laptop's data goes with the lock, like the data itself.
  watch(() => session.lockEpoch, clear);

  return { status, statusError, requesting, requestError, syncing, needsAttention, start, stop, syncNow, handleEvent, afterGap, onDataChanged };
});

/** Re-queries at most this often while data arrives... */
export const DATA_CHANGED_INTERVAL_MS = 400;
/** ...and this often during a first sync, when every query competes with the core applying pages. */
export const FIRST_SYNC_INTERVAL_MS = 2_000;

/**
 * Call `refresh` whenever local data that may be on screen changes: on a
 * `data_changed` event naming any scope but the ones listed as irrelevant
 * (so a scope added by a later issue refreshes rather than being missed),
 * and after a gap in the event feed. Calls are spaced out (the last one is
 * always made), more widely during a first sync, so pages pouring in do not
 * have the UI's queries slow down the core that applies them.
 */
export function useDataChanged(irrelevant: readonly string[], refresh: () => void): void {
  const sync = useSyncStore();
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const minIntervalMs = () => (sync.status?.firstSync ? FIRST_SYNC_INTERVAL_MS : DATA_CHANGED_INTERVAL_MS);
  function fire(): void {
    timer = undefined;
    last = Date.now();
    refresh();
  }
  function onChange(scopes: readonly string[]): void {
    if (scopes.length > 0 && scopes.every((scope) => irrelevant.includes(scope))) return;
    if (timer) return;
    const wait = last + minIntervalMs() - Date.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  }
  let stop: (() => void) | undefined;
  onMounted(() => (stop = sync.onDataChanged(onChange)));
  onBeforeUnmount(() => {
    stop?.();
    if (timer) clearTimeout(timer);
  });
}
