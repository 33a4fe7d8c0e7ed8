import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The Debian tools the tests use: Chromium for the end-to-end tests
 * (Playwright never downloads a browser here), poppler's pdfsig and
 * pdftotext and NSS's certutil for the PDF signature tests. Runs before the
 * unit tests too (`npm test`), where without it the PDF tests would skip on
 * a fresh machine. Find them; install them where we can; otherwise say how,
 * once.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

const needed: Array<{ pkg: string; path: string }> = [
  { pkg: 'chromium', path: CHROMIUM_PATH },
  // pdfsig checks the signatures of exported PDFs, pdftotext their text.
  { pkg: 'poppler-utils', path: '/usr/bin/pdfsig' },
  // certutil builds the NSS database in which pdfsig is shown our CA.
  { pkg: 'libnss3-tools', path: '/usr/bin/certutil' },
];
const missing = needed.filter((n) => !existsSync(n.path));
if (missing.length > 0) {
  const packages = missing.map((m) => m.pkg);
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing ${packages.join(', ')} from Debian's packages for the tests…`);
    if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', ...packages])) {
      console.error(`Could not install ${packages.join(', ')}; install them with: sudo apt-get install -y ${packages.join(' ')}`);
      process.exit(1);
    }
  } else {
    console.error(`Missing ${packages.join(', ')}: install with "sudo apt-get install -y ${packages.join(' ')}" (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
}
