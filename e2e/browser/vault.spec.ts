import type { Page } from '@playwright/test';
import { expect, test } from '../support/browser-mode';
import { enrolLaptop, logInThroughWizard, PASSPHRASE } from '../support/enrol';

async function unlock(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Парольна фраза', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Розблокувати' }).click();
}

test('first run: enrolment creates the vault and opens the app frame', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  // The token in the address is swapped for a cookie at once.
  await expect(page).not.toHaveURL(/token=/);
  await enrolLaptop(page, enrolment);
  await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();
});

test('the passphrase step refuses a weak passphrase', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await logInThroughWizard(page, enrolment);

  await page.getByLabel('Парольна фраза', { exact: true }).fill('password1234');
  await page.getByLabel('Повторіть парольну фразу').fill('password1234');
  await expect(page.getByRole('button', { name: 'Зареєструвати ноутбук' })).toBeDisabled();
  await page.getByLabel('Парольна фраза', { exact: true }).fill('short');
  await expect(page.getByText('Надійність: надто коротка')).toBeVisible();
});

test('lock, a wrong passphrase is refused with a translated error, the right one unlocks', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('button', { name: 'Заблокувати', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Розблокувати' })).toBeVisible();

  await unlock(page, 'not-the-right-passphrase');
  await expect(page.getByRole('alert')).toContainText('Неправильна парольна фраза.');
  await expect(page.getByRole('link', { name: 'Налаштування' })).toHaveCount(0);

  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();
});

test('switching the language changes the whole interface and is kept after a reload', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByLabel('Мова інтерфейсу').selectOption('en');
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
});

test('after a restart the vault and the settings are still there, behind the same passphrase', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByLabel('Блокувати після бездіяльності').selectOption('5');
  await expect(page.getByText('Збережено.')).toBeVisible();

  await app.restart();
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: 'Розблокувати' })).toBeVisible();
  await unlock(page, PASSPHRASE);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByLabel('Блокувати після бездіяльності')).toHaveValue('5');
});

test('changing the passphrase: the old one stops working, the new one unlocks', async ({ page, app, enrolment }) => {
  const next = 'Сокира-Полтава-липень-417';
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByLabel('Поточна парольна фраза').fill(PASSPHRASE);
  await page.getByLabel('Нова парольна фраза', { exact: true }).fill(next);
  await page.getByLabel('Повторіть нову парольну фразу').fill(next);
  await page.getByRole('button', { name: 'Змінити парольну фразу' }).click();
  await expect(page.getByText('Парольну фразу змінено.')).toBeVisible();

  await page.getByRole('button', { name: 'Заблокувати зараз' }).click();
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Неправильна парольна фраза.');
  await unlock(page, next);
  await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();
});
