import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-shared') } },
  test: {
    include: ['tests/**/*.test.ts', 'src-main/**/*.test.ts'],
    environment: 'node',
    // Key derivation at full OWASP cost and real sockets make some tests take seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
