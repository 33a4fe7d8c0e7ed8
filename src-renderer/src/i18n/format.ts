import type { Language } from '@shared/api/contract';
import { currentLanguage } from './language';

/** The Intl locale each interface language formats with. */
export const intlLocales: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB' };

/** How the currency is written per language: Ukrainian documents write "грн", not the ₴ sign Intl picks. */
const currencyLabels: Partial<Record<Language, string>> = { uk: 'грн' };

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

function uahFormat(language: Language): Intl.NumberFormat {
  return cached(`uah:${language}`, () => new Intl.NumberFormat(intlLocales[language], { style: 'currency', currency: 'UAH' }));
}

/**
 * An amount of UAH held as integer kopiykas, written for the interface
 * language. The amount is handed to Intl as an exact decimal string, so no
 * binary fraction ever stands between the stored integer and the text.
 */
export function formatUah(kopiykas: number, language: Language = currentLanguage()): string {
  if (!Number.isSafeInteger(kopiykas)) throw new RangeError(`Amount must be an integer number of kopiykas, got ${kopiykas}`);
  const sign = kopiykas < 0 ? '-' : '';
  const abs = Math.abs(kopiykas);
  const decimal = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as `${number}`;
  const formatter = uahFormat(language);
  const label = currencyLabels[language];
  if (!label) return formatter.format(decimal);
  return formatter
    .formatToParts(decimal)
    .map((part) => (part.type === 'currency' ? label : part.value))
    .join('');
}

type DateInput = Date | number | string;

function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date;
}

/** A calendar date, e.g. "21 листопада 2026 р." / "21 November 2026". */
export function formatDate(value: DateInput, language: Language = currentLanguage()): string {
  return cached(`date:${language}`, () => new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'long' })).format(toDate(value));
}

/** A date with the time of day, to the minute. */
export function formatDateTime(value: DateInput, language: Language = currentLanguage()): string {
  return cached(
    `datetime:${language}`,
    () => new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'long', timeStyle: 'short' }),
  ).format(toDate(value));
}

/** A short date for tables, e.g. "21.11.2026" / "21/11/2026". */
export function formatShortDate(value: DateInput, language: Language = currentLanguage()): string {
  return cached(`short:${language}`, () => new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'short' })).format(toDate(value));
}

/** A date and time from the core (ISO text), or the text itself when it is not a date: a bad value is shown, never thrown. */
export function formatDateTimeText(value: string, language: Language = currentLanguage()): string {
  return Number.isNaN(new Date(value).getTime()) ? value : formatDateTime(value, language);
}

/**
 * A hex digest (e.g. a SHA-256 fingerprint) in groups of four, lower case,
 * so two copies are easy to compare by eye: "3f2a 9c01 …". Anything else is
 * returned as it came.
 */
export function formatFingerprint(hex: string): string {
  const compact = hex.replace(/[\s:]/gu, '').toLowerCase();
  if (!/^[0-9a-f]+$/u.test(compact)) return hex;
  return compact.match(/.{1,4}/gu)?.join(' ') ?? compact;
}

function numberFormat(language: Language, maximumFractionDigits: number): Intl.NumberFormat {
  return cached(`number:${language}:${maximumFractionDigits}`, () => new Intl.NumberFormat(intlLocales[language], { maximumFractionDigits }));
}

/** A count or a measured figure, grouped per locale: "20 000", "0,95" / "20,000", "0.95". */
export function formatNumber(value: number, language: Language = currentLanguage(), maximumFractionDigits = 2): string {
  return numberFormat(language, maximumFractionDigits).format(value);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How long ago something happened, for a status line: null under a minute
 * (the caller says "just now"), "5 хвилин тому" / "5 minutes ago" within the
 * hour, "2 години тому" within six hours, and the date and time beyond.
 * A time in the future (clock skew) counts as now.
 */
export function formatSince(value: DateInput, now: number = Date.now(), language: Language = currentLanguage()): string | null {
  const date = toDate(value);
  const elapsed = Math.max(0, now - date.getTime());
  if (elapsed < MINUTE_MS) return null;
  const relative = cached(`relative:${language}`, () => new Intl.RelativeTimeFormat(intlLocales[language], { numeric: 'always' }));
  if (elapsed < HOUR_MS) return relative.format(-Math.floor(elapsed / MINUTE_MS), 'minute');
  if (elapsed < 6 * HOUR_MS) return relative.format(-Math.floor(elapsed / HOUR_MS), 'hour');
  return formatDateTime(date, language);
}

/** The time of day, to the minute: "14:05". */
export function formatTime(value: DateInput, language: Language = currentLanguage()): string {
  return cached(`time:${language}`, () => new Intl.DateTimeFormat(intlLocales[language], { timeStyle: 'short' })).format(toDate(value));
}

/** A calendar date from the core (YYYY-MM-DD, no time zone) as a local day: never shifted by the UTC offset. */
function calendarDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date (needed-by, promised, ship-by) written for the language; the text itself when it is not one. */
export function formatCalendarDate(value: string, language: Language = currentLanguage()): string {
  const day = calendarDay(value);
  return day ? formatDate(day, language) : value;
}

/** A calendar date in the short form for tables. */
export function formatShortCalendarDate(value: string, language: Language = currentLanguage()): string {
  const day = calendarDay(value);
  return day ? formatShortDate(day, language) : value;
}

/** Today (or `days` from today) on this laptop's calendar, as YYYY-MM-DD, for date inputs. */
export function localIsoDate(days = 0, now: Date = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from calendar date `from` to `to` (negative when `to` is earlier); null when either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = calendarDay(from);
  const b = calendarDay(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 86_400_000);
}
