import { addUnit } from '../../provisioning/units';
import { listUnits } from '../../store/units';
import { parseCommand, required, UsageError } from '../args';
import type { AdminCommand } from '../env';
import { formatTable } from '../table';

export const unitAdd: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { name: { type: 'string' }, number: { type: 'string' }, tier: { type: 'string' } });
  const tierText = required(values.tier, 'tier');
  const tier = Number(tierText);
  if (!Number.isInteger(tier)) throw new UsageError(`--tier must be a whole number from 1 to 5, not "${tierText}"`);
  const unit = addUnit(env.db(), env.clock, { name: required(values.name, 'name'), number: required(values.number, 'number'), tier });
  env.out(`Registered unit ${unit.number} «${unit.name}», priority tier ${unit.tier} (id ${unit.id})`);
};

export const unitList: AdminCommand = async (argv, env) => {
  parseCommand(argv, {});
  const units = listUnits(env.db());
  if (units.length === 0) return env.out('No units registered yet. Add one: unit add --name … --number А1234 --tier 1');
  const lines = formatTable(
    ['number', 'name', 'tier', 'persons', 'id'],
    units.map((u) => [u.number, u.name, String(u.tier), String(u.persons), u.id]),
  );
  lines.forEach(env.out);
};
