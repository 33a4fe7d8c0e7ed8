import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'qm_session';

export type GuardVerdict = 'ok' | 'unauthorized' | 'forbidden';

/**
 * Decides whether a request to the browser-mode server may touch the core.
 * The server listens on loopback, but any web page the officer opens could
 * still aim requests at it, so three checks stand between it and the core:
 * the Host header (against DNS rebinding), the Origin and Fetch Metadata
 * headers (against cross-site requests), and the per-run token.
 */
export class RequestGuard {
  private readonly token: Buffer;
  private origin: string | undefined;

  constructor(token: string) {
    this.token = Buffer.from(token);
  }

  /** The port is known only once the server listens; until then every request is refused. */
  serveAt(origin: string): void {
    this.origin = origin;
  }

  checkSource(headers: IncomingHttpHeaders): boolean {
    if (this.origin === undefined) return false;
    const host = headers.host;
    if (host === undefined || `http://${host}` !== this.origin) return false;
    const origin = headers.origin;
    if (origin !== undefined && origin !== this.origin) return false;
    const site = headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
    return true;
  }

  tokenMatches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  /** The token may come as the session cookie (the page) or a bearer header (scripts, tests). */
  presentedToken(headers: IncomingHttpHeaders): string | undefined {
    const authorization = headers.authorization;
    if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
    return readCookie(headers.cookie, SESSION_COOKIE);
  }

  verdict(headers: IncomingHttpHeaders): GuardVerdict {
    if (!this.checkSource(headers)) return 'forbidden';
    return this.tokenMatches(this.presentedToken(headers)) ? 'ok' : 'unauthorized';
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
