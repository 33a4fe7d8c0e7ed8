/**
 * Calendar dates of orders (ship-by, promised delivery, the budget year) are
 * the agency's and the units' days, so they are read on Kyiv time, not UTC:
 * a commit at 01:30 in Kyiv on 3 June is on 3 June, though UTC still says 2
 * June.
 */
const KYIV = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Kyiv at the given service time. */
export function kyivDate(ms: number): string {
  return KYIV.format(new Date(ms));
}

export function kyivYear(ms: number): number {
  return Number(kyivDate(ms).slice(0, 4));
}

/** A calendar date plus whole days (calendar arithmetic: no time zone, no daylight saving). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
