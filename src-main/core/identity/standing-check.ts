import { isAppError } from '@shared/api/errors';
import type { Clock } from '../clock';
import type { CoreLog } from '../log';
import type { ServiceGateway } from '../service/gateway';
import type { Session } from '../session/session';
import { hasIdentity } from './identity-repo';

/** Often enough that a revoked laptop wipes itself within minutes of a link coming up; rare enough to cost nothing. */
export const DEFAULT_STANDING_CHECK_INTERVAL_MS = 5 * 60_000;

export type StandingOutcome = 'good' | 'not_enrolled' | 'locked' | 'offline' | 'revoked' | 'failed';

/**
 * While unlocked, asks the service now and then whether this laptop is
 * still in good standing (GET /v1/me). It runs beside the officer's work,
 * never before it: unlocking does not wait for it, and no answer (offline,
 * the normal case in the field) changes nothing. The one answer that
 * matters — revoked — is acted on by the gateway, which wipes the laptop.
 */
export class StandingCheck {
  private cancel: (() => void) | undefined;
  private active = false;
  private running: Promise<StandingOutcome> | undefined;
  private again = false;

  constructor(
    private readonly options: { session: Session; gateway: ServiceGateway; clock: Clock; log: CoreLog; intervalMs: number },
  ) {}

  /** Check now, in the background, and then every interval until `stop`. */
  start(): void {
    this.stop();
    this.active = true;
    this.arm();
    this.trigger();
  }

  stop(): void {
    this.active = false;
    this.again = false;
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(): void {
    this.cancel = this.options.clock.schedule(() => {
      this.cancel = undefined;
      if (!this.active) return;
      this.arm();
      this.trigger();
    }, this.options.intervalMs);
  }

  /** One check at a time; a tick during a check asks for one more right after it, so no tick is lost. */
  private trigger(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.check().finally(() => {
      this.running = undefined;
      if (this.again && this.active) {
        this.again = false;
        this.trigger();
      }
    });
  }

  private async check(): Promise<StandingOutcome> {
    const { session, gateway, log } = this.options;
    try {
      const enrolled = await session.peek((store) => hasIdentity(store.db));
      if (enrolled === undefined) return 'locked';
      if (!enrolled) return 'not_enrolled';
      await gateway.me();
      return 'good';
    } catch (error) {
      if (isAppError(error)) {
        switch (error.code) {
          case 'service.unreachable':
            return 'offline';
          case 'vault.locked':
          case 'vault.not_set_up':
            return 'locked';
          case 'identity.revoked':
            log.warn('The service revoked this laptop; its data has been erased');
            return 'revoked';
          case 'identity.not_enrolled':
            return 'not_enrolled';
        }
      }
      // Stopped meanwhile (locked, wiped, closing): whatever went wrong no longer matters.
      if (this.active) log.warn('The standing check failed', error);
      return 'failed';
    }
  }
}
