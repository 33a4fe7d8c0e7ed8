/**
 * Growing delays after wrong passphrases: 1 s after the first failure,
 * doubling each time, never more than 5 minutes. Kept in vault.json so that
 * restarting the app does not reset them.
 */
export interface ThrottleState {
  /** Consecutive wrong passphrases since the last right one. */
  failures: number;
  /** Wall-clock time of the last failure (ms since the epoch). */
  lastFailureAt: number;
}

export const THROTTLE_BASE_MS = 1_000;
export const THROTTLE_CAP_MS = 5 * 60_000;

export const NO_FAILURES: Readonly<ThrottleState> = Object.freeze({ failures: 0, lastFailureAt: 0 });

export function throttleDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  // Bounding the exponent keeps the arithmetic finite however many failures pile up.
  const doublings = Math.min(failures - 1, 30);
  return Math.min(THROTTLE_BASE_MS * 2 ** doublings, THROTTLE_CAP_MS);
}

/**
 * The state to judge against `now`. A clock set backwards would otherwise
 * leave the last failure in the future and the wait endless; restarting the
 * count of the current delay from `now` means nobody ever waits longer than
 * one delay, which is never longer than the cap.
 */
export function rebaseOnClock(state: ThrottleState, now: number): ThrottleState {
  return state.failures > 0 && now < state.lastFailureAt ? { ...state, lastFailureAt: now } : state;
}

/** Milliseconds until another attempt may be checked; 0 when one may be checked now. */
export function retryAfterMs(state: ThrottleState, now: number): number {
  const { failures, lastFailureAt } = rebaseOnClock(state, now);
  if (failures === 0) return 0;
  return Math.max(0, lastFailureAt + throttleDelayMs(failures) - now);
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  return { failures: state.failures + 1, lastFailureAt: now };
}
