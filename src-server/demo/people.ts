import type { Role } from '@shared/service/common';

/**
 * DEMO ONLY. Units, people and their credentials for `--demo`. Passwords,
 * TOTP secrets and enrolment codes are fixed here so that the printed table,
 * documentation and end-to-end tests can rely on them; a real deployment
 * generates them (`admin person add`, `admin enrol-code`). The units are
 * invented; any resemblance of a name or number to a real unit is chance.
 */

export interface DemoUnit {
  name: string;
  number: string;
  tier: number;
  /** Allocations for the current year, in whole hryvnias (stored as kopiykas). */
  guaranteedUah: number;
  performanceUah: number;
  ePoints: number;
}

export interface DemoPerson {
  unitNumber: string;
  username: string;
  fullName: string;
  roles: Role[];
  password: string;
  totpSecret: string;
  enrolmentCode: string;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  { name: '161-ша окрема штурмова бригада', number: 'А4271', tier: 1, guaranteedUah: 18_500_000, performanceUah: 6_200_000, ePoints: 64_500 },
  { name: '39-та окрема механізована бригада', number: 'А7318', tier: 2, guaranteedUah: 12_000_000, performanceUah: 2_750_000, ePoints: 21_300 },
  { name: '23-тя бригада оперативного призначення НГУ', number: '3091', tier: 2, guaranteedUah: 9_800_000, performanceUah: 1_900_000, ePoints: 17_850 },
];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { unitNumber: 'А4271', username: 'orderer1', fullName: 'Ковальчук Андрій Петрович', roles: ['orderer'], password: 'demo-orderer1', totpSecret: '4SPJMZZNOAPCM2YMUPTO54M7CNAWK6NA', enrolmentCode: '25F6-NA4Q-YZZB' },
  { unitNumber: 'А4271', username: 'receiver1', fullName: 'Мельник Оксана Василівна', roles: ['receiver'], password: 'demo-receiver1', totpSecret: 'OFGX6Y63X5BEYWZPQJK3MX6RSUCPP6CT', enrolmentCode: 'PWFC-SZ2M-GF6T' },
  { unitNumber: 'А4271', username: 'commander1', fullName: 'Бондаренко Сергій Іванович', roles: ['commander'], password: 'demo-commander1', totpSecret: 'JEUALKXW5PYBDNVTA2AWNIZXHSPCPBKM', enrolmentCode: 'BH87-V9PR-H56X' },
  { unitNumber: 'А4271', username: 'supply1', fullName: 'Ткаченко Ігор Миколайович', roles: ['orderer', 'receiver'], password: 'demo-supply1', totpSecret: 'BMXQK6FESJCCZAK3CQBWRQWDKJLLCHMH', enrolmentCode: 'CZHQ-Y0BV-PAFG' },
  { unitNumber: 'А7318', username: 'orderer2', fullName: 'Шевчук Дмитро Олегович', roles: ['orderer'], password: 'demo-orderer2', totpSecret: '4TPC6EHNBKWGLQ2JTSUMUIQVJM4OCH4J', enrolmentCode: '65YC-6F3C-8X6K' },
  { unitNumber: 'А7318', username: 'receiver2', fullName: 'Кравець Наталія Степанівна', roles: ['receiver'], password: 'demo-receiver2', totpSecret: 'YBWIQ2NAWLFGD2SQQIHSCCE7DLEQOGEL', enrolmentCode: 'AE7P-DYXG-K120' },
  { unitNumber: 'А7318', username: 'commander2', fullName: 'Поліщук Віктор Анатолійович', roles: ['commander'], password: 'demo-commander2', totpSecret: 'XQMKPYCABCND5OG4G2RO37UKXE2DQHOO', enrolmentCode: 'JME1-GHN1-85W8' },
  { unitNumber: '3091', username: 'orderer3', fullName: 'Гнатюк Роман Богданович', roles: ['orderer'], password: 'demo-orderer3', totpSecret: 'HEDTSOGIRWV4GL7QVUC7B5UKUJ3KDAT3', enrolmentCode: 'WFW1-ZG10-PZ8G' },
  { unitNumber: '3091', username: 'receiver3', fullName: 'Савчук Ірина Романівна', roles: ['receiver'], password: 'demo-receiver3', totpSecret: 'BDYA4JOGVW4Y2ROFBQ3UNXLLFDH7HMF4', enrolmentCode: '486H-VBR2-5KXT' },
  { unitNumber: '3091', username: 'commander3', fullName: 'Литвиненко Олександр Юрійович', roles: ['commander'], password: 'demo-commander3', totpSecret: '72FLQZWJJSH5RQYWN67572XFBGINGK2Q', enrolmentCode: 'T2K4-4BXC-PN1F' },
];

/** Demo enrolment codes stay usable for a year (each still works once). */
export const DEMO_ENROLMENT_CODE_HOURS = 365 * 24;
