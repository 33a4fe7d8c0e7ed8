import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { ServiceError } from './errors';
import { bindRoutes, type HandlerTable } from './routing';

/** Requests are small JSON documents; anything bigger is refused before it is read. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Fastify's own failures (body parsing, limits) in the service's error vocabulary. */
function fromFastify(error: FastifyError, bodyLimit: number): ServiceError | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return new ServiceError('request.too_large', `The request body exceeds ${bodyLimit} bytes`);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return new ServiceError('request.unsupported_media_type', 'Request bodies must be application/json');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ServiceError('request.invalid', `The request cannot be read: ${error.message}`);
  }
  return undefined;
}

export interface BuiltApp {
  app: FastifyInstance;
  /** Every route Fastify registered, as "METHOD /path": what the OpenAPI test compares with the document. */
  routes: string[];
}

export async function buildApp(ctx: ServiceContext, handlers: HandlerTable): Promise<BuiltApp> {
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    // HEAD twins would be routes the contract does not describe.
    exposeHeadRoutes: false,
    logger: false,
    return503OnClosing: true,
  });

  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });

  // Answers above 256 bytes (sync pages above all) are compressed as Accept-Encoding allows. Brotli first (at
  // quality 3 it is both faster and smaller than gzip's default on catalogue JSON), gzip at level 4. So low a
  // threshold because a sync with nothing new answers one cursor per scope, each repeating the service id:
  // six scopes came to ~600 bytes that brotli halves, on links where every byte counts.
  await app.register(compress, {
    global: true,
    threshold: 256,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } },
    zlibOptions: { level: 4 },
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    // Answers carry tokens and personal data: no cache may keep them.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new ServiceError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(error.status).send(error.toBody());
  });

  app.setErrorHandler((raw: FastifyError, request, reply) => {
    let error = raw instanceof ServiceError ? raw : fromFastify(raw, request.routeOptions.bodyLimit ?? MAX_BODY_BYTES);
    if (!error) {
      ctx.log.error(`Unexpected failure on ${request.method} ${request.url}`, raw);
      error = new ServiceError('internal', 'Unexpected failure');
    }
    if (error.extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.extra.retryAfterSeconds));
    return reply.code(error.status).send(error.toBody());
  });

  bindRoutes(app, ctx, handlers);
  await app.ready();
  return { app, routes };
}
