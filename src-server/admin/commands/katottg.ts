import { importKatottg } from '../../katottg/import';
import { parseCommand, UsageError } from '../args';
import type { AdminCommand } from '../env';

export const katottgImport: AdminCommand = async (argv, env) => {
  const { positionals } = parseCommand(argv, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('The path of the KATOTTG CSV is required: katottg import <file.csv>');
  const report = await importKatottg(env.db(), file);
  const c = report.categories;
  env.out(`Read ${report.rows} codifier rows: ${c.O} oblasts, ${c.K} special-status cities, ${c.P} raions, ${c.H} hromadas, ` +
    `${c.M} cities, ${c.X} selyshches, ${c.C} villages, ${c.B} city districts.`);
  env.out(`Hromadas: ${report.hromadas} in the file — ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed.`);
};
