import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

/**
 * The code a benchmark measures, bundled as the app runs it (electron-vite
 * does the same for the app): the pull worker and the sync benchmark's
 * laptop. Not compiled module by module by tsx at their start, which would
 * add a second and a hundred megabytes to the figures, none of which an
 * officer meets. Built by a process of its own, so that the bundler's
 * memory counts nowhere.
 */
const root = resolve(import.meta.dirname, '../..');
// Inside the repository, so that the bundles find the packages they leave out (zod, the SQLite binding) as the app does.
const outDir = join(root, 'node_modules/.cache/quartermaster-bench');
const entries = {
  'pull-worker': 'src-main/core/sync/pull-worker.ts',
  'sync-laptop': 'bench/support/sync-laptop.ts',
};

export type BundledEntry = keyof typeof entries;

/** Bundles every entry; answers the file of each. */
export function bundleForBench(): Record<BundledEntry, string> {
  const built = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`Bundling for the benchmark failed (exit code ${built.status})`);
  return { 'pull-worker': join(outDir, 'pull-worker.mjs'), 'sync-laptop': join(outDir, 'sync-laptop.mjs') };
}

export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}

async function bundle(): Promise<void> {
  const packages = Object.keys((await import('../../package.json', { with: { type: 'json' } })).default.dependencies ?? {});
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@shared': join(root, 'src-shared') } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
        external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`), ...packages, ...packages.map((name) => new RegExp(`^${name}/`))],
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      },
    },
  });
}

if (process.argv[2] === '--build') await bundle();
