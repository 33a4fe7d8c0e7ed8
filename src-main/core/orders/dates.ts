/**
 * Calendar dates as the unit lives them. The budget year and every
 * calendar date of an order (needed by, created on) are read in Kyiv time,
 * whatever the laptop's time zone is set to (in the field it is often UTC).
 */
const KYIV = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Kyiv at `epochMs`. */
export function kyivDate(epochMs: number): string {
  const parts = Object.fromEntries(KYIV.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The Kyiv calendar date of an ISO timestamp (a malformed one sorts as the epoch's date). */
export function kyivDateOf(iso: string): string {
  const ms = Date.parse(iso);
  return kyivDate(Number.isNaN(ms) ? 0 : ms);
}
