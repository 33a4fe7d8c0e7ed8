import type { SignatureVerdict, SignerView } from '@shared/api/documents';
import { i18n } from '../i18n';
import { formatCalendarDate } from '../i18n/format';

/**
 * Words of the delivery documents shared by their views: what a signature
 * check found, who signed, what a listed invoice's check found. Codes come
 * from the core as data; a code this build does not know is still shown,
 * with the code, rather than hidden.
 */

function translated(key: string, fallbackKey: string, code: string): string {
  const { t, te } = i18n.global;
  return te(key) ? t(key) : t(fallbackKey, { code });
}

/** Why a signature failed, as `signature.<problem>`. */
export function signatureProblemText(problem: string): string {
  return translated(`signature.${problem}`, 'signature.unknown', problem);
}

/** What the commander's laptop found wrong with one invoice listed in a certificate. */
export function listedInvoiceProblemText(problem: string): string {
  return translated(`documents.listedProblems.${problem}`, 'documents.listedProblems.unknown', problem);
}

/** A signer's role or an organisation's kind: "Отримувач", "Постачальник", "Агенція". */
export function signerRoleText(role: string): string {
  const { t, te } = i18n.global;
  const key = `documents.signerRoles.${role}`;
  return te(key) ? t(key) : role;
}

/** The slot a signature stands for (supplier, receiver, commander, agency, orderer). */
export function slotText(slot: string): string {
  const { t, te } = i18n.global;
  const key = `documents.slots.${slot}`;
  return te(key) ? t(key) : slot;
}

/** Who signed, in one line: "Петренко Олена · в/ч А4271" or "ТОВ «Вежа», ЄДРПОУ 12345678". */
export function signerText(signer: SignerView): string {
  const { t } = i18n.global;
  if (signer.kind === 'organisation') return signer.edrpou ? t('documents.verdict.organisation', { name: signer.name, edrpou: signer.edrpou }) : signer.name;
  return signer.unitNumber ? t('documents.verdict.person', { name: signer.name, unit: signer.unitNumber }) : signer.name;
}

/** The name of an expenditure invoice as a primary document: "Видаткова накладна № ВН-… від 3 березня 2026 р.". */
export function invoiceTitle(number: string, date: string): string {
  return i18n.global.t('invoicePage.title', { number, date: formatCalendarDate(date) });
}

export function certificateTitle(number: string, date: string): string {
  return i18n.global.t('certificatePage.title', { number, date: formatCalendarDate(date) });
}

/** A verdict's problem in words, or '' when valid. */
export function verdictProblem(verdict: SignatureVerdict): string {
  return verdict.valid || !verdict.problem ? '' : signatureProblemText(verdict.problem);
}
