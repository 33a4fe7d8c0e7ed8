import type { Clock } from '../../../src-main/core/clock';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock the test moves by hand. Wall and monotonic time advance together;
 * `setWall` moves the wall clock alone (the officer changing the system time,
 * or time passing in OS suspend).
 */
export class ManualClock implements Clock {
  private mono = 0;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(private wall = Date.UTC(2025, 0, 15, 9, 0, 0)) {}

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  schedule(callback: () => void, delayMs: number): () => void {
    const entry: Pending = { at: this.mono + Math.max(0, delayMs), seq: this.seq++, callback };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Moves both clocks forward, firing due timers in order at their own times. */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (;;) {
      const next = [...this.pending].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > target) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.wall += next.at - this.mono;
      this.mono = next.at;
      next.callback();
    }
    this.wall += target - this.mono;
    this.mono = target;
  }

  setWall(wall: number): void {
    this.wall = wall;
  }

  get pendingTimers(): number {
    return this.pending.length;
  }
}
