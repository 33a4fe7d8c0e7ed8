import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src-server/admin/cli';
import { enrol, login, provision, startTestService, type Enrolled, type TestPerson, type TestService } from './helpers';

/** The admin command line, run against the live service's data directory as an operator would. */
async function admin(test: TestService, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin([...argv, '--data', test.dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, { now: test.clock });
  return { code, out, err };
}

describe('revocation takes effect on the next request and tells the client to wipe', () => {
  let test: TestService;
  let anna: TestPerson;
  let laptop: Enrolled;
  let tablet: Enrolled;
  let bohdan: TestPerson;
  let bohdansLaptop: Enrolled;

  beforeAll(async () => {
    test = await startTestService();
    anna = await provision(test, { username: 'anna', fullName: 'Бойко Анна Сергіївна', roles: ['receiver'] });
    laptop = await enrol(test, anna);
    anna = { ...anna, enrolmentCode: (await admin(test, 'enrol-code', '--person', 'anna')).out[0]?.split(': ')[1] ?? '' };
    tablet = await enrol(test, anna);
    bohdan = await provision(test, { username: 'bohdan', fullName: 'Мороз Богдан Олегович', roles: ['orderer'] });
    bohdansLaptop = await enrol(test, bohdan);
  });
  afterAll(() => test.close());

  it('a revoked device gets 403 device.revoked with wipe: true, on any authenticated call and on refresh', async () => {
    const revoked = await admin(test, 'device', 'revoke', laptop.deviceId, '--reason', 'lost in the field');
    expect(revoked.code).toBe(0);
    const me = await test.call('GET', '/v1/me', { token: laptop.accessToken });
    expect(me.status).toBe(403);
    expect(me.body).toEqual({ code: 'device.revoked', message: expect.any(String), wipe: true });
    const refresh = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: laptop.deviceId, refreshToken: laptop.refreshToken } });
    expect(refresh.status).toBe(403);
    expect(refresh.body).toMatchObject({ code: 'device.revoked', wipe: true });
  });

  it("leaves the person's other device working", async () => {
    expect((await test.call('GET', '/v1/me', { token: tablet.accessToken })).status).toBe(200);
  });

  it('still tells a revoked device to wipe when its access token has expired meanwhile', async () => {
    test.clock.advance(20 * 60_000);
    const me = await test.call('GET', '/v1/me', { token: laptop.accessToken });
    expect(me.body).toMatchObject({ code: 'device.revoked', wipe: true });
  });

  it('a revoked person gets 403 person.revoked with wipe: true on every device, and cannot log in', async () => {
    const revoked = await admin(test, 'person', 'revoke', 'anna');
    expect(revoked.code).toBe(0);
    const refresh = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: tablet.deviceId, refreshToken: tablet.refreshToken } });
    expect(refresh.status).toBe(403);
    expect(refresh.body).toMatchObject({ code: 'person.revoked', wipe: true });
    // The tablet's access token expired meanwhile; revocation is still what it is told.
    const me = await test.call('GET', '/v1/me', { token: tablet.accessToken });
    expect(me.body).toMatchObject({ code: 'person.revoked', wipe: true });
    test.clock.advance(30_000);
    const again = await login(test, anna);
    expect([again.status, again.body.code]).toEqual([403, 'person.revoked']);
    expect((await admin(test, 'enrol-code', '--person', 'anna')).code).toBe(1);
  });

  it('logging out revokes the calling device only', async () => {
    const me = await test.call('GET', '/v1/me', { token: bohdansLaptop.accessToken });
    expect(me.status).toBe(401); // expired during the previous tests
    const refreshed = await test.call('POST', '/v1/auth/refresh', { body: { deviceId: bohdansLaptop.deviceId, refreshToken: bohdansLaptop.refreshToken } });
    const accessToken = (refreshed.body.tokens as { accessToken: string }).accessToken;
    const out = await test.call('POST', '/v1/auth/logout', { token: accessToken });
    expect(out.status).toBe(200);
    expect(out.body.deviceId).toBe(bohdansLaptop.deviceId);
    expect((await test.call('GET', '/v1/me', { token: accessToken })).body).toMatchObject({ code: 'device.revoked', wipe: true });
    const list = await admin(test, 'device', 'list', '--person', 'bohdan');
    expect(list.out.join('\n')).toMatch(/revoked/u);
  });

  it('reports revoking twice or an unknown device as an error, with a non-zero exit', async () => {
    expect((await admin(test, 'device', 'revoke', laptop.deviceId)).code).toBe(1);
    const unknown = await admin(test, 'device', 'revoke', '01890f4e-8a4c-7cc1-9f3e-1f0e6f1b2c3d');
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(/No device/u);
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
