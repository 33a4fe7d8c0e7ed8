import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUah } from '../../src-server/provisioning/catalogue';
import { readRows, snapshot, startTestService, tempDir, type TestService } from './helpers';
import { admin } from './sync-helpers';

describe('admin: catalogue changes and sync upkeep', () => {
  let test: TestService;
  let product: { id: string; sku: string; price_kopiykas: number; change_seq: number; lead_time_days: number | null };

  beforeAll(async () => {
    test = await startTestService({ demo: true });
    [product] = readRows(test.dataDir, 'SELECT id, sku, price_kopiykas, change_seq, lead_time_days FROM products WHERE lead_time_days IS NULL LIMIT 1') as [typeof product];
  });
  afterAll(() => test.close());

  const row = () => readRows<typeof product & { stock: number; active: number; withdrawn_at: number | null }>(test.dataDir, 'SELECT * FROM products WHERE id = ?', product.id)[0];

  it('lists products, filtered by category or text', async () => {
    const all = await admin(test, 'product', 'list');
    expect(all.code).toBe(0);
    expect(all.out).toContain(product.id);
    const ew = await admin(test, 'product', 'list', '--category', 'ew');
    expect(ew.out).toMatch(/Щит/u);
    expect(ew.out).not.toMatch(/fpv_strike/u);
    expect((await admin(test, 'product', 'list', '--search', 'оптолінк')).out).toMatch(/Оптолінк/u);
    expect((await admin(test, 'product', 'list', '--category', 'tanks')).code).toBe(2);
  });

  it('sets a price (bumping the change sequence), and refuses nonsense', async () => {
    const set = await admin(test, 'product', 'set-price', '--id', product.id, '--uah', '14 999,50');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toMatch(/14\s999,50 грн/u);
    expect(row()?.price_kopiykas).toBe(1_499_950);
    expect(row()?.change_seq).toBeGreaterThan(product.change_seq);
    const before = snapshot(test.dataDir);
    for (const [args, code, message] of [
      [['--id', product.id, '--uah=-5'], 2, /positive amount/u],
      [['--id', product.id, '--uah', '0'], 2, /positive amount/u],
      [['--id', product.id, '--uah', '12.345'], 2, /positive amount/u],
      [['--id', '0190a6f4-8a4c-7cc1-9f3e-1f0e6f1b2c3d', '--uah', '100'], 1, /No product/u],
      [['--uah', '100'], 2, /--id is required/u],
    ] as const) {
      const result = await admin(test, 'product', 'set-price', ...args);
      expect([result.code, result.err], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    }
    expect(snapshot(test.dataDir)).toEqual(before);
  });

  it('sets stock; out of stock needs a lead time for pre-orders', async () => {
    expect((await admin(test, 'product', 'set-stock', '--id', product.id, '--qty', '12')).code).toBe(0);
    expect(row()?.stock).toBe(12);
    const refused = await admin(test, 'product', 'set-stock', '--id', product.id, '--qty', '0');
    expect([refused.code, refused.err]).toEqual([1, expect.stringMatching(/lead time/u)]);
    const preorder = await admin(test, 'product', 'set-stock', '--id', product.id, '--qty', '0', '--lead-days', '14');
    expect([preorder.code, preorder.out]).toEqual([0, expect.stringMatching(/pre-order, 14 days/u)]);
    expect((await admin(test, 'product', 'set-stock', '--id', product.id, '--qty', 'many')).code).toBe(2);
  });

  it('withdraws a product once; a withdrawn product takes no more changes', async () => {
    const withdrawn = await admin(test, 'product', 'withdraw', '--id', product.id);
    expect([withdrawn.code, withdrawn.out]).toEqual([0, expect.stringMatching(/Withdrew/u)]);
    expect(row()).toMatchObject({ active: 0, withdrawn_at: test.clock() });
    expect((await admin(test, 'product', 'list', '--search', product.sku)).out).toMatch(/withdrawn/u);
    for (const args of [['withdraw', '--id', product.id], ['set-price', '--id', product.id, '--uah', '1']]) {
      const again = await admin(test, 'product', ...args);
      expect([again.code, again.err]).toEqual([1, expect.stringMatching(/withdrawn/u)]);
    }
  });

  it('reports and purges sync history', async () => {
    const status = await admin(test, 'sync', 'status');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^Service id [A-Za-z0-9_-]{22}; last change \d+; intents answered: 0 applied, 0 rejected\./u);
    expect(status.out).toMatch(/catalog\s+0\s+0/u);
    expect((await admin(test, 'sync', 'purge', '--days', '30')).out).toBe('Nothing to purge.');
    const purge = await admin(test, 'sync', 'purge', '--through-seq', '5', '--scope', 'reference');
    expect(purge.out).toMatch(/^reference: horizon 5, 0 tombstones purged/u);
    expect((await admin(test, 'sync', 'status')).out).toMatch(/reference\s+5\s+0/u);
    for (const args of [['--days', '30', '--through-seq', '5'], ['--scope', 'catalog'], ['--through-seq', '5', '--scope', 'weather'], ['--days', 'soon'], ['--through-seq', '1.5']]) {
      expect((await admin(test, 'sync', 'purge', ...args)).code, args.join(' ')).toBe(2);
    }
    expect((await admin(test, 'help')).out).toMatch(/product set-price/u);
  });

  it('reads amounts of hryvnias as an operator types them', () => {
    expect([parseUah('14800'), parseUah('14 800'), parseUah('14800.5'), parseUah('14800,05'), parseUah('1.'), parseUah('abc')]).toEqual([
      1_480_000, 1_480_000, 1_480_050, 1_480_005, null, null,
    ]);
  });
});

describe('scripts/seed-large.ts', () => {
  it('fills a new data directory with a large catalogue and the demo world', async () => {
    const dir = tempDir('qm-seed-large-');
    const run = promisify(execFile);
    const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
    const script = resolve(__dirname, '../../scripts/seed-large.ts');
    const { stdout } = await run(tsx, [script, '--data', dir, '--products', '300', '--demo']);
    expect(stdout).toMatch(/Seeded the demo units/u);
    expect(stdout).toMatch(/Added 300 products from 12 makers/u);
    expect(readRows<{ n: number }>(dir, 'SELECT count(*) AS n FROM persons')[0]?.n).toBeGreaterThan(0);
    await expect(run(tsx, [script, '--data', dir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--products is required') });
    rmSync(dir, { recursive: true, force: true });
  });
});
