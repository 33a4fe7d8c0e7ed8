import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '@shared/api/errors';
import { demandsWipe, toAppError } from '../../src-main/core/service/errors';
import { ServiceCallError, ServiceHttp } from '../../src-main/core/service/http';
import { decodeBody } from '../../src-main/core/service/encoded-body';
import { parseServiceUrl } from '../../src-main/core/service/service-url';

/**
 * The HTTP layer against a stand-in that answers whatever each test says:
 * the cases a real service never produces on purpose (wrong shapes,
 * redirects, huge bodies) but a proxy, a captive portal or a broken
 * deployment will.
 */
type Answer = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let base: string;
let answer: Answer = (_req, res) => res.end();
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const http = new ServiceHttp({ userAgent: 'Quartermaster/test', timeoutMs: 2_000 });
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};
const health = { status: 'ok', service: 'quartermaster-reference-service', version: '0.1.0', time: '2025-06-02T09:00:00.000Z' };

async function failure(promise: Promise<unknown>): Promise<ServiceCallError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceCallError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the service HTTP layer', () => {
  it('returns data of the documented shape and the service clock from the Date header', async () => {
    answer = json(200, health, { date: 'Mon, 02 Jun 2025 09:00:00 GMT' });
    const result = await http.call(base, 'health');
    expect(result.data).toEqual(health);
    expect(result.serverTime).toBe(Date.UTC(2025, 5, 2, 9, 0, 0));
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/health' });
    expect(seen.at(-1)?.headers['user-agent']).toBe('Quartermaster/test');
  });

  it('sends JSON bodies with their content type, a bearer token when given, and no content type without a body', async () => {
    answer = json(200, { deviceId: '0197a000-0000-7000-8000-000000000001', revokedAt: '2025-06-02T09:00:00.000Z' });
    await http.call(base, 'logout', { token: 'abc.def.ghi' });
    expect(seen.at(-1)?.headers['content-type']).toBeUndefined();
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer abc.def.ghi');
    answer = json(401, { code: 'auth.refresh_invalid', message: 'no' });
    await failure(http.call(base, 'refresh', { body: { deviceId: '0197a000-0000-7000-8000-000000000001', refreshToken: 'qmr_x' } }));
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ deviceId: '0197a000-0000-7000-8000-000000000001', refreshToken: 'qmr_x' });
  });

  it.each<[string, Answer]>([
    ['JSON of another shape', json(200, { status: 'fine' })],
    ['an HTML page', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>')],
    ['JSON labelled as text', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(health))],
    ['a truncated JSON body', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status": "ok", "serv')],
    ['a redirect (never followed)', (_req, res) => res.writeHead(302, { location: 'http://evil.example/health' }).end()],
    ['an error status without an error body', (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('oops')],
    ['a body larger than the limit', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...health, pad: 'x'.repeat(2 * 1024 * 1024) }))],
  ])('%s is a bad response', async (_label, reply) => {
    answer = reply;
    const error = await failure(http.call(base, 'health'));
    expect(error.kind, error.message).toBe('bad_response');
    expect((toAppError(error, 'probe') as AppError).code).toBe('service.bad_response');
  });

  it.each([502, 503, 504])('HTTP %i without a service error body means unreachable (a proxy before a down service)', async (status) => {
    answer = (_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    const error = await failure(http.call(base, 'health'));
    expect(error.kind).toBe('unreachable');
  });

  it('reads Retry-After in seconds or as a date, and the throttle maps to service.throttled', async () => {
    answer = json(429, { code: 'auth.throttled', message: 'slow down', retryAfterSeconds: 30 }, { 'retry-after': '30' });
    let error = await failure(http.call(base, 'health'));
    expect(error.refusal).toMatchObject({ status: 429, code: 'auth.throttled', retryAfterMs: 30_000 });
    expect(toAppError(error, 'login')).toMatchObject({ code: 'service.throttled', params: { retryAfterMs: 30_000 } });

    answer = json(429, { code: 'auth.throttled', message: 'slow down' }, { date: 'Mon, 02 Jun 2025 09:00:00 GMT', 'retry-after': 'Mon, 02 Jun 2025 09:01:00 GMT' });
    error = await failure(http.call(base, 'health'));
    expect(error.refusal?.retryAfterMs).toBe(60_000);
  });

  it('keeps a refusal with an unknown (newer) code, and reports it as an incompatible service', async () => {
    answer = json(409, { code: 'order.frozen', message: 'new in a later version', extra: 1 });
    const error = await failure(http.call(base, 'health'));
    expect(error.refusal).toMatchObject({ code: 'order.frozen', wipe: false });
    expect(toAppError(error, 'device')).toMatchObject({ code: 'service.bad_response', params: { status: 409, code: 'order.frozen' } });
  });

  it('recognises the answers that demand a wipe', async () => {
    answer = json(403, { code: 'device.revoked', message: 'revoked', wipe: true });
    const error = await failure(http.call(base, 'me', { token: 't' }));
    expect(demandsWipe(error)).toBe(true);
    expect(toAppError(error, 'device')).toMatchObject({ code: 'identity.revoked' });
    answer = json(401, { code: 'auth.token_expired', message: 'expired' });
    expect(demandsWipe(await failure(http.call(base, 'me', { token: 't' })))).toBe(false);
  });

  it('aborts requests in flight when the core closes', async () => {
    answer = () => {}; // never answers
    const closing = new AbortController();
    const closable = new ServiceHttp({ userAgent: 'x', timeoutMs: 10_000, signal: closing.signal });
    const pending = failure(closable.call(base, 'health'));
    setTimeout(() => closing.abort(), 50);
    const error = await pending;
    expect(error.kind).toBe('aborted');
    expect(toAppError(error, 'device')).toMatchObject({ code: 'internal' });
  });
});

