/**
 * The service's sense of time, in epoch milliseconds. Injected so tests can
 * move it (TOTP windows, token expiry, throttling) without sleeping.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
