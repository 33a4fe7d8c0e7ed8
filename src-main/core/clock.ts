/**
 * Time as the core sees it. Injected so tests can move through minutes of
 * idle time and throttle delays without waiting for them.
 */
export interface Clock {
  /** Wall-clock milliseconds since the epoch: the only time that survives a restart. */
  now(): number;
  /**
   * Milliseconds from an arbitrary origin that never runs backwards, for
   * intervals inside one run (the wall clock may be set back by the user).
   */
  monotonic(): number;
  /** Runs `callback` once after `delayMs`; returns the function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    // A pending auto-lock must not keep a headless process (tests, browser mode) alive on its own.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
