import { spawnSync } from 'node:child_process';

/** Builds main, preload and renderer with electron-vite, stopping the caller on failure. */
export function buildApp(): void {
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
