import type { Language } from './messages';

/**
 * Numbers, money and dates as printed. Written by hand rather than with
 * Intl: a rendition must come out byte for byte the same on every laptop
 * and on the service, and Intl's output changes with the ICU version
 * (en-US times gained a narrow no-break space in ICU 72, for one).
 */

const separators: Record<Language, { group: string; decimal: string }> = {
  uk: { group: ' ', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** A non-negative safe integer with thousands grouped: 12 345 / 12,345. */
export function formatInteger(value: number, language: Language): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return sign + groups.join(separators[language].group);
}

/** Kopiykas as hryvnias without the currency: 12 345,67 / 12,345.67 (integer arithmetic: kopiykas never pass through a float). */
export function formatAmount(kopiykas: number, language: Language): string {
  const sign = kopiykas < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(kopiykas) / 100);
  const cents = Math.abs(kopiykas) % 100;
  return `${sign}${formatInteger(whole, language)}${separators[language].decimal}${String(cents).padStart(2, '0')}`;
}

/** 12 345,67 грн / UAH 12,345.67. */
export function formatMoney(kopiykas: number, language: Language): string {
  return language === 'uk' ? `${formatAmount(kopiykas, language)} грн` : `UAH ${formatAmount(kopiykas, language)}`;
}

export function formatPoints(points: number, language: Language): string {
  if (language === 'en') return `${formatInteger(points, language)} ${points === 1 ? 'point' : 'points'}`;
  const tens = points % 100;
  const units = points % 10;
  const word = tens >= 11 && tens <= 14 ? 'балів' : units === 1 ? 'бал' : units >= 2 && units <= 4 ? 'бали' : 'балів';
  return `${formatInteger(points, language)} ${word}`;
}

const monthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date (YYYY-MM-DD): 02.06.2025 / 2 June 2025. */
export function formatDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return date;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  if (language === 'uk') return `${day}.${month}.${year}`;
  return `${Number(day)} ${monthsEn[Number(month) - 1] ?? month} ${year}`;
}

/**
 * Ukraine keeps the EU's summer-time rule (UTC+3 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, UTC+2
 * otherwise). Fixed here rather than taken from the platform's time-zone
 * data, which differs between machines and would make renditions differ.
 */
function kyivOffsetHours(at: Date): number {
  const year = at.getUTCFullYear();
  const lastSunday = (month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 24 * 3600_000;
  };
  const t = at.getTime();
  return t >= lastSunday(2) && t < lastSunday(9) ? 3 : 2;
}

/** A moment (ISO timestamp) in Kyiv time: 02.06.2025 15:00 / 2 June 2025, 15:00 (Kyiv time). */
export function formatTimestamp(timestamp: string, language: Language): string {
  const at = new Date(timestamp);
  if (Number.isNaN(at.getTime())) return timestamp;
  const local = new Date(at.getTime() + kyivOffsetHours(at) * 3600_000);
  const date = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  return language === 'uk' ? `${formatDate(date, language)} ${time} (за київським часом)` : `${formatDate(date, language)}, ${time} (Kyiv time)`;
}
