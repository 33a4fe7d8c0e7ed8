/**
 * npm run service -- [--demo] [--host H] [--port N] [--data DIR]
 * The reference central service alone, until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { formatDemoLogins } from '../src-server/demo/print';
import { DEFAULT_DATA_DIR } from '../src-server/paths';
import { DEFAULT_HOST, DEFAULT_PORT, startService } from '../src-server/service';

const USAGE = `Usage: npm run service -- [--demo] [--host H] [--port N] [--data DIR]
  --demo        seed demo units, people, suppliers and products on first start
  --host H      address to listen on (default ${DEFAULT_HOST})
  --port N      port (default ${DEFAULT_PORT}; 0 picks a free one)
  --data DIR    data directory (default ${DEFAULT_DATA_DIR})`;

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      host: { type: 'string', default: DEFAULT_HOST },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!/^\d+$/u.test(values.port) || port > 65_535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`);

const service = await startService({ dataDir: values.data, host: values.host, port, demo: values.demo }).catch((error: Error) => {
  console.error(`error: the service could not start: ${error.message}`);
  process.exit(1);
});

console.log(`Quartermaster reference service listening on ${service.url}`);
console.log(`  data directory  ${service.dataDir}`);
console.log(`  CA fingerprint  SHA-256 ${service.caFingerprint}`);
console.log(`  contract        ${service.url}/openapi.json`);
if (service.demo) for (const line of formatDemoLogins(service.demo, values.data)) console.log(line);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping the service…');
    service.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
