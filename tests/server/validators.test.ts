import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edrpouCheckDigit, isValidEdrpou } from '@shared/service/edrpou';
import { isNationalGuardNumber, isUnitNumber, normaliseUnitNumber } from '@shared/service/unit-number';
import { DEMO_SUPPLIERS } from '../../src-server/demo/suppliers';

describe('ЄДРПОУ check digit', () => {
  it('accepts real codes of public bodies', () => {
    // Ministry of Defence, PrivatBank, Ukrzaliznytsia (a code in the 30–60 million range), Naftogaz.
    for (const code of ['00034022', '14360570', '40075815', '20077720']) expect(isValidEdrpou(code)).toBe(true);
  });

  it('refuses the same codes with one digit changed, and anything that is not eight digits', () => {
    for (const code of ['00034023', '14360571', '40075814', '20077721', '0003402', '000340222', '0003402a', '', ' 00034022']) {
      expect(isValidEdrpou(code)).toBe(false);
    }
  });

  it('recomputes with weights raised by two when the remainder is 10', () => {
    // 0000003: 3×7 = 21 ≡ 10 (mod 11) → 3×9 = 27 ≡ 5.
    expect(edrpouCheckDigit('0000003')).toBe(5);
    expect(isValidEdrpou('00000035')).toBe(true);
    // 3000000 (middle range, weights 7,1,…): 3×7 = 21 ≡ 10 → 3×9 = 27 ≡ 5.
    expect(isValidEdrpou('30000005')).toBe(true);
  });

  it('makes the check digit 0 when the second remainder is 10 too', () => {
    // 2000009: 2×1 + 9×7 = 65 ≡ 10; then 2×3 + 9×9 = 87 ≡ 10 → 0.
    expect(edrpouCheckDigit('2000009')).toBe(0);
    expect(isValidEdrpou('20000090')).toBe(true);
    expect(isValidEdrpou('20000091')).toBe(false);
  });

  it('completes any seven digits into exactly one valid code (away from the 60 000 000 boundary)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const prefix = String(n).padStart(7, '0');
        if (prefix === '6000000') return;
        const digit = edrpouCheckDigit(prefix);
        expect(digit).not.toBeNull();
        const valid = [...'0123456789'].filter((d) => isValidEdrpou(prefix + d));
        expect(valid).toEqual([String(digit)]);
      }),
    );
  });

  it('gives every demo supplier a valid, distinct code', () => {
    expect(DEMO_SUPPLIERS.length).toBeGreaterThanOrEqual(10);
    for (const supplier of DEMO_SUPPLIERS) expect(isValidEdrpou(supplier.edrpou), supplier.name).toBe(true);
    expect(new Set(DEMO_SUPPLIERS.map((s) => s.edrpou)).size).toBe(DEMO_SUPPLIERS.length);
  });
});

describe('military unit numbers', () => {
  it('accepts А/В with four digits and four-digit National Guard numbers', () => {
    for (const number of ['А1234', 'В0001', '3017', '0001']) expect(isUnitNumber(number)).toBe(true);
    expect(isNationalGuardNumber('3017')).toBe(true);
    expect(isNationalGuardNumber('А1234')).toBe(false);
  });

  it('refuses other letters, lengths and Latin look-alikes left unfolded', () => {
    for (const number of ['Б1234', 'А123', 'А12345', '30171', 'A1234', 'ВВ123', '', 'А 1234']) expect(isUnitNumber(number)).toBe(false);
  });

  it('folds Latin look-alikes, lower case, spaces and the "в/ч" prefix', () => {
    expect(normaliseUnitNumber('A1234')).toBe('А1234');
    expect(normaliseUnitNumber('b4321')).toBe('В4321');
    expect(normaliseUnitNumber(' в/ч А 1234 ')).toBe('А1234');
    expect(normaliseUnitNumber('а1234')).toBe('А1234');
    expect(normaliseUnitNumber('3017')).toBe('3017');
    expect(isUnitNumber(normaliseUnitNumber('X1234'))).toBe(false);
  });
});
