import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '@shared/api/contract';
import { CoreEventSchema } from '@shared/api/contract';
import { closeCores, copyOfVault, ok, PASSPHRASE, removeTempDirs, startCore } from './support/fixtures';

afterEach(async () => {
  await closeCores();
  removeTempDirs();
});

describe('core events', () => {
  it('tell every listener about unlock, settings and lock, in order, in the contract’s shape', async () => {
    const { core, events } = startCore(await copyOfVault());
    const second: CoreEvent[] = [];
    const stop = core.onEvent((event) => second.push(event));

    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    await ok(core, 'settingsUpdate', { autoLockMinutes: 5 });
    await ok(core, 'vaultLock');
    stop();
    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });

    expect(events).toEqual([
      { type: 'unlocked' },
      { type: 'settings', settings: { language: 'uk', autoLockMinutes: 5, signingGraceMinutes: 0 } },
      { type: 'locked', reason: 'user' },
      { type: 'unlocked' },
    ]);
    expect(second).toEqual(events.slice(0, 3));
    for (const event of events) expect(CoreEventSchema.safeParse(event).success).toBe(true);
  });

  it('a failing listener neither breaks the call nor starves other listeners', async () => {
    const { core, events, log } = startCore(await copyOfVault());
    core.onEvent(() => {
      throw new Error('listener bug');
    });
    await ok(core, 'vaultUnlock', { passphrase: PASSPHRASE });
    expect(events).toEqual([{ type: 'unlocked' }]);
    expect(log.errors.join('\n')).toMatch(/listener/);
  });
});
