/**
 * Calendar dates as the units and the agency live them: the budget year,
 * ship-by and promised dates, an order's "created on", document dates. They
 * are read in Kyiv time whatever the machine's time zone (laptops in the
 * field often run on UTC): a commit at 01:30 in Kyiv on 3 June is on 3 June,
 * though UTC still says 2 June. One definition for the core and the service.
 * (The PDF renditions keep their own Intl-free reckoning: their bytes must
 * not depend on the ICU data of the machine that renders them.)
 */
const KYIV = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Kyiv at `epochMs`. */
export function kyivDate(epochMs: number): string {
  const parts = Object.fromEntries(KYIV.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function kyivYear(epochMs: number): number {
  return Number(kyivDate(epochMs).slice(0, 4));
}

/** The Kyiv calendar date of an ISO timestamp (a malformed one reads as the epoch's date). */
export function kyivDateOf(iso: string): string {
  const ms = Date.parse(iso);
  return kyivDate(Number.isNaN(ms) ? 0 : ms);
}

/** A calendar date plus whole days (calendar arithmetic: no time zone, no daylight saving). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
