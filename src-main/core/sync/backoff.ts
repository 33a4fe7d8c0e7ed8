/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"): after the n-th failure in a row, wait a random time
 * in [floor, min(cap, base·2^(n−1))]. Full jitter spreads the retries of
 * many laptops that lost the same link at the same moment.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Never retry sooner than this (a zero wait would hammer a service that just failed). */
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, floorMs: 250 };

/** `failures` ≥ 1; `random` in [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.max(policy.floorMs, Math.floor(random() * ceiling));
}
