/** What transports and the Electron shell import from the core. */
export { createCore } from './create-core';
export type { Core, CoreOptions } from './core';
export type { Dispatch, HandlerTable } from './dispatch';
export { systemClock, type Clock } from './clock';
