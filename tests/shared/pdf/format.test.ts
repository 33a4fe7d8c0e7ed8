import { describe, expect, it } from 'vitest';
import { formatAmount, formatDate, formatMoney, formatPoints, formatTimestamp } from '@shared/node/pdf/format';

/** Printed figures, written by hand so that every machine prints the same bytes (no Intl, no time-zone database). */
describe('figures as documents print them', () => {
  it('prints kopiykas as hryvnias in each language, exactly', () => {
    expect(formatMoney(1_234_567, 'uk')).toBe('12 345,67 грн');
    expect(formatMoney(1_234_567, 'en')).toBe('UAH 12,345.67');
    expect(formatMoney(0, 'uk')).toBe('0,00 грн');
    expect(formatMoney(5, 'en')).toBe('UAH 0.05');
    expect(formatAmount(100_000_000_00, 'uk')).toBe('100 000 000,00');
    expect(formatAmount(Number.MAX_SAFE_INTEGER, 'en')).toBe('90,071,992,547,409.91');
  });

  it('prints e-points with the Ukrainian plural forms', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111, 1_050].map((n) => formatPoints(n, 'uk'))).toEqual([
      '1 бал',
      '2 бали',
      '5 балів',
      '11 балів',
      '21 бал',
      '22 бали',
      '25 балів',
      '111 балів',
      '1 050 балів',
    ]);
    expect(formatPoints(1, 'en')).toBe('1 point');
    expect(formatPoints(1_050, 'en')).toBe('1,050 points');
  });

  it('prints calendar dates', () => {
    expect(formatDate('2026-03-04', 'uk')).toBe('04.03.2026');
    expect(formatDate('2026-03-04', 'en')).toBe('4 March 2026');
  });

  it('prints moments in Kyiv time, switching to summer time at 01:00 UTC on the last Sundays of March and October', () => {
    expect(formatTimestamp('2026-03-29T00:59:00Z', 'uk')).toBe('29.03.2026 02:59 (за київським часом)');
    expect(formatTimestamp('2026-03-29T01:00:00Z', 'uk')).toBe('29.03.2026 04:00 (за київським часом)');
    expect(formatTimestamp('2026-10-25T00:59:00Z', 'en')).toBe('25 October 2026, 03:59 (Kyiv time)');
    expect(formatTimestamp('2026-10-25T01:00:00Z', 'en')).toBe('25 October 2026, 03:00 (Kyiv time)');
    expect(formatTimestamp('2026-12-31T22:30:00Z', 'uk')).toBe('01.01.2027 00:30 (за київським часом)');
  });
});
