import { v7 as uuidv7 } from 'uuid';
import { isUnitNumber, normaliseUnitNumber } from '@shared/service/unit-number';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { findUnitById, findUnitByNumber, insertUnit, type UnitRecord } from '../store/units';
import { ProvisioningError } from './errors';

export interface NewUnit {
  name: string;
  number: string;
  tier: number;
}

/** The agency registers a unit: its name, military unit number and priority tier. */
export function addUnit(db: Db, clock: Clock, input: NewUnit): UnitRecord {
  const name = input.name.trim();
  if (name.length < 3 || name.length > 160) throw new ProvisioningError('The unit name must be 3 to 160 characters');
  const number = normaliseUnitNumber(input.number);
  if (!isUnitNumber(number)) {
    throw new ProvisioningError(
      `"${input.number}" is not a military unit number: expected a Cyrillic А or В and four digits (А1234), or four digits for the National Guard (3017)`,
    );
  }
  if (!Number.isInteger(input.tier) || input.tier < 1 || input.tier > 5) throw new ProvisioningError('The priority tier must be a whole number from 1 to 5');
  if (findUnitByNumber(db, number)) throw new ProvisioningError(`Unit ${number} is already registered`);
  const unit: UnitRecord = { id: uuidv7(), name, number, tier: input.tier, createdAt: clock() };
  insertUnit(db, unit);
  return unit;
}

/** A unit by its number (as typed, look-alikes folded) or by id. */
export function resolveUnit(db: Db, reference: string): UnitRecord {
  const unit = findUnitByNumber(db, normaliseUnitNumber(reference)) ?? findUnitById(db, reference.trim());
  if (!unit) throw new ProvisioningError(`No unit "${reference}"; see "unit list"`);
  return unit;
}
