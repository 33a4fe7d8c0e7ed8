import { addPerson, revokePerson } from '../../provisioning/persons';
import { resolveUnit } from '../../provisioning/units';
import { listPersons } from '../../store/persons';
import { findUnitById } from '../../store/units';
import { parseCommand, required } from '../args';
import { when, type AdminCommand } from '../env';
import { formatTable } from '../table';

export const personAdd: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, {
    unit: { type: 'string' },
    name: { type: 'string' },
    username: { type: 'string' },
    roles: { type: 'string' },
  });
  const added = await addPerson(env.db(), env.clock, {
    unit: required(values.unit, 'unit'),
    fullName: required(values.name, 'name'),
    username: required(values.username, 'username'),
    roles: required(values.roles, 'roles').split(','),
  });
  const unit = findUnitById(env.db(), added.person.unitId);
  env.out(`Registered ${added.person.fullName} as ${added.person.username} in ${unit?.number ?? '?'}, roles: ${added.person.roles.join(', ')}`);
  env.out('Hand these over once, in person; they are not shown again:');
  env.out(`  password     ${added.password}`);
  env.out(`  TOTP secret  ${added.totpSecret}`);
  env.out(`  otpauth URI  ${added.otpauthUri}`);
  env.out(`Next: an enrolment code for the laptop: enrol-code --person ${added.person.username}`);
};

export const personList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { unit: { type: 'string' } });
  const db = env.db();
  const unitFilter = values.unit === undefined ? undefined : resolveUnit(db, values.unit).id;
  const persons = listPersons(db, unitFilter);
  if (persons.length === 0) return env.out('No persons registered yet. Add one: person add --unit А1234 --name … --username … --roles orderer');
  const lines = formatTable(
    ['username', 'full name', 'unit', 'roles', 'status'],
    persons.map((p) => [
      p.username,
      p.fullName,
      findUnitById(db, p.unitId)?.number ?? '?',
      p.roles.join(','),
      p.revokedAt === null ? 'active' : `revoked ${when(p.revokedAt)}`,
    ]),
  );
  lines.forEach(env.out);
};

export const personRevoke: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { reason: { type: 'string' } }, 1);
  const person = revokePerson(env.db(), env.clock, required(positionals[0], 'username (positional)'), values.reason ?? 'revoked by the administrator');
  env.out(`Revoked ${person.username} (${person.fullName}). Each of their laptops wipes itself on its next contact.`);
};
