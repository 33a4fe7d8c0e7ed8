import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidEdrpou } from '@shared/service/edrpou';
import { productCategories, ProductSchema } from '@shared/service/catalogue';
import { isUnitNumber } from '@shared/service/unit-number';
import { productsChangedAfter } from '../../src-server/store/catalogue';
import { openDatabase } from '../../src-server/store/database';
import { dataPaths } from '../../src-server/paths';
import { csrFor, readRows, rsaKeyPair, startTestService, totpAt, type TestService } from './helpers';

describe('demo data', () => {
  let test: TestService;
  beforeAll(async () => {
    test = await startTestService({ demo: true });
  });
  afterAll(() => test.close());

  const rows = <T>(sql: string) => readRows<T>(test.dataDir, sql);

  it('registers three units, one of them National Guard, each with every role and a budget for the year', () => {
    const units = rows<{ id: string; number: string; name: string }>('SELECT * FROM units');
    expect(units).toHaveLength(3);
    for (const unit of units) expect(isUnitNumber(unit.number)).toBe(true);
    expect(units.some((u) => /^\d{4}$/u.test(u.number))).toBe(true);
    const roles = rows<{ unit_id: string; role: string }>('SELECT p.unit_id, r.role FROM person_roles r JOIN persons p ON p.id = r.person_id');
    for (const unit of units) {
      expect(new Set(roles.filter((r) => r.unit_id === unit.id).map((r) => r.role))).toEqual(new Set(['orderer', 'receiver', 'commander']));
    }
    const multi = rows<{ n: number }>('SELECT count(*) AS n FROM person_roles GROUP BY person_id HAVING n > 1');
    expect(multi.length).toBeGreaterThanOrEqual(1);
    const budgets = rows<{ unit_id: string; year: number; guaranteed_kopiykas: number; performance_kopiykas: number; e_points: number }>('SELECT * FROM budgets');
    expect(budgets).toHaveLength(3);
    for (const budget of budgets) {
      expect(budget.year).toBe(new Date(test.clock()).getUTCFullYear());
      expect(budget.guaranteed_kopiykas).toBeGreaterThan(1_000_000 * 100);
      expect(budget.performance_kopiykas).toBeGreaterThan(0);
      expect(budget.e_points).toBeGreaterThan(0);
    }
  });

  it('prints a login for every demo person with a usable enrolment code', () => {
    const logins = test.service.demo ?? [];
    expect(logins.length).toBe(10);
    for (const login of logins) {
      expect(login.enrolmentCodeState).toBe('unused');
      expect(login.totpSecret).toMatch(/^[A-Z2-7]{32}$/u);
    }
  });

  it('offers ten or more suppliers with valid ЄДРПОУ codes', () => {
    const suppliers = rows<{ edrpou: string }>('SELECT * FROM suppliers');
    expect(suppliers.length).toBeGreaterThanOrEqual(10);
    for (const supplier of suppliers) expect(isValidEdrpou(supplier.edrpou)).toBe(true);
  });

  it('offers sixty or more products across every category, as the contract describes them', () => {
    const db = openDatabase(dataPaths(test.dataDir).database);
    try {
      const products = productsChangedAfter(db, 0, 1000);
      expect(products.length).toBeGreaterThanOrEqual(60);
      for (const product of products) ProductSchema.parse(product);
      for (const category of productCategories) expect(products.some((p) => p.category === category), category).toBe(true);
      const fpv = products.filter((p) => p.category === 'fpv_strike');
      expect(fpv.filter((p) => p.specs.videoLink === 'fibre_optic').length).toBeGreaterThanOrEqual(4);
      for (const drone of fpv) {
        expect(drone.specs.camera).toBeDefined();
        expect(drone.specs.rangeKm).toBeGreaterThan(0);
        expect(drone.specs.flightTimeMin).toBeGreaterThan(0);
        expect(drone.specs.weightKg).toBeGreaterThan(0);
        if (drone.specs.videoLink !== 'fibre_optic') expect(drone.specs.controlBands?.length && drone.specs.videoBands?.length).toBeTruthy();
      }
      // Prices in the tens of thousands of hryvnias, a few far higher.
      const uah = products.map((p) => p.priceKopiykas / 100).sort((a, b) => a - b);
      const median = uah[Math.floor(uah.length / 2)] as number;
      expect(median).toBeGreaterThanOrEqual(10_000);
      expect(median).toBeLessThan(100_000);
      expect(uah.filter((price) => price >= 1_000_000).length).toBeGreaterThanOrEqual(3);
      for (const product of products) expect(Number.isInteger(product.priceKopiykas)).toBe(true);
      const preorder = products.filter((p) => p.stock === 0);
      expect(preorder.length).toBeGreaterThanOrEqual(5);
      for (const item of preorder) expect(item.leadTimeDays).toBeGreaterThan(0);
      expect(products.some((p) => !p.codified)).toBe(true);
      expect(products.some((p) => p.codified)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('lists a few dozen real hromadas while the codifier is not imported', () => {
    const hromadas = rows<{ source: string; code: string }>('SELECT * FROM hromadas');
    expect(hromadas.length).toBeGreaterThanOrEqual(30);
    for (const hromada of hromadas) {
      expect(hromada.source).toBe('demo');
      expect(hromada.code).toMatch(/^UA\d{17}$/u);
    }
  });

  it('numbers every synced row from one service-wide sequence, unique and ascending', () => {
    const seqs = rows<{ change_seq: number }>(
      'SELECT change_seq FROM suppliers UNION ALL SELECT change_seq FROM products UNION ALL SELECT change_seq FROM budgets UNION ALL SELECT change_seq FROM hromadas',
    ).map((r) => r.change_seq);
    expect(seqs.every((s) => s > 0)).toBe(true);
    expect(new Set(seqs).size).toBe(seqs.length);
    const [counter] = rows<{ value: number }>('SELECT value FROM change_counter');
    expect(Math.max(...seqs)).toBe(counter?.value);
  });

  it('lets a demo person log in and enrol with the printed credentials', async () => {
    const demo = (test.service.demo ?? []).find((login) => login.username === 'supply1');
    if (!demo) throw new Error('no demo login supply1');
    const totp = await totpAt(demo.totpSecret, test.clock());
    const login = await test.call('POST', '/v1/auth/login', { body: { username: demo.username, password: demo.password, totp, enrolmentCode: demo.enrolmentCode } });
    expect(login.status).toBe(200);
    expect((login.body.person as { roles: string[] }).roles).toEqual(['orderer', 'receiver']);
    const enrolled = await test.call('POST', '/v1/auth/enrol', {
      token: login.body.enrolmentToken as string,
      body: { csr: csrFor(rsaKeyPair(), { commonName: demo.fullName, uid: demo.username }) },
    });
    expect(enrolled.status).toBe(200);
  });

  it('does not seed twice: a restart keeps the data and reports the spent code', async () => {
    const before = rows<{ n: number }>('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM persons) AS n');
    await test.service.close();
    const again = await startTestService({ demo: true, dataDir: test.dataDir, clock: test.clock });
    try {
      expect(rows<{ n: number }>('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM persons) AS n')).toEqual(before);
      expect(again.service.demo?.find((l) => l.username === 'supply1')?.enrolmentCodeState).toBe('used');
      expect(again.service.caFingerprint).toBe(test.service.caFingerprint);
    } finally {
      await again.service.close();
    }
  });
});
