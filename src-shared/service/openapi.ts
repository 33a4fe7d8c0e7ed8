import { z } from 'zod';
import { schemaDescriptions, schemaName, serviceSchemas } from './registry';
import { ErrorResponseSchema, serviceErrorStatus } from './errors';
import { routeErrors, serviceRoutes, type RouteAuth, type RouteSpec } from './routes';

/**
 * The OpenAPI 3.1 document, generated from the route table and the schema
 * registry, so it cannot drift from what the service validates.
 */

const SCHEMA_REF = '#/components/schemas/';

type JsonObject = Record<string, unknown>;

function ref(schema: z.ZodType): JsonObject {
  const id = schemaName(schema);
  if (!id) throw new Error('Every request and response schema of a route must be registered with named()');
  return { $ref: `${SCHEMA_REF}${id}` };
}

/** One JSON Schema per property, for path and query parameters. */
function parameters(object: z.ZodObject | undefined, location: 'path' | 'query'): JsonObject[] {
  if (!object) return [];
  return Object.entries(object.shape).map(([name, field]) => {
    const schema = z.toJSONSchema(field as z.ZodType) as JsonObject;
    delete schema.$schema;
    const required = location === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: location, required, schema };
  });
}

/** The security scheme (components.securitySchemes) of each kind of route auth. */
export const securitySchemeOf = { enrolment: 'enrolmentToken', device: 'accessToken', admin: 'adminToken' } as const satisfies Record<
  Exclude<RouteAuth, 'none'>,
  string
>;

function operation(name: string, spec: RouteSpec): JsonObject {
  const responses: JsonObject = {
    '200': { description: 'OK', content: { 'application/json': { schema: ref(spec.response) } } },
  };
  const byStatus = new Map<number, string[]>();
  for (const code of routeErrors(spec)) {
    const status = serviceErrorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = {
      description: `Error: ${codes.join(', ')}`,
      content: { 'application/json': { schema: ref(ErrorResponseSchema) } },
      ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } } : {}),
    };
  }
  const op: JsonObject = {
    operationId: name,
    summary: spec.summary,
    tags: [spec.tag],
    responses,
  };
  if (spec.description) op.description = spec.description;
  const params = [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')];
  if (params.length > 0) op.parameters = params;
  if (spec.body) op.requestBody = { required: true, content: { 'application/json': { schema: ref(spec.body) } } };
  op.security = spec.auth === 'none' ? [] : [{ [securitySchemeOf[spec.auth]]: [] }];
  return op;
}

/** Fastify's `/v1/things/:id` → OpenAPI's `/v1/things/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
}

export function buildOpenApiDocument(options: { version: string }): JsonObject {
  const generated = z.toJSONSchema(serviceSchemas, { uri: (id) => `${SCHEMA_REF}${id}` }) as { schemas: Record<string, JsonObject> };
  const schemas: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(generated.schemas).sort(([a], [b]) => a.localeCompare(b))) {
    // Components are embedded in one document: the per-schema $schema/$id are noise there.
    const { $schema: _schema, $id: _id, ...rest } = schema;
    const description = schemaDescriptions.get(id);
    schemas[id] = description === undefined ? rest : { description, ...rest };
  }

  const paths: Record<string, JsonObject> = {};
  for (const [name, spec] of Object.entries(serviceRoutes) as [string, RouteSpec][]) {
    const path = toOpenApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(name, spec) };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Quartermaster reference central service',
      version: options.version,
      description:
        'The reference implementation of the marketplace service Quartermaster talks to. ' +
        'Every error answers with ErrorResponse; 403 with `wipe: true` tells the client to erase its local store.',
    },
    tags: [
      { name: 'meta', description: 'Health, this document, the CA certificate' },
      { name: 'auth', description: 'Login, enrolment, tokens, standing' },
      { name: 'sync', description: 'Pull changes by scope and cursor; push outbox intents (exactly once)' },
      { name: 'orders', description: "The agency's and suppliers' actions on orders (admin token)" },
      { name: 'documents', description: "Expenditure invoices and acceptance certificates: the suppliers' and the agency's side (admin token)" },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        enrolmentToken: { type: 'http', scheme: 'bearer', description: 'The token /v1/auth/login returns (10 minutes).' },
        accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from enrolment or refresh (15 minutes).' },
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The service's admin token (the agency's and suppliers' systems): made on first start, printed by `npm run admin -- token`.",
        },
      },
    },
  };
}
