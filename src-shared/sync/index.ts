/** The sync protocol's contract (README.md beside this file explains it). */
export * from './scopes';
export * from './changes';
export * from './pull';
export * from './intents';
