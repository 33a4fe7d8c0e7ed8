import { expect, test } from './fixtures';

/**
 * The shell's security measures, observed from inside the page, as script
 * injected there would find them. Runs where an Electron binary exists.
 */

/** The few page globals used below (the e2e type check has no DOM library). */
interface PageGlobals {
  require?: unknown;
  process?: unknown;
  quartermaster: { api: Record<string, unknown>; onEvent: unknown };
  inlineRan?: boolean;
  open(url: string): unknown;
  location: { href: string };
  navigator: { permissions: { query(descriptor: { name: string }): Promise<{ state: string }> } };
}

test('the page has no Node and sees only the bridge', async ({ desktop }) => {
  const seen = await desktop.page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return {
      require: typeof page.require,
      process: typeof page.process,
      bridge: Object.keys(page.quartermaster).sort(),
      api: Object.values(page.quartermaster.api).every((method) => typeof method === 'function'),
    };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridge: ['api', 'onEvent'], api: true });
});

test('every response carries the CSP, and paths outside the renderer are refused', async ({ desktop }) => {
  const result = await desktop.page.evaluate(async () => {
    const index = await fetch('/index.html');
    const escape = await fetch('/..%2f..%2fpackage.json');
    return {
      csp: index.headers.get('content-security-policy'),
      escape: escape.status,
      escapeCsp: escape.headers.get('content-security-policy'),
    };
  });
  expect(result.csp).toContain("script-src 'self'");
  expect(result.csp).toContain("object-src 'none'");
  expect(result.escape).toBe(404);
  expect(result.escapeCsp).toBe(result.csp);
});

test('inline script does not run', async ({ desktop }) => {
  const { page } = desktop;
  // Playwright may report the CSP refusal itself; either way the script must not have run.
  await page.addScriptTag({ content: 'globalThis.inlineRan = true' }).catch(() => undefined);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).inlineRan)).toBeUndefined();
});

test('navigation away, new windows and permissions are refused', async ({ desktop }) => {
  const { app, page } = desktop;
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/'))).toBeNull();
  expect(app.windows()).toHaveLength(1);

  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/quartermaster\//);

  const geolocation = await page.evaluate(
    async () => (await (globalThis as unknown as PageGlobals).navigator.permissions.query({ name: 'geolocation' })).state,
  );
  expect(geolocation).toBe('denied');
});
