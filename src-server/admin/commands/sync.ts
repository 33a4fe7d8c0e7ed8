import { syncScopes, type SyncScope } from '@shared/sync/scopes';
import { allHorizons, countIntents, countTombstones, currentChangeSeq, serviceId } from '../../store/sync';
import { DAY_MS, DEFAULT_TOMBSTONE_RETENTION_DAYS, purgeSyncHistoryThrough, sweepSyncHistory, type PurgeReport } from '../../sync/retention';
import { parseCommand, positiveNumber, UsageError } from '../args';
import type { AdminCommand } from '../env';
import { formatTable } from '../table';

export const syncStatus: AdminCommand = async (argv, env) => {
  parseCommand(argv, {});
  const db = env.db();
  const horizons = allHorizons(db);
  const tombstones = countTombstones(db);
  const intents = countIntents(db);
  env.out(`Service id ${serviceId(db)}; last change ${currentChangeSeq(db)}; intents answered: ${intents.applied} applied, ${intents.rejected} rejected.`);
  formatTable(
    ['scope', 'horizon', 'tombstones'],
    syncScopes.map((scope) => [scope, String(horizons[scope] ?? 0), String(tombstones[scope] ?? 0)]),
  ).forEach(env.out);
};

function print(report: PurgeReport, out: (line: string) => void): void {
  const scopes = Object.entries(report.scopes);
  if (scopes.length === 0) return out('Nothing to purge.');
  for (const [scope, purge] of scopes) {
    out(`${scope}: horizon ${purge.horizon}, ${purge.purged} tombstones purged; laptops with an older cursor reset this scope on their next sync.`);
  }
}

export const syncPurge: AdminCommand = async (argv, env) => {
  const { values } = parseCommand(argv, { days: { type: 'string' }, 'through-seq': { type: 'string' }, scope: { type: 'string' } });
  const db = env.db();
  if (values['through-seq'] !== undefined) {
    if (values.days !== undefined) throw new UsageError('Give either --days or --through-seq, not both');
    const seq = positiveNumber(values['through-seq'], 'through-seq');
    if (seq === undefined || !Number.isInteger(seq)) throw new UsageError('--through-seq must be a whole number');
    let scopes: readonly SyncScope[] = syncScopes;
    if (values.scope !== undefined) {
      if (!(syncScopes as readonly string[]).includes(values.scope)) throw new UsageError(`--scope must be one of ${syncScopes.join(', ')}`);
      scopes = [values.scope as SyncScope];
    }
    return print(purgeSyncHistoryThrough(db, seq, scopes), env.out);
  }
  if (values.scope !== undefined) throw new UsageError('--scope goes with --through-seq');
  const days = values.days === undefined ? DEFAULT_TOMBSTONE_RETENTION_DAYS : Number(values.days);
  if (!Number.isFinite(days) || days < 0) throw new UsageError(`--days must be a number of days, 0 or more, not "${values.days}"`);
  print(sweepSyncHistory(db, env.clock(), days * DAY_MS), env.out);
};
