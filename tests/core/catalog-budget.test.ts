import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetYearAt, splitBudget, type BudgetFigures } from '@shared/domain/budget';
import { createCatalogAppliers } from '../../src-main/core/catalog/appliers';
import { readBudgetSummary } from '../../src-main/core/catalog/budget';
import { insertIdentity } from '../../src-main/core/identity/identity-repo';
import type { Db } from '../../src-main/core/store';
import { budget, catalogueStore, closeCatalogueStores, fixtureId, UNIT_ID } from './catalog-fixtures';
import { removeTempDirs } from './support/fixtures';

afterEach(() => {
  closeCatalogueStores();
  removeTempDirs();
});

const UAH = 100;
const figures = (guaranteed: number, performance: number, committed: number, spent: number): BudgetFigures => ({
  guaranteedKopiykas: guaranteed * UAH,
  performanceKopiykas: performance * UAH,
  committedKopiykas: committed * UAH,
  spentKopiykas: spent * UAH,
});
const allocation = (allocated: number, committed: number, spent: number) => ({
  allocated: allocated * UAH,
  committed: committed * UAH,
  spent: spent * UAH,
  available: (allocated - committed - spent) * UAH,
});

describe('splitting committed and spent money between the allocations (guaranteed first)', () => {
  it.each([
    ['nothing used', figures(1_000, 400, 0, 0), allocation(1_000, 0, 0), allocation(400, 0, 0)],
    ['spending within the guaranteed allocation', figures(1_000, 400, 0, 300), allocation(1_000, 0, 300), allocation(400, 0, 0)],
    ['spending past it draws on performance', figures(1_000, 400, 0, 1_100), allocation(1_000, 0, 1_000), allocation(400, 0, 100)],
    ['commitments take what spending left of guaranteed, then performance', figures(1_000, 400, 500, 700), allocation(1_000, 300, 700), allocation(400, 200, 0)],
    ['exactly all of it', figures(1_000, 400, 400, 1_000), allocation(1_000, 0, 1_000), allocation(400, 400, 0)],
    ['overdrawn: the excess shows against performance', figures(1_000, 400, 300, 1_200), allocation(1_000, 0, 1_000), allocation(400, 300, 200)],
    ['no performance allocation at all', figures(1_000, 0, 1_500, 0), allocation(1_000, 1_000, 0), allocation(0, 500, 0)],
  ])('%s', (_name, input, guaranteed, performance) => {
    expect(splitBudget(input)).toEqual({ guaranteed, performance });
  });

  it('keeps every kopiyka: the parts add up, guaranteed never goes below zero, performance is touched only when guaranteed is used up', () => {
    const kopiykas = fc.integer({ min: 0, max: 10 ** 12 });
    fc.assert(
      fc.property(kopiykas, kopiykas, kopiykas, kopiykas, (g, p, c, s) => {
        const { guaranteed, performance } = splitBudget({ guaranteedKopiykas: g, performanceKopiykas: p, committedKopiykas: c, spentKopiykas: s });
        expect(guaranteed.committed + performance.committed).toBe(c);
        expect(guaranteed.spent + performance.spent).toBe(s);
        expect(guaranteed.allocated).toBe(g);
        expect(performance.allocated).toBe(p);
        expect(guaranteed.available).toBeGreaterThanOrEqual(0);
        expect(guaranteed.available + performance.available).toBe(g + p - c - s);
        if (guaranteed.available > 0) expect(performance.committed + performance.spent).toBe(0);
        for (const part of [guaranteed, performance]) for (const value of Object.values(part)) expect(Number.isSafeInteger(value)).toBe(true);
      }),
    );
  });

  it('refuses money that is not whole kopiykas', () => {
    expect(() => splitBudget({ ...figures(1, 1, 0, 0), spentKopiykas: 0.5 })).toThrow(RangeError);
    expect(() => splitBudget({ ...figures(1, 1, 0, 0), committedKopiykas: -1 })).toThrow(RangeError);
    expect(() => splitBudget({ ...figures(1, 1, 0, 0), guaranteedKopiykas: Number.MAX_SAFE_INTEGER + 1 })).toThrow(RangeError);
  });
});

