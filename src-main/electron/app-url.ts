/**
 * Where the app's own pages live. The renderer is served from a custom,
 * privileged scheme rather than file:// so that it has a real origin: the
 * CSP's 'self' then means exactly these files, and the IPC sender check and
 * the navigation guard have one origin to compare against.
 *
 * No Electron import here: the checks below run in plain Node tests.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'quartermaster';
/** As Chromium serializes the origin of a standard scheme (RFC 6454). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL that came from web content; anything unparsable is simply not ours. */
export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Whether a URL points into the app's own origin. Compared field by field:
 * Node's URL gives custom schemes an opaque `origin` ("null"), so comparing
 * `url.origin` would refuse everything.
 */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== null && isAppOrigin(url);
}

export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
