import { powerMonitor } from 'electron';
import type { LockReason } from '@shared/api/contract';
import type { Core } from '../core';
import type { Log } from './log';

/**
 * A laptop that sleeps or is left at a locked screen must not keep the vault
 * open: both lock the core (database closed, keys dropped). Electron reports
 * 'lock-screen' on Windows and macOS only; on Linux the idle auto-lock covers
 * a locked screen, and 'suspend' works everywhere.
 */
export function lockOnPowerEvents(core: Pick<Core, 'lock'>, log: Log): void {
  const lock = (reason: LockReason) => {
    core.lock(reason).catch((error: unknown) => log.error(`Lock on ${reason} failed`, error));
  };
  powerMonitor.on('suspend', () => lock('suspend'));
  powerMonitor.on('lock-screen', () => lock('screen_locked'));
}
