import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The KATOTTG codifier as published: semicolon-separated UTF-8 with CRLF
 * line ends and one header row; seven columns: levels 1–4, the additional
 * level, the object category and its name. Categories: O oblast, K city with
 * special status, P raion, H hromada, M city, X selyshche, C village,
 * B city district.
 *
 * Read line by line from a stream, so the 30 000-line file is never held
 * whole; only the names of oblasts and raions and the hromadas are kept.
 */

export const KATOTTG_CATEGORIES = ['O', 'K', 'P', 'H', 'M', 'X', 'C', 'B'] as const;
export type KatottgCategory = (typeof KATOTTG_CATEGORIES)[number];
const CODE = /^UA\d{17}$/u;

export class KatottgFormatError extends Error {
  override name = 'KatottgFormatError';
  /** `line` 0 means the file as a whole (it cannot be opened, it is empty). */
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

export interface KatottgHromada {
  code: string;
  name: string;
  raionCode: string;
  oblastCode: string;
  line: number;
}

export interface KatottgContents {
  lines: number;
  categories: Record<KatottgCategory, number>;
  /** Level-1 code → name, for oblasts (O) and special-status cities (K). */
  regions: Map<string, string>;
  /** Level-2 code → raion name. */
  raions: Map<string, string>;
  hromadas: KatottgHromada[];
}

function isCategory(value: string): value is KatottgCategory {
  return (KATOTTG_CATEGORIES as readonly string[]).includes(value);
}

export async function readKatottg(file: string): Promise<KatottgContents> {
  const contents: KatottgContents = {
    lines: 0,
    categories: { O: 0, K: 0, P: 0, H: 0, M: 0, X: 0, C: 0, B: 0 },
    regions: new Map(),
    raions: new Map(),
    hromadas: [],
  };
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber += 1;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/u, '') : raw;
      if (line.trim() === '') continue;
      const fields = line.split(';');
      if (fields.length < 7) throw new KatottgFormatError(lineNumber, `expected 7 semicolon-separated columns, found ${fields.length}`);
      if (lineNumber === 1) {
        if (CODE.test(fields[0] ?? '')) throw new KatottgFormatError(1, 'the header row is missing');
        continue;
      }
      const [level1 = '', level2 = '', level3 = '', , , category = ''] = fields.map((f) => f.trim());
      // A name containing a semicolon would have split into extra columns: join them back.
      const name = fields.slice(6).join(';').trim();
      if (!isCategory(category)) throw new KatottgFormatError(lineNumber, `unknown category "${category}"`);
      if (!CODE.test(level1)) throw new KatottgFormatError(lineNumber, `"${level1}" is not a KATOTTG code`);
      if (name === '') throw new KatottgFormatError(lineNumber, 'the object has no name');
      contents.lines += 1;
      contents.categories[category] += 1;
      if (category === 'O' || category === 'K') contents.regions.set(level1, name);
      else if (category === 'P') {
        if (!CODE.test(level2)) throw new KatottgFormatError(lineNumber, `raion code "${level2}" is not a KATOTTG code`);
        contents.raions.set(level2, name);
      } else if (category === 'H') {
        if (!CODE.test(level2) || !CODE.test(level3)) throw new KatottgFormatError(lineNumber, 'a hromada needs level-2 and level-3 codes');
        contents.hromadas.push({ code: level3, name, raionCode: level2, oblastCode: level1, line: lineNumber });
      }
    }
  } catch (error) {
    if (error instanceof KatottgFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new KatottgFormatError(0, `cannot read ${file} (${code})`);
    throw new KatottgFormatError(lineNumber, (error as Error).message);
  } finally {
    lines.close();
    input.destroy();
  }
  if (contents.lines === 0) throw new KatottgFormatError(0, 'the file holds no codifier rows');
  return contents;
}
