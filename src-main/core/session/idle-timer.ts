import type { Clock } from '../clock';

/**
 * Calls `onIdle` once no activity has been reported for the chosen time.
 *
 * Activity only stamps the time; the timer is re-armed when it fires early,
 * so a busy UI reporting activity every few seconds costs nothing. Elapsed
 * time is the larger of wall-clock and monotonic time: the monotonic clock
 * ignores a wall clock set backwards, the wall clock sees time spent in OS
 * suspend (which the monotonic clock may not count). Either only ever makes
 * the lock come sooner.
 */
export class IdleTimer {
  private idleMs = 0;
  private lastWall = 0;
  private lastMonotonic = 0;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onIdle: () => void,
  ) {}

  get running(): boolean {
    return this.cancel !== undefined;
  }

  /** (Re)starts watching with a fresh idle period from now. */
  start(minutes: number): void {
    this.stop();
    this.idleMs = minutes * 60_000;
    this.touch();
    this.arm(this.idleMs);
  }

  touch(): void {
    this.lastWall = this.clock.now();
    this.lastMonotonic = this.clock.monotonic();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(delayMs: number): void {
    this.cancel = this.clock.schedule(() => this.check(), delayMs);
  }

  private check(): void {
    this.cancel = undefined;
    const elapsed = Math.max(this.clock.now() - this.lastWall, this.clock.monotonic() - this.lastMonotonic);
    const remaining = this.idleMs - elapsed;
    if (remaining > 0) this.arm(remaining);
    else this.onIdle();
  }
}
