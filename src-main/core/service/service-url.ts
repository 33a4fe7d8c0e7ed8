import { AppError } from '@shared/api/errors';

/**
 * Which addresses the core will talk to. Tokens, passwords and TOTP codes
 * travel in these requests, so plain http is allowed only where nothing
 * leaves the machine: the loopback interface (the reference service that
 * `npm start` runs beside the app). Everything else must be https.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * The canonical form of a service address: scheme, host, port and an
 * optional path prefix, without a trailing slash (routes are appended to
 * it). Credentials, a query or a fragment in the address are refused rather
 * than dropped: they show the officer typed something other than a service
 * address, and credentials in a URL end up in logs.
 */
export function parseServiceUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badAddress(`Not an address: ${text.slice(0, 80)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badAddress(`Unsupported scheme ${url.protocol}`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw badAddress('Plain http is allowed only on this machine (127.0.0.1, localhost, [::1]); use https');
  }
  if (url.hostname === '') throw badAddress('The address has no host');
  if (url.username !== '' || url.password !== '') throw badAddress('The address must not contain a user name or password');
  if (url.search !== '' || url.hash !== '' || text.endsWith('?') || text.endsWith('#')) {
    throw badAddress('The address must not contain a query or fragment');
  }
  const path = url.pathname.replace(/\/+$/u, '');
  return `${url.origin}${path}`;
}

function badAddress(message: string): AppError {
  return new AppError('service.bad_address', message);
}
