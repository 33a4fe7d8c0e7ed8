import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, securitySchemeOf, toOpenApiPath } from '@shared/service/openapi';
import { routeErrors, serviceRoutes, type RouteSpec } from '@shared/service/routes';
import { serviceErrorStatus } from '@shared/service/errors';
import { createServiceApp, type ServiceApp } from '../../src-server/service';
import { collectingLog, startTestService, tempDir, testClock, type TestService } from './helpers';

type Json = Record<string, unknown>;

describe('the OpenAPI document is in step with the routes', () => {
  let built: ServiceApp;
  let dataDir: string;
  let live: TestService;
  let document: Json;

  beforeAll(async () => {
    dataDir = tempDir();
    built = await createServiceApp({ dataDir, now: testClock(), log: collectingLog() });
    live = await startTestService();
    document = (await live.call('GET', '/openapi.json')).body;
  });
  afterAll(async () => {
    await built.close();
    await live.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const documented = () =>
    Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

  it('serves OpenAPI 3.1 generated from the shared contract', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument({ version: (document.info as Json).version as string }))));
  });

  it('documents every route Fastify registered, and registers every documented route', () => {
    const registered = built.routes.map((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return `${method} ${toOpenApiPath(path)}`;
    });
    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...documented()].sort());
  });

  it('has one operation per entry of the route table, with its auth and its errors', () => {
    for (const [name, spec] of Object.entries(serviceRoutes) as [string, RouteSpec][]) {
      const operation = (document.paths as Record<string, Record<string, Json>>)[toOpenApiPath(spec.path)]?.[spec.method.toLowerCase()];
      expect(operation?.operationId).toBe(name);
      expect(operation?.security).toEqual(spec.auth === 'none' ? [] : [{ [securitySchemeOf[spec.auth]]: [] }]);
      const statuses = Object.keys(operation?.responses as Json).sort();
      const expected = ['200', ...new Set(routeErrors(spec).map((code) => String(serviceErrorStatus[code])))].sort();
      expect(statuses).toEqual(expected);
    }
    const schemes = Object.keys((document.components as { securitySchemes: Json }).securitySchemes);
    expect(schemes.sort()).toEqual(Object.values(securitySchemeOf).sort());
  });

  it('resolves every $ref to a schema in the document', () => {
    const schemas = (document.components as { schemas: Json }).schemas;
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//u);
      expect(schemas).toHaveProperty(ref.slice('#/components/schemas/'.length));
    }
  });

  it('describes the request and error shapes the service enforces', () => {
    const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
    expect(schemas.LoginRequest).toMatchObject({ type: 'object', additionalProperties: false, required: ['username', 'password', 'totp', 'enrolmentCode'] });
    expect(schemas.ErrorResponse).toMatchObject({ required: ['code', 'message'] });
    expect((schemas.ServiceErrorCode as { enum: string[] }).enum).toEqual(Object.keys(serviceErrorStatus));
    expect(schemas.CsrSubject?.description).toMatch(/CN=/u);
  });
});
