import { v7 as uuidv7 } from 'uuid';
import { ProductSchema, SupplierSchema } from '@shared/service/catalogue';
import type { Clock } from '../clock';
import { hashPassword } from '../auth/password';
import type { Db } from '../store/database';
import { insertBudget } from '../store/budgets';
import { insertProduct, insertSupplier } from '../store/catalogue';
import { countHromadas, upsertHromada } from '../store/hromadas';
import { getMeta, setMeta } from '../store/meta';
import { issueEnrolmentCode } from '../provisioning/enrolment-codes';
import { registerPerson } from '../provisioning/persons';
import { addUnit } from '../provisioning/units';
import { DEMO_HROMADAS, DEMO_HROMADA_SOURCE } from './hromadas';
import { DEMO_ENROLMENT_CODE_HOURS, DEMO_PEOPLE, DEMO_UNITS } from './people';
import { DEMO_PRODUCTS, demoProductRow } from './products';
import { DEMO_SUPPLIERS } from './suppliers';

const SEEDED_KEY = 'demo_seeded_at';
const KOPIYKAS_PER_UAH = 100;

export function isDemoSeeded(db: Db): boolean {
  return getMeta(db, SEEDED_KEY) !== undefined;
}

/**
 * Fill an empty service with the demo world, once per data directory. The
 * password hashes are computed first (in parallel, they are the slow part);
 * everything is then written in one transaction, so a failure leaves the
 * directory unseeded rather than half seeded. Every catalogue row is parsed
 * with the shared schemas first: demo data obeys the same contract as real.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<boolean> {
  if (isDemoSeeded(db)) return false;
  const hashes = await Promise.all(DEMO_PEOPLE.map((person) => hashPassword(person.password)));
  const year = new Date(clock()).getUTCFullYear();

  db.transaction(() => {
    if (isDemoSeeded(db)) return;
    for (const demo of DEMO_UNITS) {
      const unit = addUnit(db, clock, { name: demo.name, number: demo.number, tier: demo.tier });
      insertBudget(db, {
        unitId: unit.id,
        year,
        guaranteedKopiykas: demo.guaranteedUah * KOPIYKAS_PER_UAH,
        performanceKopiykas: demo.performanceUah * KOPIYKAS_PER_UAH,
        ePoints: demo.ePoints,
      });
    }

    DEMO_PEOPLE.forEach((demo, i) => {
      registerPerson(db, clock, { unit: demo.unitNumber, fullName: demo.fullName, username: demo.username, roles: demo.roles }, {
        passwordHash: hashes[i] as string,
        totpSecret: demo.totpSecret,
      });
      issueEnrolmentCode(db, clock, { username: demo.username, hours: DEMO_ENROLMENT_CODE_HOURS, code: demo.enrolmentCode });
    });

    const supplierIds = new Map<string, string>();
    for (const demo of DEMO_SUPPLIERS) {
      const supplier = SupplierSchema.omit({ changeSeq: true }).parse({
        id: uuidv7(),
        name: demo.name,
        brand: demo.brand,
        edrpou: demo.edrpou,
        city: demo.city,
      });
      insertSupplier(db, supplier);
      supplierIds.set(demo.key, supplier.id);
    }

    for (const demo of DEMO_PRODUCTS) {
      const row = demoProductRow(demo, { id: uuidv7(), supplierId: supplierIds.get(demo.supplier) as string });
      // Parsed with the shared schema first: demo data obeys the same contract as real.
      const { changeSeq: _assignedByTrigger, ...checked } = ProductSchema.parse({ ...row, changeSeq: 0 });
      insertProduct(db, checked);
    }

    // The codifier, once imported, is the reference; the demo list only fills an empty table.
    if (countHromadas(db) === 0) for (const hromada of DEMO_HROMADAS) upsertHromada(db, hromada, DEMO_HROMADA_SOURCE);

    setMeta(db, SEEDED_KEY, new Date(clock()).toISOString());
  })();
  return true;
}
