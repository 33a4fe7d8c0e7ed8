import { TOTP_PERIOD_SECONDS, totpCode } from '../../auth/totp';
import { requirePerson } from '../../provisioning/persons';
import { parseCommand, required } from '../args';
import type { AdminCommand } from '../env';

/** Demo convenience: the code an authenticator app would show now. */
export const totpNow: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { username: { type: 'string' } });
  const person = requirePerson(env.db(), required(values.username, 'username'));
  const now = env.clock();
  const code = await totpCode(person.totpSecret, now);
  const left = TOTP_PERIOD_SECONDS - Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
  env.out(`${code}  (${person.username}; valid for ${left} more seconds, and one step either side)`);
};
