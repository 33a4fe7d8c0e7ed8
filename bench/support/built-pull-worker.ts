import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { PullWorkerScript } from '../../src-main/core/sync/pull-worker-client';

/**
 * The pull worker as the app runs it: bundled into one JavaScript file
 * (electron-vite does the same for the app), not compiled module by module
 * by tsx at its start, which would add a second to every first sync timed
 * here and is no part of what an officer waits for. Built by a process of
 * its own: the bundler's memory must not count in the figures of the
 * process that asks for it.
 */
const root = resolve(import.meta.dirname, '../..');
// Inside the repository, so that the bundle finds the packages it leaves out (zod, the SQLite binding) as the app does.
const outDir = join(root, 'node_modules/.cache/quartermaster-bench');

export function buildPullWorker(): PullWorkerScript {
  const built = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`Bundling the pull worker failed (exit code ${built.status})`);
  return { url: pathToFileURL(join(outDir, 'pull-worker.mjs')), execArgv: [] };
}

async function bundle(): Promise<void> {
  const packages = Object.keys((await import('../../package.json', { with: { type: 'json' } })).default.dependencies ?? {});
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@shared': join(root, 'src-shared') } },
    build: {
      ssr: join(root, 'src-main/core/sync/pull-worker.ts'),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: {
        external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`), ...packages, ...packages.map((name) => new RegExp(`^${name}/`))],
        output: { format: 'es', entryFileNames: 'pull-worker.mjs' },
      },
    },
  });
}

if (process.argv[2] === '--build') await bundle();
