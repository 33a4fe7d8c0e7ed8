import type { CoreOptions } from '../core';

export type Log = NonNullable<CoreOptions['log']>;

/**
 * The main process's log, in the shape the core takes. Console for now (a
 * file sink can replace it here alone). Callers never pass request payloads:
 * they may hold passphrases.
 */
export const log: Log = {
  info: (message) => console.info(`[main] ${message}`),
  warn: (message, detail) => console.warn(`[main] ${message}`, ...(detail === undefined ? [] : [detail])),
  error: (message, detail) => console.error(`[main] ${message}`, ...(detail === undefined ? [] : [detail])),
};
