import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, provision, snapshot, startTestService, type Enrolled, type TestService } from './helpers';

/** Flip one character of the token's signature (or payload) so the HMAC no longer matches. */
function tamper(token: string, part: 1 | 2): string {
  const pieces = token.split('.');
  const piece = pieces[part] as string;
  const at = Math.floor(piece.length / 2);
  pieces[part] = piece.slice(0, at) + (piece[at] === 'A' ? 'B' : 'A') + piece.slice(at + 1);
  return pieces.join('.');
}

describe('access and refresh tokens', () => {
  let test: TestService;
  let device: Enrolled;

  beforeAll(async () => {
    test = await startTestService();
    const person = await provision(test, { username: 'petro', fullName: 'Петренко Петро Петрович', roles: ['commander'] });
    device = await enrol(test, person);
  });
  afterAll(() => test.close());

  it('GET /v1/me answers the standing of the calling device', async () => {
    const me = await test.call('GET', '/v1/me', { token: device.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.person).toMatchObject({ username: 'petro', roles: ['commander'], unit: { number: 'А1234' } });
    expect(me.body.device).toMatchObject({ id: device.deviceId });
    expect(me.body.serverTime).toBe(new Date(test.clock()).toISOString());
  });

  it('refuses a body on a route that takes none, changing nothing (not even last-seen)', async () => {
    test.clock.advance(61_000);
    const before = snapshot(test.dataDir);
    const reply = await test.call('POST', '/v1/auth/logout', { token: device.accessToken, body: { everything: true } });
    expect([reply.status, reply.body.code]).toEqual([400, 'request.invalid']);
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('refuses a tampered access token, in its signature or its claims', async () => {
    const before = snapshot(test.dataDir);
    for (const token of [tamper(device.accessToken, 2), tamper(device.accessToken, 1), 'not-a-token', `${device.accessToken}x`]) {
      const reply = await test.call('GET', '/v1/me', { token });
      expect([reply.status, reply.body.code]).toEqual([401, 'auth.token_invalid']);
    }
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('refuses a missing token and another kind of token', async () => {
    expect((await test.call('GET', '/v1/me')).body.code).toBe('auth.required');
    expect((await test.call('GET', '/v1/me', { headers: { authorization: 'Basic cGV0cm86eA==' } })).body.code).toBe('auth.required');
    const refreshAsAccess = await test.call('GET', '/v1/me', { token: device.refreshToken });
    expect([refreshAsAccess.status, refreshAsAccess.body.code]).toEqual([401, 'auth.token_invalid']);
  });

  it('refreshes with the device id and refresh token, rotating the refresh token', async () => {
    const reply = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: device.refreshToken } });
    expect(reply.status).toBe(200);
    const tokens = reply.body.tokens as Record<string, string>;
    expect(tokens.refreshToken).not.toBe(device.refreshToken);
    expect(tokens.accessToken).not.toBe(device.accessToken);
    expect((await test.call('GET', '/v1/me', { token: tokens.accessToken })).status).toBe(200);

    // The answer may have been lost on the way: the token just presented still works once more…
    const retried = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: device.refreshToken } });
    expect(retried.status).toBe(200);
    const latest = (retried.body.tokens as Record<string, string>).refreshToken as string;
    // …and the one whose answer was "lost" is gone.
    const stale = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: tokens.refreshToken } });
    expect([stale.status, stale.body.code]).toEqual([401, 'auth.refresh_invalid']);
    // Once more means once: replayed again, the old token is refused and cannot oust the holder of the latest.
    const replayed = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: device.refreshToken } });
    expect([replayed.status, replayed.body.code]).toEqual([401, 'auth.refresh_invalid']);

    const next = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: latest } });
    expect(next.status).toBe(200);
    const nextTokens = next.body.tokens as { accessToken: string; refreshToken: string };
    device = { ...device, accessToken: nextTokens.accessToken, refreshToken: nextTokens.refreshToken };
  });

  it('refuses a tampered refresh token, and a good one with another device id', async () => {
    const before = snapshot(test.dataDir);
    const tampered = device.refreshToken.slice(0, -1) + (device.refreshToken.endsWith('A') ? 'B' : 'A');
    const bad = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: tampered } });
    expect([bad.status, bad.body.code]).toEqual([401, 'auth.refresh_invalid']);
    const other = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3d', refreshToken: device.refreshToken } });
    expect([other.status, other.body.code]).toEqual([401, 'auth.refresh_invalid']);
    const malformed = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: 'laptop-1', refreshToken: device.refreshToken } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'request.invalid']);
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('expires the access token after 15 minutes', async () => {
    test.clock.advance(16 * 60_000);
    const reply = await test.call('GET', '/v1/me', { token: device.accessToken });
    expect([reply.status, reply.body.code]).toEqual([401, 'auth.token_expired']);
  });

  it('expires the refresh token after 30 days without use', async () => {
    test.clock.advance(31 * 24 * 3600_000);
    const before = snapshot(test.dataDir);
    const reply = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: device.deviceId, refreshToken: device.refreshToken } });
    expect([reply.status, reply.body.code]).toEqual([401, 'auth.refresh_expired']);
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('does not accept tokens signed by another service instance', async () => {
    const other = await startTestService({ clock: test.clock });
    try {
      const person = await provision(other, { username: 'petro', fullName: 'Петренко Петро Петрович' });
      const foreign = await enrol(other, person);
      const reply = await test.call('GET', '/v1/me', { token: foreign.accessToken });
      expect([reply.status, reply.body.code]).toEqual([401, 'auth.token_invalid']);
    } finally {
      await other.close();
    }
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
