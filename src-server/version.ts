import packageJson from '../package.json' with { type: 'json' };

/** The service reports the project's version: client and reference service ship together. */
export const SERVICE_VERSION: string = packageJson.version;
