import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importKatottg } from '../../src-server/katottg/import';
import { KatottgFormatError } from '../../src-server/katottg/parse';
import { DEMO_HROMADAS } from '../../src-server/demo/hromadas';
import { openDatabase, type Db } from '../../src-server/store/database';
import { countHromadas, findHromada, upsertHromada } from '../../src-server/store/hromadas';
import { tempDir } from './helpers';

/** The real codifier lives beside the repository, never in it. */
const REAL_FILE = resolve(__dirname, '../../../shared/data/katottg-2025-05-16.csv');
const haveRealFile = existsSync(REAL_FILE);

const HEADER = 'Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта';

/** A hand-written miniature in the published format (CRLF, semicolons, trailing spaces in names). */
function miniature(rows: string[]): string {
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

const O = 'UA14000000000091971;;;;;O;Донецька';
const P = 'UA14000000000091971;UA14120000000070232;;;;P;Краматорський';
const H1 = 'UA14000000000091971;UA14120000000070232;UA14120090000098500;;;H;Краматорська ';
const H2 = 'UA14000000000091971;UA14120000000070232;UA14120210000056793;;;H;Слов’янська';
const C1 = 'UA14000000000091971;UA14120000000070232;UA14120090000098500;UA14120090010078633;;C;Село';

describe('KATOTTG import', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir('qm-katottg-');
    db = openDatabase(join(dir, 'service.sqlite'));
  });
  afterEach(() => db.close());

  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const tombstones = () => db.prepare("SELECT entity_id FROM tombstones WHERE scope = 'reference'").all() as Array<{ entity_id: string }>;

  it('keeps hromadas with their raion and oblast names, trimmed', async () => {
    const report = await importKatottg(db, write('mini.csv', miniature([O, P, H1, C1, H2])));
    expect(report).toMatchObject({ hromadas: 2, inserted: 2, updated: 0, unchanged: 0, removed: 0, oblasts: 1, raions: 1 });
    expect(report.categories.C).toBe(1);
    expect(findHromada(db, 'UA14120090000098500')).toMatchObject({ name: 'Краматорська', raionName: 'Краматорський', oblastName: 'Донецька', source: 'katottg' });
  });

  it('is idempotent, updates what changed and removes what the codifier dropped (with a tombstone)', async () => {
    await importKatottg(db, write('a.csv', miniature([O, P, H1, H2])));
    const seqBefore = db.prepare('SELECT code, change_seq FROM hromadas ORDER BY code').all();
    const again = await importKatottg(db, write('a.csv', miniature([O, P, H1, H2])));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, removed: 0 });
    expect(db.prepare('SELECT code, change_seq FROM hromadas ORDER BY code').all()).toEqual(seqBefore);

    const renamed = H1.replace('Краматорська ', 'Краматорська міська');
    const next = await importKatottg(db, write('b.csv', miniature([O, P, renamed])));
    expect(next).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, removed: 1 });
    expect(findHromada(db, 'UA14120090000098500')?.name).toBe('Краматорська міська');
    expect(findHromada(db, 'UA14120090000098500')?.changeSeq).toBeGreaterThan(Math.max(...(seqBefore as Array<{ change_seq: number }>).map((r) => r.change_seq)));
    expect(tombstones()).toEqual([{ entity_id: 'UA14120210000056793' }]);
  });

  it('replaces the demo list', async () => {
    for (const hromada of DEMO_HROMADAS.slice(0, 3)) upsertHromada(db, hromada, 'demo');
    await importKatottg(db, write('mini.csv', miniature([O, P, H1])));
    expect(countHromadas(db)).toBe(1);
  });

  it('refuses a malformed file with the line at fault, changing nothing', async () => {
    await importKatottg(db, write('good.csv', miniature([O, P, H1])));
    const before = db.prepare('SELECT * FROM hromadas').all();
    const cases: Array<[string, RegExp]> = [
      [miniature([O, P, 'UA14000000000091971;UA14120000000070232;UA14120090000098500;;;Q;Щось']), /line 4: unknown category "Q"/u],
      [miniature([O, P, 'UA140;UA14120000000070232;UA14120090000098500;;;H;Щось']), /line 4: .*not a KATOTTG code/u],
      [miniature([O, P, 'just;three;columns']), /line 4: expected 7/u],
      [miniature([O, H1]), /refers to raion/u],
      [miniature([P, H1]), /refers to oblast/u],
      [miniature([O, P, H1, H1]), /listed twice/u],
      [miniature([O, P]), /no hromadas/u],
      [[O, P, H1].join('\r\n'), /header row is missing/u],
      ['', /no codifier rows/u],
    ];
    for (const [content, message] of cases) {
      await expect(importKatottg(db, write('bad.csv', content))).rejects.toThrow(message);
      expect(db.prepare('SELECT * FROM hromadas').all()).toEqual(before);
    }
    await expect(importKatottg(db, join(dir, 'absent.csv'))).rejects.toBeInstanceOf(KatottgFormatError);
  });

  const realTitle = haveRealFile
    ? 'imports the real codifier of 16 May 2025: ~1 770 hromadas, 1 469 outside Crimea, with names'
    : `imports the real codifier — skipped: ${REAL_FILE} is absent (it is test input kept outside the repository)`;
  it.skipIf(!haveRealFile)(realTitle, async () => {
    const report = await importKatottg(db, REAL_FILE);
    expect(report.oblasts).toBe(25);
    expect(report.categories.K).toBe(2);
    expect(report.raions).toBeGreaterThan(130);
    expect(report.hromadas).toBeGreaterThan(1700);
    expect(report.hromadas).toBeLessThan(1850);
    const mainland = db.prepare("SELECT count(*) AS n FROM hromadas WHERE oblast_code <> 'UA01000000000013043'").get() as { n: number };
    // Ukraine has 1 469 territorial communities; the codifier also lists the planned ones of Crimea.
    expect(mainland.n).toBe(1469);
    expect(findHromada(db, 'UA14120090000098500')).toMatchObject({ name: 'Краматорська', raionName: 'Краматорський', oblastName: 'Донецька' });
    expect(findHromada(db, 'UA46060250000025047')).toMatchObject({ name: 'Львівська', raionName: 'Львівський', oblastName: 'Львівська' });
    expect(findHromada(db, 'UA63120270000028556')).toMatchObject({ name: 'Харківська', raionName: 'Харківський', oblastName: 'Харківська' });
    const perOblast = db.prepare('SELECT oblast_name, count(*) AS n FROM hromadas GROUP BY oblast_code').all() as Array<{ oblast_name: string; n: number }>;
    expect(perOblast).toHaveLength(25);
    for (const { n } of perOblast) expect(n).toBeGreaterThan(30);
    // Every demo hromada is a real one, under the same names.
    for (const demo of DEMO_HROMADAS) expect(findHromada(db, demo.code)).toMatchObject(demo);

    const again = await importKatottg(db, REAL_FILE);
    expect(again).toMatchObject({ inserted: 0, updated: 0, removed: 0, unchanged: report.hromadas });
  });
});
