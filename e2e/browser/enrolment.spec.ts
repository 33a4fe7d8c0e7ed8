import type { Page } from '@playwright/test';
import { expect, test } from '../support/browser-mode';
import { enrolLaptop, PASSPHRASE } from '../support/enrol';

async function unlock(page: Page): Promise<void> {
  await page.getByLabel('Парольна фраза', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Розблокувати' }).click();
}

test('enrol with a TOTP code; Settings shows the person, unit and device certificate', async ({ page, app, enrolment, officer }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  const identity = page.getByRole('region', { name: 'Обліковий запис' });
  await expect(identity).toContainText(officer.fullName);
  await expect(identity).toContainText(officer.username);
  await expect(identity).toContainText(officer.unitNumber);
  await expect(identity).toContainText('Замовник');
  await expect(identity).toContainText(`CN=${officer.fullName}`);
});

test('after enrolment the laptop unlocks offline, with the service stopped', async ({ page, app, enrolment, service }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('button', { name: 'Заблокувати', exact: true }).click();

  await service.stop();
  try {
    await unlock(page);
    await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();
    await app.restart();
    await page.goto(app.url);
    await unlock(page);
    await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();
  } finally {
    await service.resume();
  }
});

test('a device revoked on the service is wiped back to first run at the next contact', async ({ page, app, enrolment, service }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  const deviceId = (await page.evaluate(async () => {
    const answer = await fetch('/api/identityGet', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return ((await answer.json()) as { data: { deviceId: string } }).data.deviceId;
  })) as string;
  await page.getByRole('button', { name: 'Заблокувати', exact: true }).click();

  await service.stop();
  await service.revokeDevice(deviceId);
  await service.resume();

  await unlock(page);
  await expect(page.getByText('Доступ відкликано')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Підключення до сервісу' })).toBeVisible();
  // Nothing is left to unlock: a restart comes back to the wizard, not to the unlock screen.
  await app.restart();
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Підключення до сервісу' })).toBeVisible();
});

test('log out asks first, then wipes the laptop back to first run', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await enrolLaptop(page, enrolment);
  await page.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByRole('button', { name: 'Вийти' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Вийти й стерти дані цього ноутбука?');
  await dialog.getByRole('button', { name: 'Скасувати' }).click();
  await expect(page.getByRole('button', { name: 'Заблокувати', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Вийти' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Стерти дані й вийти' }).click();
  await expect(page.getByText('Ви вийшли')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Підключення до сервісу' })).toBeVisible();
});

test('a wrong TOTP code and a wrong password are refused with translated errors', async ({ page, app, enrolment }) => {
  await page.goto(app.url);
  await page.getByLabel('Адреса сервісу').fill(enrolment.serviceUrl);
  await page.getByRole('button', { name: 'Перевірити' }).click();
  await page.getByRole('button', { name: 'Далі' }).click();
  await page.getByLabel('Ім’я користувача').fill(enrolment.username);
  await page.getByLabel('Пароль', { exact: true }).fill('not-the-password');
  await page.getByLabel('Код реєстрації').fill(enrolment.enrolmentCode);
  await page.getByRole('button', { name: 'Далі' }).click();
  await page.getByLabel('Код TOTP').fill(await enrolment.totp());
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('alert')).toContainText('Неправильне ім’я користувача або пароль.');

  await page.getByLabel('Пароль', { exact: true }).fill(enrolment.password);
  await page.getByRole('button', { name: 'Далі' }).click();
  const code = await enrolment.totp();
  const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Код TOTP').fill(wrong);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('alert')).toContainText('Неправильний код TOTP.');
});
