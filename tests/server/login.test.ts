import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, snapshot, startTestService, totpAt, type TestPerson, type TestService } from './helpers';

describe('login with password, TOTP and enrolment code', () => {
  let test: TestService;
  let olena: TestPerson;
  let taras: TestPerson;

  beforeAll(async () => {
    test = await startTestService();
    olena = await provision(test, { username: 'olena', fullName: 'Коваленко Олена Іванівна', roles: ['orderer', 'receiver'] });
    taras = await provision(test, { username: 'taras', fullName: 'Шевченко Тарас Григорович', roles: ['commander'] });
  });
  afterAll(() => test.close());

  async function attempt(person: TestPerson, overrides: Record<string, unknown> = {}) {
    const totp = await totpAt(person.totpSecret, test.clock());
    return test.call('POST', '/v1/auth/login', {
      body: { username: person.username, password: person.password, totp, enrolmentCode: person.enrolmentCode, ...overrides },
    });
  }

  /** A bad attempt must be refused with `code` and leave every table as it was. */
  async function refusedWithoutChange(expectStatus: number, code: string, run: () => Promise<{ status: number; body: Record<string, unknown> }>) {
    const before = snapshot(test.dataDir);
    const reply = await run();
    expect(reply.body.code).toBe(code);
    expect(reply.status).toBe(expectStatus);
    expect(typeof reply.body.message).toBe('string');
    expect(snapshot(test.dataDir)).toEqual(before);
    return reply;
  }

  it('issues an enrolment token and names the person, roles, unit and CSR subject', async () => {
    const reply = await attempt(olena);
    expect(reply.status).toBe(200);
    expect(reply.body.enrolmentToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/u);
    expect(reply.body.person).toMatchObject({ username: 'olena', fullName: 'Коваленко Олена Іванівна', roles: ['orderer', 'receiver'], unit: { number: 'А1234', tier: 1 } });
    expect(reply.body.csrSubject).toEqual({ commonName: 'Коваленко Олена Іванівна', uid: 'olena' });
    expect(reply.body.acceptedKeyBits).toContain(3072);
    expect(Date.parse(reply.body.enrolmentTokenExpiresAt as string) - test.clock()).toBeLessThanOrEqual(10 * 60_000);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    test.clock.advance(30_000);
  });

  it('takes the username in any case and with stray spaces', async () => {
    const reply = await attempt(olena, { username: '  OLENA ' });
    expect(reply.status).toBe(200);
    test.clock.advance(30_000);
  });

  it('refuses a wrong password without changing anything', async () => {
    await refusedWithoutChange(401, 'auth.invalid_credentials', () => attempt(olena, { password: 'not-her-password' }));
  });

  it('answers an unknown person exactly like a wrong password', async () => {
    const reply = await refusedWithoutChange(401, 'auth.invalid_credentials', () => attempt({ ...olena, username: 'nobody' }));
    expect(reply.body.message).toBe('Unknown username or wrong password');
  });

  it('refuses a wrong TOTP code', async () => {
    const right = await totpAt(olena.totpSecret, test.clock());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await refusedWithoutChange(401, 'auth.totp_invalid', () => attempt(olena, { totp: wrong }));
  });

  it('refuses an expired TOTP code (two steps old) and one two steps ahead', async () => {
    const old = await totpAt(olena.totpSecret, test.clock() - 60_000);
    await refusedWithoutChange(401, 'auth.totp_invalid', () => attempt(olena, { totp: old }));
    const ahead = await totpAt(olena.totpSecret, test.clock() + 60_000);
    await refusedWithoutChange(401, 'auth.totp_invalid', () => attempt(olena, { totp: ahead }));
  });

  it('accepts a code one step behind and, later, one step ahead (±1 window)', async () => {
    test.clock.advance(120_000);
    expect((await attempt(olena, { totp: await totpAt(olena.totpSecret, test.clock() - 30_000) })).status).toBe(200);
    test.clock.advance(120_000);
    expect((await attempt(olena, { totp: await totpAt(olena.totpSecret, test.clock() + 30_000) })).status).toBe(200);
  });

  it('refuses a reused code, and an older code after a newer one was used (replay)', async () => {
    test.clock.advance(120_000);
    const code = await totpAt(olena.totpSecret, test.clock());
    expect((await attempt(olena, { totp: code })).status).toBe(200);
    await refusedWithoutChange(409, 'auth.totp_replayed', () => attempt(olena, { totp: code }));
    // The previous step is inside the window, but it is before the step just used.
    const previous = await totpAt(olena.totpSecret, test.clock() - 30_000);
    await refusedWithoutChange(409, 'auth.totp_replayed', () => attempt(olena, { totp: previous }));
    test.clock.advance(30_000);
    expect((await attempt(olena)).status).toBe(200);
  });

  it("refuses an unknown enrolment code and another person's code", async () => {
    test.clock.advance(60_000);
    await refusedWithoutChange(401, 'enrolment.code_invalid', () => attempt(olena, { enrolmentCode: 'AAAA-BBBB-CCCC' }));
    await refusedWithoutChange(401, 'enrolment.code_invalid', () => attempt(olena, { enrolmentCode: taras.enrolmentCode }));
  });

  it('forgives case, spaces and look-alike letters in the enrolment code', async () => {
    test.clock.advance(60_000);
    const sloppy = olena.enrolmentCode.toLowerCase().replace(/-/gu, ' ').replace(/0/gu, 'o').replace(/1/gu, 'l');
    expect((await attempt(olena, { enrolmentCode: sloppy })).status).toBe(200);
  });

  it('refuses an expired enrolment code', async () => {
    const shortLived = await provision(test, { username: 'mykola', codeHours: 1 });
    test.clock.advance(2 * 3600_000);
    await refusedWithoutChange(401, 'enrolment.code_expired', () => attempt(shortLived));
  });

  it('refuses malformed bodies with the issues listed', async () => {
    const totp = await totpAt(olena.totpSecret, test.clock());
    const cases: unknown[] = [
      {},
      { username: 'olena', password: olena.password, totp, enrolmentCode: olena.enrolmentCode, extra: true },
      { username: 'olena', password: olena.password, totp: '12a456', enrolmentCode: olena.enrolmentCode },
      { username: 'olena', password: olena.password, totp, enrolmentCode: 'short' },
      { username: 'x'.repeat(65), password: olena.password, totp, enrolmentCode: olena.enrolmentCode },
      ['not', 'an', 'object'],
    ];
    for (const body of cases) {
      const reply = await refusedWithoutChange(400, 'request.invalid', () => test.call('POST', '/v1/auth/login', { body }));
      expect(Array.isArray(reply.body.issues)).toBe(true);
    }
  });

  it('never logged an unexpected error', () => {
    expect(test.log.errors).toEqual([]);
  });
});
