import type { Role } from '@shared/service/common';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { enrolmentCodeState, type EnrolmentCodeState } from '../provisioning/enrolment-codes';
import { findPersonByUsername } from '../store/persons';
import { findUnitByNumber } from '../store/units';
import { DEMO_PEOPLE } from './people';

/** One demo login, as printed at start and handed to tests and `npm start`. */
export interface DemoLogin {
  unitNumber: string;
  unitName: string;
  username: string;
  fullName: string;
  roles: Role[];
  password: string;
  totpSecret: string;
  enrolmentCode: string;
  /** Whether the fixed code can still enrol a laptop. */
  enrolmentCodeState: EnrolmentCodeState;
  revoked: boolean;
}

/** The demo people as they stand now in this data directory (codes get used, people revoked). */
export function demoLogins(db: Db, clock: Clock): DemoLogin[] {
  return DEMO_PEOPLE.flatMap((demo) => {
    const person = findPersonByUsername(db, demo.username);
    const unit = findUnitByNumber(db, demo.unitNumber);
    if (!person || !unit) return [];
    return [
      {
        unitNumber: unit.number,
        unitName: unit.name,
        username: person.username,
        fullName: person.fullName,
        roles: person.roles,
        password: demo.password,
        totpSecret: demo.totpSecret,
        enrolmentCode: demo.enrolmentCode,
        enrolmentCodeState: enrolmentCodeState(db, clock, demo.enrolmentCode),
        revoked: person.revokedAt !== null,
      },
    ];
  });
}
