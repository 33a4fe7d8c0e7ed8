import type { HromadaOption } from '@shared/api/ordering';
import { AppError } from '@shared/api/errors';
import { cached } from '../catalog/statements';
import { foldForSearch, nameSortKey } from '../catalog/text';
import type { Db } from '../store/db';

/**
 * The hromada a delivery goes to, from the local copy of the KATOTTG
 * codifier (the `reference` scope): the officer types part of a name, in
 * any case, with or without the apostrophe («Слов'янська», «словянська»).
 */

interface HromadaRow {
  code: string;
  name: string;
  raionName: string;
  oblastName: string;
}

const OPTION_SQL = 'SELECT code, name, raion_name AS raionName, oblast_name AS oblastName FROM hromadas';

export function readHromada(db: Db, code: string): HromadaOption | undefined {
  return cached(db, `${OPTION_SQL} WHERE code = ?`).get(code) as HromadaRow | undefined;
}

export function requireHromada(db: Db, code: string): HromadaOption {
  const hromada = readHromada(db, code);
  if (!hromada) throw new AppError('order.unknown_hromada', `No hromada ${code} in the local codifier`, { code });
  return hromada;
}

const fold = (text: string): string => foldForSearch(text).replace(/\s+/gu, ' ').trim();

interface Folded {
  option: HromadaOption;
  name: string;
  /** Name, raion and oblast, for words that name the region rather than the hromada. */
  all: string;
  sortKey: string;
}

/**
 * Folded names, per database handle, until the codifier changes. A full
 * codifier is ~1 770 rows: folding them once and scanning the folded text
 * costs well under a millisecond a keystroke, where folding on every query
 * would cost several. The key (row count and newest change) moves with
 * every upsert or delete the reference scope brings.
 */
const caches = new WeakMap<Db, { key: string; rows: Folded[] }>();

function foldedHromadas(db: Db): Folded[] {
  const key = String(cached(db, "SELECT count(*) || ':' || coalesce(max(change_seq), 0) FROM hromadas").pluck().get());
  const known = caches.get(db);
  if (known?.key === key) return known.rows;
  const rows = (cached(db, OPTION_SQL).all() as HromadaRow[]).map((option) => {
    const name = fold(option.name);
    return { option, name, all: `${name} ${fold(option.raionName)} ${fold(option.oblastName)}`, sortKey: nameSortKey(option.name) };
  });
  caches.set(db, { key, rows });
  return rows;
}

/**
 * Every word of the query must appear in the hromada's name, raion or
 * oblast (as a substring). Names that start with the query come first,
 * then names with a word starting with it, then names containing it, then
 * hromadas found by their raion or oblast; alphabetical within each.
 */
export function searchHromadas(db: Db, query: string, limit: number): HromadaOption[] {
  const text = fold(query);
  const rows = foldedHromadas(db);
  if (text === '') return [...rows].sort((a, b) => compare(a.sortKey, b.sortKey)).slice(0, limit).map((row) => row.option);
  const words = text.split(' ');
  const first = words[0] as string;
  const rank = (row: Folded): number => {
    if (row.name.startsWith(text)) return 0;
    if (row.name.split(' ').some((word) => word.startsWith(first))) return 1;
    if (row.name.includes(first)) return 2;
    return 3;
  };
  return rows
    .filter((row) => words.every((word) => row.all.includes(word)))
    .map((row) => ({ row, rank: rank(row) }))
    .sort((a, b) => a.rank - b.rank || compare(a.row.sortKey, b.row.sortKey) || compare(a.row.option.oblastName, b.row.option.oblastName))
    .slice(0, limit)
    .map(({ row }) => row.option);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
