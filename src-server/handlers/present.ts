import type { CsrSubject, PersonSummary } from '@shared/service/common';
import type { DeviceSummary } from '@shared/service/auth';
import { iso } from '../clock';
import type { Db } from '../store/database';
import type { DeviceRecord } from '../store/devices';
import type { PersonRecord } from '../store/persons';
import { findUnitById } from '../store/units';

/** Store records → the contract's shapes. */

export function presentPerson(db: Db, person: PersonRecord): PersonSummary {
  const unit = findUnitById(db, person.unitId);
  if (!unit) throw new Error(`Person ${person.id} belongs to a unit that does not exist`);
  return {
    id: person.id,
    username: person.username,
    fullName: person.fullName,
    roles: person.roles,
    unit: { id: unit.id, name: unit.name, number: unit.number, tier: unit.tier },
  };
}

export function presentDevice(device: DeviceRecord): DeviceSummary {
  return {
    id: device.id,
    certificateSerial: device.certificateSerial,
    notBefore: iso(device.notBefore),
    notAfter: iso(device.notAfter),
    enrolledAt: iso(device.enrolledAt),
  };
}

/** What the CSR must name: the registered full name and the username. */
export function csrSubjectOf(person: PersonRecord): CsrSubject {
  return { commonName: person.fullName, uid: person.username };
}
