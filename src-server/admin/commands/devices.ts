import { revokeDevice } from '../../provisioning/devices';
import { requirePerson } from '../../provisioning/persons';
import { listDevices } from '../../store/devices';
import { parseCommand, required } from '../args';
import { when, type AdminCommand } from '../env';
import { formatTable } from '../table';

export const deviceList: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { person: { type: 'string' } });
  const db = env.db();
  const personId = values.person === undefined ? undefined : requirePerson(db, values.person).id;
  const devices = listDevices(db, personId);
  if (devices.length === 0) return env.out('No devices enrolled.');
  const lines = formatTable(
    ['device id', 'person', 'unit', 'enrolled', 'last seen', 'certificate until', 'status'],
    devices.map((d) => [
      d.id,
      d.username,
      d.unitNumber,
      when(d.enrolledAt),
      when(d.lastSeenAt),
      when(d.notAfter),
      d.revokedAt === null ? 'active' : `revoked ${when(d.revokedAt)}`,
    ]),
  );
  lines.forEach(env.out);
};

export const deviceRevoke: AdminCommand = async (argv, env) => {
  const { values, positionals } = parseCommand(argv, { reason: { type: 'string' } }, 1);
  const device = revokeDevice(env.db(), env.clock, required(positionals[0], 'device id (positional)'), values.reason ?? 'revoked by the administrator');
  env.out(`Revoked device ${device.id}. It wipes itself on its next contact with the service.`);
};
