import { createHash } from 'node:crypto';
import type { OrganisationIdentity } from '@shared/node/identity';
import type { Supplier } from '@shared/service/catalogue';

/**
 * Who signs and hands over for the organisations: their identities as
 * their certificates carry them, and the responsible persons printed on
 * their documents (Law on Accounting, art. 9: positions and names).
 */

/**
 * DEMO ONLY: the agency that signs acceptance certificates third and pays.
 * The ЄДРПОУ is invented (with a valid check digit); any match with a real
 * entity is chance.
 */
export const AGENCY: OrganisationIdentity = {
  kind: 'agency',
  organisationId: '0192f3a0-5c1e-7a3b-9d4e-6f7a8b9c0d1e',
  edrpou: '45280179',
  name: 'Агенція оборонних закупівель (демо)',
};

export function supplierIdentity(supplier: Pick<Supplier, 'id' | 'name' | 'edrpou'>): OrganisationIdentity {
  return { kind: 'supplier', organisationId: supplier.id, edrpou: supplier.edrpou, name: supplier.name };
}

/** DEMO ONLY: invented names; a supplier always gets the same ones, so its documents read consistently. */
const LOGISTICS = ['Гнатюк Роман Ігорович', 'Бондар Світлана Олексіївна', 'Савчук Олег Миколайович', 'Кравець Ірина Павлівна'];
const DIRECTORS = ['Литвиненко Андрій Васильович', 'Марченко Наталія Юріївна', 'Руденко Віктор Степанович', 'Поліщук Тетяна Іванівна'];

function pick(names: readonly string[], supplierId: string): string {
  const index = createHash('sha256').update(supplierId).digest().readUInt32BE(0) % names.length;
  return names[index] as string;
}

export interface ResponsiblePerson {
  position: string;
  fullName: string;
}

/** Who hands a shipment over, on an invoice. */
export function shipmentHandedOverBy(supplierId: string): ResponsiblePerson[] {
  return [{ position: 'Менеджер з логістики', fullName: pick(LOGISTICS, supplierId) }];
}

/** Who signs the acceptance certificate for the supplier. */
export function certificateHandedOverBy(supplierId: string): ResponsiblePerson[] {
  return [{ position: 'Директор', fullName: pick(DIRECTORS, supplierId) }];
}