describe('the budget year', () => {
  it('is the calendar year in Kyiv, winter and summer time alike', () => {
    expect(budgetYearAt(Date.UTC(2024, 11, 31, 21, 59))).toBe(2024);
    expect(budgetYearAt(Date.UTC(2024, 11, 31, 22, 0))).toBe(2025);
    expect(budgetYearAt(Date.UTC(2025, 5, 30, 21, 30))).toBe(2025);
    expect(budgetYearAt(Date.UTC(2025, 11, 31, 21, 59, 59))).toBe(2025);
  });
});

describe('the budget panel', () => {
  function withBudgets(...rows: Array<ReturnType<typeof budget>>): Db {
    const db = catalogueStore();
    const [applier] = createCatalogAppliers({ now: () => '2025-01-15T09:00:00.000Z' }).filter((a) => a.entity === 'budget');
    db.transaction(() => {
      for (const row of rows) applier!.upsert(db, `${row.unitId}:${row.year}`, row);
    })();
    return db;
  }

  it('is empty before any budget has arrived', () => {
    expect(readBudgetSummary(catalogueStore(), 2025)).toBeNull();
  });

  it('shows this year\'s budget split by the rule, the e-points, and when it was received', () => {
    const db = withBudgets(
      budget(2024, { committedKopiykas: 1 }),
      budget(2025, { guaranteedKopiykas: 1_000_00, performanceKopiykas: 400_00, committedKopiykas: 500_00, spentKopiykas: 700_00, ePoints: 35 }),
    );
    expect(readBudgetSummary(db, 2025)).toEqual({
      year: 2025,
      guaranteed: allocation(1_000, 300, 700),
      performance: allocation(400, 200, 0),
      ePoints: { balance: 35 },
      asOf: '2025-01-15T09:00:00.000Z',
    });
  });

  it('falls back to the latest year present when this year has none', () => {
    const db = withBudgets(budget(2024), budget(2026, { ePoints: 9 }), budget(2025, { ePoints: 5 }));
    expect(readBudgetSummary(db, 2027)?.year).toBe(2026);
    expect(readBudgetSummary(db, 2025)?.ePoints.balance).toBe(5);
  });

  it('is "as of" the last pull of the budgets scope when there is one', () => {
    const db = withBudgets(budget(2025));
    db.prepare("INSERT INTO sync_cursor (scope, cursor, service_id, updated_at) VALUES ('budgets', 'x', 'y', '2025-01-16T07:30:00.000Z')").run();
    expect(readBudgetSummary(db, 2025)?.asOf).toBe('2025-01-16T07:30:00.000Z');
  });

  it('shows the enrolled person\'s unit only', () => {
    const other = fixtureId(3, 2);
    const db = withBudgets(budget(2025, { unitId: other, ePoints: 1 }), budget(2025, { ePoints: 2 }));
    insertIdentity(
      db,
      {
        serviceUrl: 'http://127.0.0.1:8787',
        deviceId: fixtureId(4, 1),
        person: { id: fixtureId(5, 1), username: 'olena', fullName: 'Коваленко Олена Іванівна', roles: ['orderer'], unit: { id: UNIT_ID, name: 'Бригада', number: 'А1234' } },
        certificatePem: 'c',
        caCertificatePem: 'ca',
        enrolledAt: '2025-01-01T00:00:00.000Z',
        privateKeyPem: 'k',
        refresh: { token: 't', expiresAt: '2025-02-01T00:00:00.000Z' },
      },
      '2025-01-01T00:00:00.000Z',
    );
    expect(readBudgetSummary(db, 2025)?.ePoints.balance).toBe(2);
  });
});
