import { onBeforeUnmount, onMounted } from 'vue';
import { api } from '../api';

/** At most one report per this interval: the core only needs to know the officer is still there. */
export const ACTIVITY_REPORT_INTERVAL_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Tell the core the officer is active, so idle auto-lock is judged in one
 * place (the core). A call that finds the vault locked sends the UI to the
 * unlock screen through the client's `vault.locked` hook.
 */
export function useActivityReporter(intervalMs = ACTIVITY_REPORT_INTERVAL_MS, enabled: () => boolean = () => true): void {
  // Unlocking is itself activity; the first report can wait a full interval.
  let lastReport = Date.now();

  function onActivity(): void {
    const now = Date.now();
    if (now - lastReport < intervalMs || !enabled()) return;
    lastReport = now;
    api.sessionActivity({}).catch(() => {
      // Nothing to show: a lock is handled by the client's hook, and a lost report only brings the auto-lock nearer.
    });
  }

  onMounted(() => {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
  });
  onBeforeUnmount(() => {
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
  });
}
