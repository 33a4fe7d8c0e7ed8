/**
 * Runs before anything imports zod (main.ts loads the rest of the app only
 * after this module). Zod 4 otherwise probes `new Function` when its first
 * object schema is built; our CSP forbids eval, and even the caught probe is
 * reported as a policy violation. Zod reads its global configuration from
 * this well-known slot (shared by every copy of zod), so setting it here
 * takes effect before any zod module evaluates, whatever the bundler's chunking.
 */
const slot = globalThis as { __zod_globalConfig?: Record<string, unknown> };
slot.__zod_globalConfig = { ...slot.__zod_globalConfig, jitless: true };
