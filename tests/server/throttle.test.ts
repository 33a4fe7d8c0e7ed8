import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDuration, DEFAULT_THROTTLE_POLICY } from '../../src-server/auth/throttle';
import { login, provision, snapshot, startTestService, totpAt, type TestPerson, type TestService } from './helpers';

describe('throttling of failed logins', () => {
  it('blocks after the allowed failures, then doubles each block up to a ceiling', () => {
    const rule = DEFAULT_THROTTLE_POLICY.username;
    expect(blockDuration(rule, rule.blockAfter - 1)).toBe(0);
    expect(blockDuration(rule, rule.blockAfter)).toBe(rule.baseDelayMs);
    expect(blockDuration(rule, rule.blockAfter + 1)).toBe(rule.baseDelayMs * 2);
    expect(blockDuration(rule, rule.blockAfter + 2)).toBe(rule.baseDelayMs * 4);
    expect(blockDuration(rule, rule.blockAfter + 40)).toBe(rule.maxDelayMs);
  });

  describe('per username', () => {
    let test: TestService;
    let person: TestPerson;
    beforeAll(async () => {
      test = await startTestService();
      person = await provision(test, { username: 'ivan' });
    });
    afterAll(() => test.close());

    const wrongPassword = async () =>
      test.call('POST', '/v1/auth/login', {
        body: { username: 'ivan', password: 'guess', totp: await totpAt(person.totpSecret, test.clock()), enrolmentCode: person.enrolmentCode },
      });

    it('answers 429 with Retry-After once the username has failed five times, even to the right password', async () => {
      for (let i = 0; i < DEFAULT_THROTTLE_POLICY.username.blockAfter; i += 1) expect((await wrongPassword()).status).toBe(401);
      const before = snapshot(test.dataDir);
      const blocked = await login(test, person);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('auth.throttled');
      expect(blocked.headers.get('retry-after')).toBe('30');
      expect(blocked.body.retryAfterSeconds).toBe(30);
      expect(snapshot(test.dataDir)).toEqual(before);
    });

    it('lets the person in once the block has passed, and clears the counter', async () => {
      test.clock.advance(31_000);
      expect((await login(test, person)).status).toBe(200);
      test.clock.advance(30_000);
      expect((await wrongPassword()).status).toBe(401);
      expect((await wrongPassword()).status).toBe(401);
    });

    it('grows the block with each further failure', async () => {
      for (let i = 0; i < 3; i += 1) await wrongPassword();
      expect((await login(test, person)).status).toBe(429);
      test.clock.advance(31_000);
      expect((await wrongPassword()).status).toBe(401);
      const longer = await login(test, person);
      expect(longer.status).toBe(429);
      expect(longer.headers.get('retry-after')).toBe('60');
    });

    it('throttles an unknown username the same way, so the throttle does not reveal who exists', async () => {
      const ghost = async () =>
        test.call('POST', '/v1/auth/login', { body: { username: 'ghost', password: 'x', totp: '000000', enrolmentCode: person.enrolmentCode } });
      for (let i = 0; i < DEFAULT_THROTTLE_POLICY.username.blockAfter; i += 1) expect((await ghost()).status).toBe(401);
      expect((await ghost()).status).toBe(429);
    });
  });

  describe('per address', () => {
    let test: TestService;
    let person: TestPerson;
    beforeAll(async () => {
      test = await startTestService({ throttle: { address: { blockAfter: 3, baseDelayMs: 30_000, maxDelayMs: 900_000, forgetAfterMs: 3600_000 } } });
      person = await provision(test, { username: 'oksana' });
    });
    afterAll(() => test.close());

    it('blocks an address guessing across many usernames, and a good login does not clear it', async () => {
      for (const username of ['a-one', 'a-two', 'a-three']) {
        const reply = await test.call('POST', '/v1/auth/login', { body: { username, password: 'x', totp: '000000', enrolmentCode: person.enrolmentCode } });
        expect(reply.status).toBe(401);
      }
      const blocked = await login(test, person);
      expect(blocked.status).toBe(429);
      test.clock.advance(31_000);
      expect((await login(test, person)).status).toBe(200);
      test.clock.advance(30_000);
      // The address is still on its third strike: one more failure blocks it again, for longer.
      await test.call('POST', '/v1/auth/login', { body: { username: 'a-four', password: 'x', totp: '000000', enrolmentCode: person.enrolmentCode } });
      const again = await login(test, person);
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('60');
    });
  });
});
