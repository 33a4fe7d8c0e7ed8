import { normaliseUnitNumber } from '@shared/service/unit-number';
import { ProvisioningError } from '../../provisioning/errors';
import type { Db } from '../../store/database';
import { findUnitByNumber } from '../../store/units';

/** `--unit А1234` as a unit id (folded as everywhere); an unknown unit is an error, not an empty list. */
export function unitIdOption(db: Db, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const unit = findUnitByNumber(db, normaliseUnitNumber(value));
  if (!unit) throw new ProvisioningError(`No unit ${value}; see "unit list"`);
  return unit.id;
}
