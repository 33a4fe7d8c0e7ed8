import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isAppOrigin, parseUrl } from './app-url';

/**
 * Maps an app:// URL to a file under the renderer's build directory, or
 * refuses it. Pure (no I/O, no Electron) so the refusals can be tested.
 *
 * Only file types the renderer build produces are served; anything else is
 * refused rather than guessed, so no response is ever sniffed into script.
 */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const ENTRY_FILE = 'index.html';

export interface AppFile {
  path: string;
  contentType: string;
}

export function resolveAppFile(root: string, rawUrl: string): AppFile | null {
  const url = parseUrl(rawUrl);
  if (url === null || !isAppOrigin(url)) return null;

  let pathname: string;
  try {
    // URL parsing already collapsed literal and %2e dot segments; decoding
    // can still produce "../" from "%2e%2e%2f", which the check below catches.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // NUL and backslashes have no place in our asset names; on Windows a
  // backslash would be a separator the dot-segment collapsing never saw.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;

  const relativePath = pathname === '/' ? ENTRY_FILE : pathname.slice(1);
  const absoluteRoot = resolve(root);
  const path = resolve(absoluteRoot, relativePath);
  const inside = relative(absoluteRoot, path);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;

  const contentType = contentTypes[extname(path).toLowerCase()];
  return contentType === undefined ? null : { path, contentType };
}
