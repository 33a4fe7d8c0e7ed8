import type { CoreOptions } from './core';

export type CoreLog = NonNullable<CoreOptions['log']>;

export const consoleLog: CoreLog = {
  info: (message) => console.info(message),
  warn: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
  error: (message, detail) => (detail === undefined ? console.error(message) : console.error(message, detail)),
};
