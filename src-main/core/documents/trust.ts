import type { Role } from '@shared/service/common';
import { readIdentity } from '../identity/identity-repo';
import type { Db } from '../store/db';

/** What offline verification trusts: the CA certificate this laptop holds (its identity's), and the laptop's clock. */
export interface DocumentTrust {
  caCertificatePems: readonly string[];
  now: Date;
}

/** The officer as documents see them: the unit and the roles, or nothing before enrolment. */
export interface Officer {
  unitId: string | null;
  roles: readonly Role[];
}

export function trustOf(db: Db, now: number): DocumentTrust {
  const ca = readIdentity(db)?.caCertificatePem;
  return { caCertificatePems: ca ? [ca] : [], now: new Date(now) };
}

export function officerOf(db: Db): Officer {
  const identity = readIdentity(db);
  return { unitId: identity?.person.unit.id ?? null, roles: identity?.person.roles ?? [] };
}
