import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '@shared/security/headers';
import { resolveAppFile } from './app-files';
import { APP_SCHEME } from './app-url';
import type { Log } from './log';

/**
 * Must run before `app` is ready, and only once: Electron keeps only the
 * last call's list.
 * - standard: real origin, relative URLs and web storage work;
 * - secure: treated like https (secure context, no mixed-content downgrade);
 * - supportFetchAPI + corsEnabled: Vite's `<script type="module" crossorigin>`
 *   is a CORS-mode fetch. No response carries Access-Control-Allow-Origin,
 *   so no other origin can read these files anyway.
 * - codeCache: V8 caches the bundle between runs.
 * Not bypassCSP: the policy applies to our own pages like any other.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/**
 * Serves the renderer build, and nothing else, on app://quartermaster/.
 * Every response, refusals included, carries the same security headers as
 * the browser mode (one policy, defined in security-headers.ts).
 */
export function serveAppFiles(rendererRoot: string, log: Log): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405);
    const file = resolveAppFile(rendererRoot, request.url);
    if (file === null) {
      log.warn(`app:// refused ${request.url.slice(0, 200)}`);
      return reply(404);
    }
    try {
      const body = await readFile(file.path);
      return reply(200, request.method === 'HEAD' ? null : body, file.contentType);
    } catch {
      return reply(404);
    }
  });
}

function reply(status: number, body: Uint8Array | null = null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'content-type': contentType } });
}
