import type { Db } from './database';

/** The prefixes of the document series: видаткова накладна, акт приймання-передачі. */
const PREFIX = { invoice: 'ВН', certificate: 'АПП' } as const;

/**
 * The next number of the year in one service-wide series per kind:
 * ВН-2026-000017, АПП-2026-000003. Numbers are never reused, so a number
 * names one document for good (the admin API and CLI look documents up by it).
 */
export function nextDocumentNumber(db: Db, kind: keyof typeof PREFIX, year: number): string {
  db.prepare('INSERT INTO document_numbers (kind, year, last) VALUES (?, ?, 1) ON CONFLICT (kind, year) DO UPDATE SET last = last + 1').run(kind, year);
  const { last } = db.prepare('SELECT last FROM document_numbers WHERE kind = ? AND year = ?').get(kind, year) as { last: number };
  return `${PREFIX[kind]}-${year}-${String(last).padStart(6, '0')}`;
}
