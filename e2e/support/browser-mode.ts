import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { TestService, type Officer } from '../../tests/support/service';
import { enrolmentFor, type EnrolmentInput } from './enrol';

const root = resolve(import.meta.dirname, '../..');

/** A running browser-mode process: the real core, the real encrypted store, on loopback. */
export class BrowserModeProcess {
  private child: ChildProcess | undefined;
  url = '';
  origin = '';
  token = '';

  constructor(
    readonly dataDir: string,
    private readonly serviceUrl: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/browser.ts', '--no-build', '--port', '0', '--data', this.dataDir, '--service', this.serviceUrl], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`browser mode exited with ${code}:\n${output}`));
      });
    });
    const parsed = new URL(this.url);
    this.origin = parsed.origin;
    this.token = parsed.searchParams.get('token') ?? '';
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/**
 * Each test gets a laptop of its own (a browser-mode process with an empty
 * data directory) and an officer of its own, provisioned on a reference
 * service that the tests of one worker share; TOTP replay protection makes
 * one officer per enrolment the natural unit.
 */
export const test = base.extend<{ app: BrowserModeProcess; officer: Officer; enrolment: EnrolmentInput }, { service: TestService }>({
  service: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern.
    async ({}, use) => {
      const service = await TestService.start({ demo: true });
      await use(service);
      await service.close();
    },
    { scope: 'worker' },
  ],
  officer: async ({ service }, use) => {
    // A unit of the demo world, so the officer sees its budget.
    await use(await service.provision({ roles: ['orderer', 'receiver'], unitNumber: 'А4271' }));
  },
  enrolment: async ({ service, officer }, use) => {
    await use(enrolmentFor(service, officer));
  },
  app: async ({ service }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qm-e2e-'));
    const app = new BrowserModeProcess(dataDir, service.url);
    await app.start();
    await use(app);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
