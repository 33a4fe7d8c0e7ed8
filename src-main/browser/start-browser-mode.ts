import { resolve } from 'node:path';
import { createCore } from '../core/create-core';
import { startLoopbackTransport } from './loopback-transport';

export interface BrowserModeOptions {
  /** Where the vault and the encrypted database live. */
  dataDir?: string;
  port?: number;
  host?: '127.0.0.1';
  rendererDir?: string;
  appVersion?: string;
  /** Suggested to the enrolment wizard; the officer may change it. */
  defaultServiceUrl?: string;
  /** Print the URL (the default); tests read it from the return value instead. */
  announce?: boolean;
}

export interface BrowserMode {
  url: string;
  close(): Promise<void>;
}

const projectRoot = resolve(import.meta.dirname, '../..');

/** The UI in a browser on loopback, with the same core the desktop app runs. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dataDir = resolve(options.dataDir ?? resolve(projectRoot, '.data/browser'));
  const core = createCore({
    dataDir,
    appVersion: options.appVersion ?? process.env.npm_package_version ?? '0.0.0',
    defaultServiceUrl: options.defaultServiceUrl,
  });
  const server = await startLoopbackTransport({
    core,
    rendererDir: options.rendererDir ?? resolve(projectRoot, 'out/renderer'),
    port: options.port,
    host: options.host,
  });
  if (options.announce !== false) {
    console.log(`Quartermaster (browser mode), data in ${dataDir}`);
    console.log(`Open: ${server.url}`);
  }
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}
