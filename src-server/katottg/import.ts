import type { Db } from '../store/database';
import { deleteHromada, hromadaCodes, upsertHromada, type HromadaInput } from '../store/hromadas';
import { KatottgFormatError, readKatottg, type KatottgCategory } from './parse';

/**
 * Import the codifier's hromadas as reference data, each with its raion and
 * oblast names (delivery is named only by hromada). All-or-nothing in one
 * transaction, and idempotent: rows that did not change are not written, and
 * hromadas the codifier no longer lists are deleted (leaving tombstones
 * for sync).
 */
export const KATOTTG_SOURCE = 'katottg';

export interface KatottgImportReport {
  rows: number;
  categories: Record<KatottgCategory, number>;
  oblasts: number;
  raions: number;
  hromadas: number;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export async function importKatottg(db: Db, file: string): Promise<KatottgImportReport> {
  const contents = await readKatottg(file);
  const seen = new Set<string>();
  const hromadas: HromadaInput[] = contents.hromadas.map((h) => {
    const raionName = contents.raions.get(h.raionCode);
    const oblastName = contents.regions.get(h.oblastCode);
    if (!raionName) throw new KatottgFormatError(h.line, `hromada ${h.code} refers to raion ${h.raionCode}, which the file does not list`);
    if (!oblastName) throw new KatottgFormatError(h.line, `hromada ${h.code} refers to oblast ${h.oblastCode}, which the file does not list`);
    if (seen.has(h.code)) throw new KatottgFormatError(h.line, `hromada ${h.code} is listed twice`);
    seen.add(h.code);
    return { code: h.code, name: h.name, raionCode: h.raionCode, raionName, oblastCode: h.oblastCode, oblastName };
  });
  if (hromadas.length === 0) throw new KatottgFormatError(contents.lines, 'the file lists no hromadas (category H)');

  const counts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
  db.transaction(() => {
    for (const hromada of hromadas) counts[upsertHromada(db, hromada, KATOTTG_SOURCE)] += 1;
    for (const code of hromadaCodes(db)) {
      if (!seen.has(code)) {
        deleteHromada(db, code);
        counts.removed += 1;
      }
    }
  })();

  return {
    rows: contents.lines,
    categories: contents.categories,
    oblasts: contents.categories.O,
    raions: contents.categories.P,
    hromadas: hromadas.length,
    ...counts,
  };
}
