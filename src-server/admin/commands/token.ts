import { loadOrCreateAdminToken } from '../../auth/admin-token';
import { dataPaths } from '../../paths';
import { parseCommand } from '../args';
import type { AdminCommand } from '../env';

/** The admin API's bearer token, for the agency's and suppliers' systems (made here if the service has not started yet). */
export const adminToken: AdminCommand = async (argv, env) => {
  parseCommand(argv, {});
  env.out(loadOrCreateAdminToken(dataPaths(env.dataDir).adminToken));
};
