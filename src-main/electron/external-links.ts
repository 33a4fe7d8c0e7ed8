import { shell } from 'electron';
import { parseUrl } from './app-url';
import type { Log } from './log';

/**
 * The only door from the app to the officer's web browser. A link opens
 * outside only if its https origin is listed here; anything else is refused
 * and logged. Empty for now: no screen links out yet. Add exact origins
 * (e.g. 'https://example.gov.ua'), never patterns.
 */
export const EXTERNAL_ORIGINS: ReadonlySet<string> = new Set<string>([]);

export function isAllowedExternal(raw: string, allowed: ReadonlySet<string> = EXTERNAL_ORIGINS): boolean {
  const url = parseUrl(raw);
  // https only: an http link could be rewritten on the way by anyone on the network.
  return url !== null && url.protocol === 'https:' && url.username === '' && url.password === '' && allowed.has(url.origin);
}

export function openExternalIfAllowed(raw: string, log: Log): void {
  if (!isAllowedExternal(raw)) {
    log.warn(`External link refused: ${raw.slice(0, 200)}`);
    return;
  }
  shell.openExternal(raw).catch((error: unknown) => log.error('Could not open an external link', error));
}
