import { issueEnrolmentCode } from '../../provisioning/enrolment-codes';
import { parseCommand, positiveNumber, required } from '../args';
import { when, type AdminCommand } from '../env';

export const enrolCode: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { person: { type: 'string' }, hours: { type: 'string' } });
  const issued = issueEnrolmentCode(env.db(), env.clock, { username: required(values.person, 'person'), hours: positiveNumber(values.hours, 'hours') });
  env.out(`Enrolment code for ${issued.username}: ${issued.code}`);
  env.out(`Valid once, until ${when(issued.expiresAt)}. It is not stored in readable form and cannot be shown again.`);
};
