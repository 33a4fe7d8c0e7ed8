import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { LOOPBACK_API_PREFIX, LOOPBACK_EVENTS_PATH } from '@shared/api/bridge';
import type { ApiErrorPayload } from '@shared/api/errors';
import type { Core } from '../core/core';
import { RequestGuard, SESSION_COOKIE } from './request-guard';
import { SECURITY_HEADERS } from '@shared/security/headers';

export interface LoopbackOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Only the IPv4 loopback address is accepted: the transport must never face a network. */
  host?: '127.0.0.1';
  token?: string;
}

export interface LoopbackServer {
  /** The URL to open, carrying the token once; the page swaps it for a cookie. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 256 * 1024;
const SSE_KEEPALIVE_MS = 25_000;

function failure(code: ApiErrorPayload['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

/**
 * The browser-mode transport: the same handler table the Electron IPC
 * reaches, over HTTP on 127.0.0.1, for machines without an Electron runtime
 * and for end-to-end tests. It is a thin adapter; every request is validated
 * by the core's dispatch like any other.
 */
export async function startLoopbackTransport(options: LoopbackOptions): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The loopback transport binds to 127.0.0.1 only');
  if (!existsSync(options.rendererDir)) throw new Error(`Renderer not built: ${options.rendererDir} is missing`);
  const token = options.token ?? randomBytes(32).toString('base64url');

  // Event streams never go idle, so closing must cut them rather than wait for them.
  const app: FastifyInstance = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: false, forceCloseConnections: true });
  const guard = new RequestGuard(token);

  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(SECURITY_HEADERS);
    if (!guard.checkSource(request.headers)) {
      return reply.code(403).send(failure('request.invalid', 'Requests from other origins are refused'));
    }
    const query = request.query as Record<string, unknown> | undefined;
    const offered = typeof query?.token === 'string' ? query.token : undefined;
    if (request.method === 'GET' && offered !== undefined && guard.tokenMatches(offered)) {
      // Trade the token in the address bar for a cookie, and drop it from the URL and history.
      return reply
        .header('set-cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect(request.url.split('?')[0] ?? '/', 303);
    }
    if (!guard.tokenMatches(guard.presentedToken(request.headers))) {
      return reply.code(401).send(failure('request.invalid', 'Missing or wrong session token'));
    }
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    if (error.statusCode === 413) return reply.code(413).send(failure('request.too_large', 'Request body too large'));
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send(failure('request.invalid', error.message));
    }
    console.error('Loopback transport failure', error);
    return reply.code(500).send(failure('internal', 'Unexpected failure'));
  });

  app.get(LOOPBACK_EVENTS_PATH, (request, reply) => {
    streamEvents(options.core, reply, (stop) => request.raw.on('close', stop));
  });

  app.post<{ Params: { method: string } }>(`${LOOPBACK_API_PREFIX}:method`, async (request, reply) => {
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight we never grant.
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return reply.code(415).send(failure('request.invalid', 'Content-Type must be application/json'));
    }
    const envelope = await options.core.dispatch(request.params.method, request.body);
    if (!envelope.ok && envelope.error.code.startsWith('request.')) return reply.code(400).send(envelope);
    return reply.send(envelope);
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html', wildcard: false });

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Loopback transport has no TCP address');
  const origin = `http://${host}:${address.port}`;
  guard.serveAt(origin);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      await app.close();
    },
  };
}

function streamEvents(core: Core, reply: FastifyReply, onClose: (stop: () => void) => void): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive',
  });
  raw.write(': connected\n\n');
  const unsubscribe = core.onEvent((event) => raw.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepalive = setInterval(() => raw.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
  onClose(() => {
    clearInterval(keepalive);
    unsubscribe();
  });
}
