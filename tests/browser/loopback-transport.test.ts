import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/create-core';
import type { Core } from '../../src-main/core/core';
import { startLoopbackTransport, type LoopbackServer } from '../../src-main/browser/loopback-transport';
import { createVaultFiles, PASSPHRASE } from '../core/support/fixtures';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(server: LoopbackServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const url = new URL(path, server.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { host: url.host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };

describe('loopback transport', () => {
  let dir: string;
  let dataDir: string;
  let core: Core;
  let server: LoopbackServer;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-loopback-'));
    const rendererDir = join(dir, 'renderer');
    dataDir = join(dir, 'data');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quartermaster</title>');
    core = createCore({ dataDir, appVersion: 'test' });
    server = await startLoopbackTransport({ core, rendererDir });
    bearer = { authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });

  it('refuses every request without the token with 401, pages and API alike', async () => {
    expect((await send(server, 'GET', '/')).status).toBe(401);
    expect((await send(server, 'GET', '/index.html')).status).toBe(401);
    const api = await send(server, 'POST', '/api/appStatus', json, '{}');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
  });

  it('refuses a wrong token with 401', async () => {
    expect((await send(server, 'GET', '/?token=not-the-token')).status).toBe(401);
    expect((await send(server, 'POST', '/api/appStatus', { ...json, authorization: 'Bearer nope' }, '{}')).status).toBe(401);
    expect((await send(server, 'POST', '/api/appStatus', { ...json, cookie: 'qm_session=nope' }, '{}')).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie and strips it from the address', async () => {
    const answer = await send(server, 'GET', `/?token=${server.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toContain(`qm_session=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await send(server, 'GET', '/', { cookie: `qm_session=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('Quartermaster');
  });

  it('answers the API with the token, through the core', async () => {
    const answer = await send(server, 'POST', '/api/appStatus', { ...json, ...bearer }, '{}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, data: { vault: 'setup', language: 'uk' } });
  });

  it('refuses requests from another origin, another site, or a rebound host name, even with the token', async () => {
    const origin = await send(server, 'POST', '/api/appStatus', { ...json, ...bearer, origin: 'http://evil.example' }, '{}');
    expect(origin.status).toBe(403);
    const site = await send(server, 'POST', '/api/appStatus', { ...json, ...bearer, 'sec-fetch-site': 'cross-site' }, '{}');
    expect(site.status).toBe(403);
    const host = await send(server, 'POST', '/api/appStatus', { ...json, ...bearer, host: 'attacker.example' }, '{}');
    expect(host.status).toBe(403);
  });

  it('refuses non-JSON bodies, unknown methods, malformed and oversized payloads without touching the vault', async () => {
    const form = await send(server, 'POST', '/api/vaultUnlock', { ...bearer, 'content-type': 'text/plain' }, 'passphrase=x');
    expect(form.status).toBe(415);
    const unknown = await send(server, 'POST', '/api/dropTables', { ...json, ...bearer }, '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.code).toBe('request.unknown_method');
    const malformed = await send(server, 'POST', '/api/vaultUnlock', { ...json, ...bearer }, '{"passphrase": 42}');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('request.invalid');
    const broken = await send(server, 'POST', '/api/vaultUnlock', { ...json, ...bearer }, '{"passphrase": ');
    expect(broken.status).toBe(400);
    const huge = await send(server, 'POST', '/api/vaultUnlock', { ...json, ...bearer }, JSON.stringify({ passphrase: 'x'.repeat(400_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('request.too_large');
    const status = await send(server, 'POST', '/api/appStatus', { ...json, ...bearer }, '{}');
    expect(JSON.parse(status.body).data.vault).toBe('setup');
  });

  it('streams core events to an authenticated listener only', async () => {
    expect((await send(server, 'GET', '/api/events')).status).toBe(401);
    const received: string[] = [];
    const url = new URL('/api/events', server.origin);
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(url, { headers: { host: url.host, ...bearer } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => received.push(chunk));
    // A vault made on disk as an interrupted enrolment leaves it (the API creates one only while enrolling).
    await createVaultFiles(dataDir);
    const unlock = await send(server, 'POST', '/api/vaultUnlock', { ...json, ...bearer }, JSON.stringify({ passphrase: PASSPHRASE }));
    expect(JSON.parse(unlock.body).ok).toBe(true);
    await expect.poll(() => received.join('')).toContain('"type":"unlocked"');
    await send(server, 'POST', '/api/vaultLock', { ...json, ...bearer }, '{}');
    await expect.poll(() => received.join('')).toContain('"type":"locked"');
    stream.destroy();
  });
});
