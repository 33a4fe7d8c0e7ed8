import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  routeNames,
  serviceRoutes,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  type RouteSpec,
  type ServiceRoutes,
} from '@shared/service/routes';
import type { ErrorIssue } from '@shared/service/errors';
import type { ServiceContext } from '../context';
import {
  authenticateAdmin,
  authenticateDevice,
  authenticateEnrolment,
  recordSeen,
  type AdminCaller,
  type DeviceCaller,
  type EnrolmentCaller,
} from './authenticate';
import { ServiceError } from './errors';

type CallerOf<A> = A extends 'device' ? DeviceCaller : A extends 'enrolment' ? EnrolmentCaller : A extends 'admin' ? AdminCaller : undefined;

export interface HandlerInput<N extends RouteName> {
  body: RouteBody<N>;
  params: RouteParams<N>;
  query: RouteQuery<N>;
  caller: CallerOf<ServiceRoutes[N]['auth']>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * An answer already serialised by its handler (the sync pull, whose rows
 * SQLite writes as JSON). `envelope` is the same answer with its bulk left
 * out (empty arrays), and is what the response schema checks; the handler
 * answers for what it put in `body` beyond that.
 */
export class PreSerialized<T> {
  constructor(
    readonly envelope: T,
    readonly body: string | Buffer,
  ) {}
}

export type Handler<N extends RouteName> = (input: HandlerInput<N>) => Promise<RouteResponse<N> | PreSerialized<RouteResponse<N>>>;

/** One handler per route of the shared table; the compiler refuses a missing or misnamed one. */
export type HandlerTable = { [N in RouteName]: Handler<N> };

function issuesOf(error: z.ZodError, where: string): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'body' | 'path' | 'query'): unknown {
  if (!schema) {
    // A route that declares no body or query accepts none (an empty JSON object is tolerated):
    // the contract is exact, so a client sending something unexpected learns it at once.
    const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
    if (!empty) throw new ServiceError('request.invalid', where === 'body' ? 'This route takes no request body' : `This route takes no ${where} parameters`);
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, where);
    throw new ServiceError('request.invalid', `Invalid request ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  return parsed.data;
}

function authenticate(ctx: ServiceContext, spec: RouteSpec, request: FastifyRequest): DeviceCaller | EnrolmentCaller | AdminCaller | undefined {
  switch (spec.auth) {
    case 'device':
      return authenticateDevice(ctx, request);
    case 'enrolment':
      return authenticateEnrolment(ctx, request);
    case 'admin':
      return authenticateAdmin(ctx, request);
    case 'none':
      return undefined;
  }
}

/**
 * Register every route of the shared table. Each request is authenticated
 * first (so an anonymous caller learns nothing about the shape we expect),
 * then its path, query and body are parsed with the route's schemas; the
 * handler's answer is checked against the response schema too, so the
 * service can never send what the contract does not describe.
 */
export function bindRoutes(app: FastifyInstance, ctx: ServiceContext, handlers: HandlerTable): void {
  for (const name of routeNames) {
    const spec: RouteSpec = serviceRoutes[name];
    const handler = handlers[name] as unknown as (input: HandlerInput<RouteName>) => Promise<unknown>;
    app.route({
      method: spec.method,
      url: spec.path,
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      handler: async (request, reply) => {
        const caller = authenticate(ctx, spec, request);
        const input = {
          params: validate(spec.params, request.params, 'path'),
          query: validate(spec.query, request.query, 'query'),
          body: validate(spec.body, request.body, 'body'),
          caller,
          request,
          reply,
        } as HandlerInput<RouteName>;
        const result = await handler(input);
        const checked = spec.response.safeParse(result instanceof PreSerialized ? result.envelope : result);
        if (!checked.success) {
          ctx.log.error(`Route ${name} produced a response outside its schema`, checked.error.issues);
          throw new ServiceError('internal', 'The service produced an invalid response');
        }
        if (spec.auth === 'device') recordSeen(ctx, caller as DeviceCaller);
        if (result instanceof PreSerialized) return reply.type('application/json; charset=utf-8').send(result.body);
        return checked.data;
      },
    });
  }
}
