import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'otplib';
import { beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src-server/admin/cli';
import { readRows, snapshot, tempDir, testClock } from './helpers';

const clock = testClock();

async function admin(dataDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin([...argv, '--data', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, { now: clock });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('admin command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir('qm-admin-');
    expect((await admin(dir, 'unit', 'add', '--name', '12-та окрема штурмова бригада', '--number', 'А1234', '--tier', '1')).code).toBe(0);
  });

  it('registers units with А/В or National Guard numbers, folding Latin look-alikes', async () => {
    expect((await admin(dir, 'unit', 'add', '--name', 'Бригада НГУ', '--number', '3017', '--tier', '2')).code).toBe(0);
    const latin = await admin(dir, 'unit', 'add', '--name', 'Бригада з латиницею', '--number', 'B4321', '--tier', '3');
    expect(latin.code).toBe(0);
    expect(latin.out).toContain('В4321');
    const list = await admin(dir, 'unit', 'list');
    expect(list.out).toMatch(/3017\s+Бригада НГУ\s+2/u);
    expect(list.out).toMatch(/А1234\s+12-та окрема штурмова бригада\s+1/u);
  });

  it('refuses bad units with a clear error, a non-zero exit and no change', async () => {
    const before = snapshot(dir);
    for (const [args, message] of [
      [['--name', 'Х', '--number', 'А1111', '--tier', '1'], /3 to 160/u],
      [['--name', 'Бригада', '--number', 'Б1234', '--tier', '1'], /not a military unit number/u],
      [['--name', 'Бригада', '--number', '12345', '--tier', '1'], /not a military unit number/u],
      [['--name', 'Бригада', '--number', 'А2222', '--tier', '7'], /tier/u],
      [['--name', 'Бригада', '--number', 'А1234', '--tier', '1'], /already registered/u],
    ] as const) {
      const result = await admin(dir, 'unit', 'add', ...args);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
    }
    const usage = await admin(dir, 'unit', 'add', '--name', 'Бригада', '--number', 'А3333');
    expect([usage.code, usage.err]).toEqual([2, expect.stringMatching(/--tier is required/u)]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('registers a person with roles and prints a password, a TOTP secret and its otpauth URI once', async () => {
    const added = await admin(dir, 'person', 'add', '--unit', 'а1234', '--name', 'Коваленко Олена Іванівна', '--username', 'Olena.K', '--roles', 'orderer,receiver');
    expect(added.code).toBe(0);
    const secret = /TOTP secret\s+([A-Z2-7]+)/u.exec(added.out)?.[1] ?? '';
    expect(secret).toHaveLength(32);
    expect(added.out).toMatch(/password\s+[a-z2-9]{5}(-[a-z2-9]{5}){3}/u);
    expect(added.out).toContain(`otpauth://totp/Quartermaster:olena.k?secret=${secret}`);
    const [row] = readRows<{ password_hash: string }>(dir, 'SELECT password_hash FROM persons');
    expect(row?.password_hash).toMatch(/^scrypt\$17\$8\$1\$/u);
    expect(added.out).not.toContain(row?.password_hash);

    const list = await admin(dir, 'person', 'list', '--unit', 'А1234');
    expect(list.out).toMatch(/olena\.k\s+Коваленко Олена Іванівна\s+А1234\s+orderer,receiver\s+active/u);

    const totp = await admin(dir, 'totp', '--username', 'olena.k');
    expect(totp.out.slice(0, 6)).toBe(await generate({ secret, epoch: Math.floor(clock() / 1000) }));
  });

  it('refuses bad persons with a clear error and no change', async () => {
    await admin(dir, 'person', 'add', '--unit', 'А1234', '--name', 'Коваленко Олена Іванівна', '--username', 'olena', '--roles', 'orderer');
    const before = snapshot(dir);
    for (const [args, message] of [
      [['--unit', 'А9999', '--name', 'Іван Іванов', '--username', 'ivan', '--roles', 'orderer'], /No unit/u],
      [['--unit', 'А1234', '--name', 'Іван Іванов', '--username', 'ivan', '--roles', 'pilot'], /Unknown role pilot/u],
      [['--unit', 'А1234', '--name', 'Іван Іванов', '--username', 'olena', '--roles', 'orderer'], /taken/u],
      [['--unit', 'А1234', '--name', 'Іван Іванов', '--username', 'іван', '--roles', 'orderer'], /username must be/u],
      [['--unit', 'А1234', '--name', 'Іван Іванов', '--username', 'ivan', '--roles', ','], /At least one role/u],
    ] as const) {
      const result = await admin(dir, 'person', 'add', ...args);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('issues one-time enrolment codes with an expiry, and revokes persons', async () => {
    await admin(dir, 'person', 'add', '--unit', 'А1234', '--name', 'Коваленко Олена Іванівна', '--username', 'olena', '--roles', 'orderer');
    const code = await admin(dir, 'enrol-code', '--person', 'olena', '--hours', '24');
    expect(code.code).toBe(0);
    expect(code.out).toMatch(/Enrolment code for olena: [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/u);
    const [row] = readRows<{ expires_at: number; code_hash: string }>(dir, 'SELECT expires_at, code_hash FROM enrolment_codes');
    expect(row?.expires_at).toBe(clock() + 24 * 3600_000);
    expect(code.out).not.toContain(row?.code_hash);
    expect((await admin(dir, 'enrol-code', '--person', 'nobody')).code).toBe(1);
    expect((await admin(dir, 'enrol-code', '--person', 'olena', '--hours', 'soon')).code).toBe(2);
    expect((await admin(dir, 'person', 'revoke', 'olena', '--reason', 'transferred')).code).toBe(0);
    expect((await admin(dir, 'person', 'list')).out).toMatch(/revoked/u);
    expect((await admin(dir, 'device', 'list')).out).toBe('No devices enrolled.');
  });

  it('explains how it is called, and refuses unknown commands and options', async () => {
    const help = await admin(dir, 'help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('katottg import');
    expect((await admin(dir, 'launch', 'missiles')).code).toBe(2);
    expect((await admin(dir, 'unit', 'list', '--everything')).code).toBe(2);
    expect(await runAdmin([], { out: () => {}, err: () => {} })).toBe(2);
  });

  it('runs as a script with exit codes', async () => {
    const run = promisify(execFile);
    const script = resolve(__dirname, '../../scripts/admin.ts');
    const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
    const ok = await run(tsx, [script, 'unit', 'list', '--data', dir]);
    expect(ok.stdout).toContain('А1234');
    await expect(run(tsx, [script, 'unit', 'add', '--name', 'Бригада', '--number', 'Z1', '--tier', '1', '--data', dir])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not a military unit number'),
    });
  });
});
