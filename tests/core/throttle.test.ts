import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  rebaseOnClock,
  recordFailure,
  retryAfterMs,
  THROTTLE_CAP_MS,
  throttleDelayMs,
} from '../../src-main/core/vault/throttle';
import { ManualClock } from './support/manual-clock';
import { closeCores, fails, ok, PASSPHRASE, readJson, removeTempDirs, setUpCore, startCore, WRONG_PASSPHRASE } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

const vaultThrottle = (dataDir: string) => (readJson(join(dataDir, 'vault.json')) as { throttle: { failures: number; lastFailureAt: number } }).throttle;

describe('throttle arithmetic', () => {
  it('starts at one second, doubles, and stops at five minutes', () => {
    expect([0, 1, 2, 3, 4, 5].map(throttleDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 16000]);
    expect(throttleDelayMs(9)).toBe(256_000);
    expect(throttleDelayMs(10)).toBe(THROTTLE_CAP_MS);
    expect(throttleDelayMs(10_000)).toBe(5 * 60_000);
  });

  it('counts down from the last failure', () => {
    const state = recordFailure(recordFailure({ failures: 0, lastFailureAt: 0 }, 1_000), 50_000);
    expect(state).toEqual({ failures: 2, lastFailureAt: 50_000 });
    expect(retryAfterMs(state, 50_000)).toBe(2000);
    expect(retryAfterMs(state, 51_500)).toBe(500);
    expect(retryAfterMs(state, 52_000)).toBe(0);
  });

  it('never asks for more than one delay when the clock was set backwards', () => {
    const state = { failures: 12, lastFailureAt: Date.UTC(2025, 5, 1) };
    const dayEarlier = state.lastFailureAt - 24 * 3_600_000;
    expect(retryAfterMs(state, dayEarlier)).toBe(THROTTLE_CAP_MS);
    expect(rebaseOnClock(state, dayEarlier)).toEqual({ failures: 12, lastFailureAt: dayEarlier });
    expect(retryAfterMs(rebaseOnClock(state, dayEarlier), dayEarlier + THROTTLE_CAP_MS)).toBe(0);
  });
});

describe('wrong passphrases in the app', () => {
  it('meet growing delays, during which even the right passphrase is not checked', async () => {
    const { core, clock, dataDir } = await setUpCore();
    await ok(core, 'vaultLock');

    const first = await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    expect(first.params).toEqual({ retryAfterMs: 1000 });
    expect((await ok(core, 'appStatus')).retryAfterMs).toBe(1000);

    clock.advance(400);
    const throttled = await fails(core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.throttled');
    expect(throttled.params).toEqual({ retryAfterMs: 600 });
    expect((await ok(core, 'appStatus')).vault).toBe('locked');

    clock.advance(600);
    const second = await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    expect(second.params).toEqual({ retryAfterMs: 2000 });
    // An attempt refused during the delay was not counted: the next delay is 4 s, not 8 s.
    await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.throttled');
    clock.advance(2000);
    const third = await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    expect(third.params).toEqual({ retryAfterMs: 4000 });
    expect(vaultThrottle(dataDir)).toEqual({ failures: 3, lastFailureAt: clock.now() });

    clock.advance(4000);
    expect((await ok(core, 'appStatus')).retryAfterMs).toBe(0);
    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(vaultThrottle(dataDir).failures).toBe(0);

    // The right passphrase reset the count: the next failure waits one second again.
    await ok(core, 'vaultLock');
    const afterReset = await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    expect(afterReset.params).toEqual({ retryAfterMs: 1000 });
  });

  it('survive a restart of the app', async () => {
    const clock = new ManualClock();
    const { core, dataDir } = await setUpCore(undefined, clock);
    await ok(core, 'vaultLock');
    await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    clock.advance(1000);
    await fails(core, 'vaultUnlock', { passphrase: WRONG_PASSPHRASE }, 'vault.wrong_passphrase');
    await core.close();

    clock.advance(500);
    const again = startCore(dataDir, clock);
    expect(await ok(again.core, 'appStatus')).toMatchObject({ vault: 'locked', retryAfterMs: 1500 });
    const refused = await fails(again.core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.throttled');
    expect(refused.params).toEqual({ retryAfterMs: 1500 });
    clock.advance(1500);
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
  });

  it('never wait longer than the cap when the clock is set backwards', async () => {
    const clock = new ManualClock();
    const { core, dataDir } = await setUpCore(undefined, clock);
    await ok(core, 'vaultLock');
    await core.close();
    // As if the officer had failed many times, just now.
    const file = join(dataDir, 'vault.json');
    const vault = JSON.parse(readFileSync(file, 'utf8')) as { throttle: object };
    vault.throttle = { failures: 40, lastFailureAt: clock.now() };
    writeFileSync(file, JSON.stringify(vault));

    clock.setWall(clock.now() - 30 * 24 * 3_600_000);
    const again = startCore(dataDir, clock);
    expect((await ok(again.core, 'appStatus')).retryAfterMs).toBe(THROTTLE_CAP_MS);
    clock.advance(THROTTLE_CAP_MS - 1);
    await fails(again.core, 'vaultUnlock', { passphrase: PASSPHRASE }, 'vault.throttled');
    clock.advance(1);
    await ok(again.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(vaultThrottle(dataDir).failures).toBe(0);
  });

  it('refuse parallel guesses: only the first is checked', async () => {
    const { core } = await setUpCore();
    await ok(core, 'vaultLock');
    const results = await Promise.all(
      [WRONG_PASSPHRASE, `${WRONG_PASSPHRASE}x`, PASSPHRASE].map((passphrase) => core.dispatch('vaultUnlock', { passphrase })),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['vault.wrong_passphrase', 'vault.throttled', 'vault.throttled']);
  });
});
