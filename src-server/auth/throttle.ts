import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { clearThrottle, findThrottle, saveThrottle } from '../store/throttle';

/**
 * Failed logins are counted per username (whether or not it exists, so the
 * throttle does not reveal which usernames are real) and per client address.
 * After `blockAfter` failures in a row the key is blocked, and each further
 * failure doubles the block, up to `maxDelayMs`. Failures older than
 * `forgetAfterMs` are forgotten. A successful login clears its username's
 * counter but not the address's: one good account must not launder an
 * address that is guessing others.
 */
export interface ThrottleRule {
  blockAfter: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export interface ThrottlePolicy {
  username: ThrottleRule;
  address: ThrottleRule;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  username: { blockAfter: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  address: { blockAfter: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
};

/** How long `failures` consecutive failures block for under `rule` (0: not blocked). */
export function blockDuration(rule: ThrottleRule, failures: number): number {
  if (failures < rule.blockAfter) return 0;
  const doublings = Math.min(failures - rule.blockAfter, 30);
  return Math.min(rule.baseDelayMs * 2 ** doublings, rule.maxDelayMs);
}

export interface ThrottleKeys {
  username: string;
  address: string;
}

export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly policy: ThrottlePolicy,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until either key may try again; 0 when both may. */
  retryAfterMs(keys: ThrottleKeys): number {
    const now = this.clock();
    return Math.max(0, ...this.entries(keys).map(({ key }) => (findThrottle(this.db, key)?.blockedUntil ?? 0) - now));
  }

  recordFailure(keys: ThrottleKeys): void {
    const now = this.clock();
    for (const { key, rule } of this.entries(keys)) {
      const previous = findThrottle(this.db, key);
      const stale = !previous || now - previous.lastFailureAt > rule.forgetAfterMs;
      const failures = stale ? 1 : previous.failures + 1;
      const blockedFor = blockDuration(rule, failures);
      saveThrottle(this.db, { key, failures, lastFailureAt: now, blockedUntil: blockedFor > 0 ? now + blockedFor : 0 });
    }
  }

  recordSuccess(keys: ThrottleKeys): void {
    clearThrottle(this.db, this.usernameKey(keys.username));
  }

  private usernameKey(username: string): string {
    return `username:${username}`;
  }

  private entries(keys: ThrottleKeys): Array<{ key: string; rule: ThrottleRule }> {
    return [
      { key: this.usernameKey(keys.username), rule: this.policy.username },
      { key: `address:${keys.address}`, rule: this.policy.address },
    ];
  }
}
