import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src-server/http/app';
import { provision, snapshot, startTestService, type TestPerson, type TestService } from './helpers';

describe('HTTP behaviour common to every route', () => {
  let test: TestService;
  let person: TestPerson;
  beforeAll(async () => {
    test = await startTestService();
    person = await provision(test, { username: 'vasyl' });
  });
  afterAll(() => test.close());

  it('answers the health check with the service clock', async () => {
    const reply = await test.call('GET', '/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', time: new Date(test.clock()).toISOString() });
  });

  it('refuses an oversized body with 413 request.too_large, before reading it, changing nothing', async () => {
    const before = snapshot(test.dataDir);
    const huge = { username: 'vasyl', password: 'x'.repeat(MAX_BODY_BYTES), totp: '123456', enrolmentCode: person.enrolmentCode };
    const reply = await test.call('POST', '/v1/auth/login', { body: huge });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ code: 'request.too_large', message: expect.any(String) });
    const enrol = await test.call('POST', '/v1/auth/enrol', { body: { csr: 'A'.repeat(100_000) }, token: 'x.y.z' });
    expect(enrol.status).toBe(413);
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('refuses bodies that are not JSON', async () => {
    const wrongType = await test.call('POST', '/v1/auth/login', { rawBody: 'username=vasyl', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([wrongType.status, wrongType.body.code]).toEqual([415, 'request.unsupported_media_type']);
    const broken = await test.call('POST', '/v1/auth/login', { rawBody: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect([broken.status, broken.body.code]).toEqual([400, 'request.invalid']);
    const poisoned = await test.call('POST', '/v1/auth/login', { rawBody: '{"__proto__": {"admin": true}}', headers: { 'content-type': 'application/json' } });
    expect([poisoned.status, poisoned.body.code]).toEqual([400, 'request.invalid']);
  });

  it('refuses query parameters a route does not declare', async () => {
    const reply = await test.call('GET', '/health?verbose=1');
    expect([reply.status, reply.body.code]).toEqual([400, 'request.invalid']);
  });

  it('answers unknown routes and methods with 404 {code, message}', async () => {
    for (const [method, path] of [['GET', '/v1/nothing'], ['GET', '/v1/auth/login'], ['DELETE', '/v1/me'], ['HEAD', '/v1/me']] as const) {
      const reply = await test.call(method, path);
      expect(reply.status).toBe(404);
      if (method !== 'HEAD') expect(reply.body).toEqual({ code: 'not_found', message: expect.any(String) });
    }
  });

  it('marks every answer as not to be cached', async () => {
    for (const path of ['/health', '/v1/ca', '/v1/nothing']) {
      expect((await test.call('GET', path)).headers.get('cache-control')).toBe('no-store');
    }
  });

  it('compresses large answers when asked', async () => {
    const response = await fetch(`${test.service.url}/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
