import { iso } from '../clock';
import type { ServiceContext } from '../context';
import type { Handler } from '../http/routing';
import { markDeviceRevoked } from '../store/devices';
import { presentDevice, presentPerson } from './present';

/** The caller's standing; reaching this handler at all means it is in good standing. */
export function meHandler(ctx: ServiceContext): Handler<'me'> {
  return async ({ caller }) => ({
    person: presentPerson(ctx.db, caller.person),
    device: presentDevice(caller.device),
    serverTime: iso(ctx.clock()),
  });
}

/** The officer logged out and wiped the laptop: the device and its tokens stop working. */
export function logoutHandler(ctx: ServiceContext): Handler<'logout'> {
  return async ({ caller }) => {
    const now = ctx.clock();
    markDeviceRevoked(ctx.db, caller.device.id, now, 'logged out by its holder');
    ctx.log.info(`Device ${caller.device.id} of ${caller.person.username} logged out`);
    return { deviceId: caller.device.id, revokedAt: iso(now) };
  };
}
