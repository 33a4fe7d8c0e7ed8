/**
 * npm run admin -- <command> [options] [--data DIR]
 * The reference service's admin command line; see src-server/admin/cli.ts.
 */
import { runAdmin } from '../src-server/admin/cli';

process.exitCode = await runAdmin(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