describe('service error codes in the officer’s vocabulary', () => {
  const refused = (code: string, status = 400) => new ServiceCallError('refused', code, { status, code, message: code, wipe: false });
  it.each([
    ['login', 'auth.invalid_credentials', 'enrol.invalid_credentials'],
    ['login', 'auth.totp_invalid', 'enrol.totp_invalid'],
    ['login', 'auth.totp_replayed', 'enrol.totp_replayed'],
    ['login', 'enrolment.code_invalid', 'enrol.code_invalid'],
    ['login', 'enrolment.code_expired', 'enrol.code_expired'],
    ['login', 'enrolment.code_used', 'enrol.code_used'],
    ['login', 'person.revoked', 'identity.revoked'],
    ['enrol', 'csr.malformed', 'enrol.rejected'],
    ['enrol', 'csr.weak_key', 'enrol.rejected'],
    ['enrol', 'csr.subject_mismatch', 'enrol.rejected'],
    ['enrol', 'csr.key_reused', 'enrol.rejected'],
    ['enrol', 'auth.token_expired', 'enrol.session_expired'],
    ['enrol', 'auth.token_invalid', 'enrol.session_expired'],
    ['enrol', 'enrolment.code_used', 'enrol.code_used'],
    ['device', 'device.revoked', 'identity.revoked'],
    ['device', 'auth.refresh_expired', 'enrol.session_expired'],
    ['device', 'device.certificate_expired', 'enrol.session_expired'],
    ['device', 'request.invalid', 'service.bad_response'],
    ['probe', 'not_found', 'service.bad_response'],
    ['device', 'internal', 'service.bad_response'],
  ] as const)('%s: %s → %s', (context, code, expected) => {
    expect((toAppError(refused(code), context) as AppError).code).toBe(expected);
  });

  it('network failures are unreachable', () => {
    expect((toAppError(new ServiceCallError('unreachable', 'ECONNREFUSED'), 'login') as AppError).code).toBe('service.unreachable');
  });
});

describe('service addresses', () => {
  it.each([
    ['https://qm.example.mil', 'https://qm.example.mil'],
    ['https://qm.example.mil/', 'https://qm.example.mil'],
    ['  https://QM.Example.mil:8443/api/  ', 'https://qm.example.mil:8443/api'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('%s → %s', (input, expected) => {
    expect(parseServiceUrl(input)).toBe(expected);
  });

  it.each(['', 'qm.example.mil', 'ftp://qm.example.mil', 'http://qm.example.mil', 'http://192.168.1.10', 'http://127.0.0.2:8787', 'https://u:p@qm.example.mil', 'https://qm.example.mil?x', 'https://qm.example.mil#top', 'file:///etc/passwd', 'javascript:alert(1)'])(
    '%j is refused',
    (input) => {
      expect(() => parseServiceUrl(input)).toThrow(expect.objectContaining({ code: 'service.bad_address' }));
    },
  );
});

describe('an answer read off the wire still encoded (callEncoded, for the pull worker)', () => {
  const encoded = (status: number, body: unknown, coding: 'gzip' | 'br' | 'compress'): Answer => (_req, res) => {
    const text = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': coding });
    res.end(coding === 'gzip' ? gzipSync(text) : coding === 'br' ? brotliCompressSync(text) : text);
  };

  it.each(['gzip', 'br'] as const)('a %s answer comes back as it came, and decodes to what the service sent', async (coding) => {
    answer = encoded(200, health, coding);
    const { data } = await http.callEncoded(base, 'health');
    expect(data.coding).toBe(coding);
    expect(data.bytes[0]).not.toBe('{'.charCodeAt(0));
    expect(JSON.parse(decodeBody(data, 1024, 'health').toString('utf8'))).toEqual(health);
  });

  it('a compressed refusal is judged as call judges it', async () => {
    answer = encoded(409, { code: 'order.frozen', message: 'new in a later version' }, 'gzip');
    const error = await failure(http.callEncoded(base, 'health'));
    expect(error.refusal).toMatchObject({ status: 409, code: 'order.frozen' });
  });

  it('a gateway error whose body cannot be decoded still means unreachable', async () => {
    answer = (_req, res) => res.writeHead(502, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end('not gzip');
    expect((await failure(http.callEncoded(base, 'health'))).kind).toBe('unreachable');
  });

  it('an answer in a coding the client does not read is a bad response', async () => {
    answer = encoded(200, health, 'compress');
    const error = await failure(http.callEncoded(base, 'health'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toMatch(/content coding/u);
  });
});
