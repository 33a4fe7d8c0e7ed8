import { expect, type Page } from '@playwright/test';
import type { Officer, TestService } from '../../tests/support/service';

/** A passphrase the strength rule accepts: long, unrelated words, mixed scripts. */
export const PASSPHRASE = 'кремінь-Ватра-2026-маршрут';

export interface EnrolmentInput {
  serviceUrl: string;
  username: string;
  password: string;
  enrolmentCode: string;
  /** Asked for at the TOTP step, so the code is as fresh as an officer's authenticator shows it. */
  totp: () => Promise<string>;
  passphrase?: string;
}

/** What the wizard asks of `officer`, with TOTP codes from `service`'s clock. */
export function enrolmentFor(service: TestService, officer: Officer): EnrolmentInput {
  return {
    serviceUrl: service.url,
    username: officer.username,
    password: officer.password,
    enrolmentCode: officer.enrolmentCode,
    totp: () => service.totp(officer),
  };
}

/**
 * The enrolment wizard as an officer goes through it, in Ukrainian (the
 * default): service address, account, TOTP, confirm, passphrase, keys.
 * Shared by the browser-mode and the Electron tests so they cannot drift.
 */
export async function enrolLaptop(page: Page, input: EnrolmentInput): Promise<void> {
  await logInThroughWizard(page, input);
  const passphrase = input.passphrase ?? PASSPHRASE;
  await page.getByLabel('Парольна фраза', { exact: true }).fill(passphrase);
  await page.getByLabel('Повторіть парольну фразу').fill(passphrase);
  await page.getByRole('button', { name: 'Зареєструвати ноутбук' }).click();

  await expect(page.getByRole('heading', { name: 'Ноутбук зареєстровано' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Почати роботу' }).click();
  await expect(page.getByRole('button', { name: 'Заблокувати', exact: true })).toBeVisible();
}

/** Steps 1–3 of the wizard and the "is this you?" confirmation, up to the passphrase step. */
export async function logInThroughWizard(page: Page, input: EnrolmentInput): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Підключення до сервісу' })).toBeVisible();
  await page.getByLabel('Адреса сервісу').fill(input.serviceUrl);
  await page.getByRole('button', { name: 'Перевірити' }).click();
  await page.getByRole('button', { name: 'Далі' }).click();

  await expect(page.getByRole('heading', { name: 'Вхід до сервісу' })).toBeVisible();
  await page.getByLabel('Ім’я користувача').fill(input.username);
  await page.getByLabel('Пароль', { exact: true }).fill(input.password);
  await page.getByLabel('Код реєстрації').fill(input.enrolmentCode);
  await page.getByRole('button', { name: 'Далі' }).click();

  await expect(page.getByRole('heading', { name: 'Код двофакторної перевірки' })).toBeVisible();
  await page.getByLabel('Код TOTP').fill(await input.totp());
  await page.getByRole('button', { name: 'Увійти' }).click();

  await expect(page.getByRole('heading', { name: 'Це ви?' })).toBeVisible();
  await page.getByRole('button', { name: 'Так, це я' }).click();
}
