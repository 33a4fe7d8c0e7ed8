import { parseArgs } from 'node:util';
import { startBrowserMode } from '../src-main/browser/start-browser-mode';
import { buildApp } from './build-app';

/** `npm run browser -- [--service URL] [--port N] [--data DIR] [--no-build]` */
const { values } = parseArgs({
  options: {
    service: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

if (!values['no-build']) buildApp();
const mode = await startBrowserMode({
  dataDir: values.data,
  port,
  defaultServiceUrl: values.service ?? (process.env.QUARTERMASTER_SERVICE_URL || undefined),
});

const stop = async () => {
  await mode.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
