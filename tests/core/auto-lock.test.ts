import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '@shared/api/contract';
import { closeCores, fails, ok, PASSPHRASE, removeTempDirs, setUpCore, type TestCore } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

const MINUTE = 60_000;

async function expectLockedBy(t: TestCore, reason: string): Promise<void> {
  await vi.waitFor(() => expect(t.events.at(-1)).toEqual({ type: 'locked', reason }));
  expect((await ok(t.core, 'appStatus')).vault).toBe('locked');
  await fails(t.core, 'settingsGet', {}, 'vault.locked');
  expect(t.clock.pendingTimers).toBe(0);
}

async function expectUnlocked(t: TestCore): Promise<void> {
  // Give a queued lock every chance to run before judging.
  await new Promise((resolve) => setImmediate(resolve));
  expect(t.events.filter((e: CoreEvent) => e.type === 'locked')).toEqual([]);
  expect((await ok(t.core, 'appStatus')).vault).toBe('unlocked');
}

describe('auto-lock', () => {
  it('locks after the default 15 idle minutes', async () => {
    const t = await setUpCore();
    t.clock.advance(15 * MINUTE - 1);
    await expectUnlocked(t);
    t.clock.advance(1);
    await expectLockedBy(t, 'idle');
  });

  it('is pushed back by sessionActivity and by changes, but not by background reads or rejected calls', async () => {
    const t = await setUpCore();
    t.clock.advance(10 * MINUTE);
    await ok(t.core, 'sessionActivity');
    t.clock.advance(10 * MINUTE);
    await ok(t.core, 'settingsUpdate', { autoLockMinutes: 15 });
    t.clock.advance(10 * MINUTE);
    await expectUnlocked(t);

    // 10 minutes since the last activity; the UI's own reads and garbage are not the officer.
    await ok(t.core, 'appStatus');
    await ok(t.core, 'settingsGet');
    await ok(t.core, 'syncStatus');
    await ok(t.core, 'catalogSearch', { text: 'fpv' });
    await fails(t.core, 'settingsUpdate', { autoLockMinutes: 7 }, 'request.invalid');
    await fails(t.core, 'no_such_method', {}, 'request.unknown_method');
    t.clock.advance(5 * MINUTE);
    await expectLockedBy(t, 'idle');
  });

  it('follows the chosen time, at once and after the next unlock', async () => {
    const t = await setUpCore();
    t.clock.advance(10 * MINUTE);
    await ok(t.core, 'settingsUpdate', { autoLockMinutes: 1 });
    t.clock.advance(MINUTE - 1);
    await expectUnlocked(t);
    t.clock.advance(1);
    await expectLockedBy(t, 'idle');

    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    t.clock.advance(MINUTE);
    await expectLockedBy(t, 'idle');

    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await ok(t.core, 'settingsUpdate', { autoLockMinutes: 60 });
    t.clock.advance(59 * MINUTE);
    expect((await ok(t.core, 'appStatus')).vault).toBe('unlocked');
    t.clock.advance(MINUTE);
    await expectLockedBy(t, 'idle');
  });

  it('counts time the machine spent suspended (wall clock jumped forward)', async () => {
    const t = await setUpCore();
    t.clock.advance(10 * MINUTE);
    await ok(t.core, 'sessionActivity');
    t.clock.advance(2 * MINUTE);
    // Two hours pass that the monotonic clock did not count.
    t.clock.setWall(t.clock.now() + 2 * 60 * MINUTE);
    // The first timer check comes 15 minutes after unlock, i.e. 3 minutes from now.
    t.clock.advance(3 * MINUTE);
    await expectLockedBy(t, 'idle');
  });

  it('is not postponed by a wall clock set backwards', async () => {
    const t = await setUpCore();
    t.clock.advance(5 * MINUTE);
    t.clock.setWall(t.clock.now() - 24 * 60 * MINUTE);
    t.clock.advance(10 * MINUTE);
    await expectLockedBy(t, 'idle');
  });

  it('locks on suspend and screen lock reported by the shell', async () => {
    const t = await setUpCore();
    await t.core.lock('suspend');
    await expectLockedBy(t, 'suspend');
    await ok(t.core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await t.core.lock('screen_locked');
    await expectLockedBy(t, 'screen_locked');
    // Locking again while locked says nothing more.
    const count = t.events.length;
    await t.core.lock('suspend');
    expect(t.events.length).toBe(count);
  });

  it('a lock waits for a database task in progress, then wins', async () => {
    const t = await setUpCore();
    const update = t.core.dispatch('settingsUpdate', { language: 'en' });
    const lock = t.core.lock('suspend');
    expect(await update).toEqual({ ok: true, data: { language: 'en', autoLockMinutes: 15, signingGraceMinutes: 0 } });
    await lock;
    await expectLockedBy(t, 'suspend');
  });
});
