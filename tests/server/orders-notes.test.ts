import { describe, expect, it } from 'vitest';
import { formatUah } from '../../src-server/orders/money';
import { NOTE_MAX_CHARS } from '../../src-server/orders/notes';
import { priceChangeNote } from '../../src-server/orders/prices';
import { shortageNote } from '../../src-server/orders/stock';
import { addDays, kyivDate, kyivYear } from '@shared/domain/kyiv-calendar';

describe('what order notes and dates say', () => {
  it('writes hryvnias as the agency reads them', () => {
    expect([formatUah(0), formatUah(5), formatUah(4_800_000), formatUah(1_250_050), formatUah(123_456_789_01)]).toEqual([
      '0 грн',
      '0,05 грн',
      '48 000 грн',
      '12 500,50 грн',
      '123 456 789,01 грн',
    ]);
  });

  it('keeps a note about 200 lines within the contract’s limit, saying how many it left out', () => {
    const changes = Array.from({ length: 200 }, (_, i) => ({ line: i + 1, sku: `SKU-${i}`, funding: 'money' as const, signed: 4_800_000, now: 4_900_000 }));
    const note = priceChangeNote(changes);
    expect(note.length).toBeLessThanOrEqual(NOTE_MAX_CHARS);
    expect(note).toMatch(/^Prices changed since signing \(line 1 SKU-0: signed 48 000 грн, now 49 000 грн; .*; and \d+ more\)\. Edit the order and sign it again\.$/u);
    const shortages = Array.from({ length: 200 }, (_, i) => ({ productId: `p${i}`, sku: `SKU-${i}`, name: 'Виріб', ordered: 5, inStock: 1, withdrawn: i % 50 === 0 }));
    const short = shortageNote(shortages);
    expect(short.length).toBeLessThanOrEqual(NOTE_MAX_CHARS);
    expect(short).toMatch(/^Not enough stock for SKU-1 «Виріб» \(ordered 5, in stock 1\); .*; place a pre-order instead\. Withdrawn from the catalogue: SKU-0 «Виріб»; SKU-50/u);
  });

  it('reads calendar dates on Kyiv time and adds days across months and years', () => {
    expect(kyivDate(Date.UTC(2025, 5, 2, 21, 30))).toBe('2025-06-03');
    expect(kyivYear(Date.UTC(2025, 11, 31, 22, 30))).toBe(2026);
    expect([addDays('2025-06-28', 7), addDays('2025-12-28', 7), addDays('2024-02-25', 7)]).toEqual(['2025-07-05', '2026-01-04', '2024-03-03']);
  });
});
