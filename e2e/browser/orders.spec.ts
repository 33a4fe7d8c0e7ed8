import type { TestService } from '../../tests/support/service';
import { expect, test } from '../support/browser-mode';
import {
  checkout,
  enrolAndWait,
  nav,
  openProduct,
  orderIdOf,
  signInDialog,
  statusBar,
  submittedOrder,
  syncNow,
  syncUntilOrderStatus,
} from '../support/ordering';

/**
 * Issue 5 as an orderer goes through it, in Ukrainian, against the real
 * core (browser mode) and a real reference service with the demo world:
 * cart → checkout → signing → the outbox → the agency's and the supplier's
 * answers, each arriving by sync.
 */

async function act(service: TestService, id: string, request: Parameters<TestService['orderAction']>[1]): Promise<void> {
  await service.orderAction(id, request);
}

test('cart → over-budget warning → checkout → sign offline → queued → submitted → committed', async ({ page, app, enrolment, service }) => {
  test.setTimeout(120_000);
  await enrolAndWait(page, app.url, enrolment);

  // Browse and add from the card.
  await expect(nav(page).getByRole('link', { name: 'Замовлення' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Пошук у вітрині' }).fill('Вежа-7 Удар');
  const card = page.getByRole('feed', { name: 'Товари' }).getByRole('article', { name: 'Вежа-7 Удар' });
  await card.getByRole('button', { name: /Додати до кошика/ }).click();
  const cartLink = nav(page).getByRole('link', { name: /Кошик/ });
  await expect(cartLink).toContainText('1');
  await cartLink.click();
  await expect(page.getByRole('heading', { name: 'Кошик', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: /Вежа-7 Удар/ });
  await expect(row).toContainText('в наявності');
  const quantity = page.getByRole('textbox', { name: 'Кількість «Вежа-7 Удар»' });
  await expect(quantity).toHaveValue('1');

  // Clear, translated errors for what is not a quantity.
  await quantity.fill('0');
  await expect(row).toContainText('Кількість має бути не менше 1');
  await quantity.fill('2,5');
  await expect(row).toContainText('Кількість має бути цілим числом штук');
  await quantity.fill('-3');
  await expect(row).toContainText('Кількість не може бути від’ємною');
  await quantity.fill('20000');
  await expect(row).toContainText('Не більше 10 000 шт. в одній позиції');
  await expect(page.getByRole('button', { name: 'Оформити замовлення' })).toBeDisabled();

  // A quantity far beyond the budget: the warning is there before anything is signed, and checkout waits.
  await quantity.fill('10000');
  await expect(page.getByRole('alert').filter({ hasText: 'Кошик перевищує доступний бюджет' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Оформити замовлення' })).toBeDisabled();
  await expect(page.getByText('Кошик перевищує доступний бюджет: зменште кількості')).toBeVisible();

  await quantity.fill('5');
  await expect(page.getByRole('alert').filter({ hasText: 'Кошик перевищує доступний бюджет' })).toHaveCount(0);
  await expect(row).toContainText('74 000,00 грн');
  await expect(page.getByRole('button', { name: 'Оформити замовлення' })).toBeEnabled();

  await checkout(page);
  const id = orderIdOf(page);
  await expect(page.getByRole('row', { name: /Вежа-7 Удар/ })).toContainText('5');
  await expect(cartLink).not.toContainText('1');

  // Signed without the service: kept and queued.
  await service.stop();
  try {
    await syncNow(page);
    await expect(statusBar(page)).toContainText('Офлайн');
    await page.getByRole('button', { name: 'Підписати…' }).click();
    await signInDialog(page, /Підписати замовлення/, 'Замовлення підписано', false);
    const chips = page.locator('.order-page__chips');
    await expect(chips).toContainText('Підписано');
    await expect(chips).toContainText('очікує синхронізації');
    await expect(statusBar(page)).toContainText('Очікують надсилання: 1');

    await nav(page).getByRole('link', { name: 'Замовлення' }).click();
    const listRow = page.getByRole('row', { name: /ще не надіслано/ });
    await expect(listRow).toContainText('очікує синхронізації');
    await listRow.getByRole('link').click();
  } finally {
    await service.resume();
  }

  await syncUntilOrderStatus(page, 'Надіслано');
  await expect(statusBar(page)).toContainText('Очікують надсилання: 0');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(/ЗМ-\d{4}-\d+/);
  await expect(page.locator('.order-page__chips')).not.toContainText('очікує синхронізації');
  await expect(page.getByRole('region', { name: 'Підпис' })).toContainText('Підпис дійсний');

  // The agency commits the budget: the ship-by date arrives with the next sync.
  await act(service, id, { action: 'commit' });
  await syncUntilOrderStatus(page, 'Кошти зарезервовано');
  const dates = page.getByRole('region', { name: 'Дати' });
  await expect(dates).toContainText('Відвантажити до');
  await expect(dates).not.toContainText('ще невідомо');
  await expect(page.getByRole('region', { name: 'Сповіщення' })).toContainText(/Замовлення ЗМ-\d{4}-\d+: Кошти зарезервовано/);
  await expect(page.getByRole('region', { name: 'Історія' })).toContainText('Агенція оборонних закупівель');
});

test('a pre-order: needed-by date, the supplier proposes, the orderer accepts and signs again', async ({ page, app, enrolment, service }) => {
  test.setTimeout(120_000);
  await enrolAndWait(page, app.url, enrolment);

  await openProduct(page, 'Джміль-10 Автонаведення');
  await page.getByRole('group', { name: 'Кількість' }).getByRole('textbox').fill('2');
  await page.getByRole('button', { name: 'Додати до кошика' }).click();
  await nav(page).getByRole('link', { name: /Кошик/ }).click();
  await expect(page.getByRole('row', { name: /Джміль-10 Автонаведення/ })).toContainText('передзамовлення · 21 день');

  const neededBy = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('button', { name: 'Оформити замовлення' }).click();
  // Without the date, checkout explains what is missing.
  const hromada = page.getByRole('combobox', { name: 'Громада поставки' });
  await hromada.fill('Луцьк');
  await page.getByRole('option', { name: /Луцька/ }).click();
  await page.getByRole('button', { name: /^Створити/ }).click();
  await expect(page.getByText('Вкажіть дату, до якої потрібні передзамовлені товари.')).toBeVisible();
  await page.getByLabel('Потрібно до').fill(neededBy);
  await page.getByRole('button', { name: /^Створити/ }).click();
  await expect(page.getByRole('heading', { name: 'Замовлення ще не надіслано', level: 1 })).toBeVisible();
  const id = orderIdOf(page);

  // Escape leaves the signing dialog without signing; a wrong passphrase is refused in words, in the dialog.
  await page.getByRole('button', { name: 'Підписати…' }).click();
  const dialog = page.getByRole('dialog', { name: /Підписати замовлення/ });
  await expect(dialog).toContainText('Джміль-10 Автонаведення');
  await expect(dialog).toContainText('Луцька');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.order-page__chips')).toContainText('Чернетка');
  await page.getByRole('button', { name: 'Підписати…' }).click();
  await dialog.getByLabel('Парольна фраза', { exact: true }).fill('не та парольна фраза');
  await dialog.getByRole('button', { name: 'Підписати', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Неправильна парольна фраза.', { timeout: 30_000 });
  await expect(dialog.getByLabel('Парольна фраза', { exact: true })).toHaveValue('');
  await expect(dialog.getByLabel('Парольна фраза', { exact: true })).toBeFocused();
  // The unlock's throttle applies here too: the dialog counts down before another attempt.
  await expect(dialog.getByRole('button', { name: 'Підписати', exact: true })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Підписати…' }).click();
  await expect(dialog.getByText(/Спробувати знову можна через/)).toBeHidden({ timeout: 30_000 });
  await signInDialog(page, /Підписати замовлення/, 'Замовлення підписано', true);
  await syncUntilOrderStatus(page, 'Запит передзамовлення');

  const promised = new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10);
  await act(service, id, { action: 'propose', promisedDate: promised, note: 'Партія формується' });
  await syncUntilOrderStatus(page, 'Отримано пропозицію');
  await expect(page.getByRole('region', { name: 'Дати' })).toContainText('пізніше, ніж потрібно');

  await page.getByRole('button', { name: 'Прийняти пропозицію…' }).click();
  const accept = page.getByRole('dialog', { name: 'Прийняти пропозицію постачальника?' });
  await expect(accept).toContainText('Обіцяна поставка');
  await expect(accept).toContainText('Потрібно до');
  await accept.getByRole('button', { name: 'Прийняти й підписати' }).click();
  await signInDialog(page, /Підписати замовлення/, 'Замовлення підписано', true);
  await syncUntilOrderStatus(page, 'Надіслано');
});

test('returned for revision: the agency’s comment, a new version, signed again', async ({ page, app, enrolment, service }) => {
  test.setTimeout(120_000);
  await enrolAndWait(page, app.url, enrolment);
  const id = await submittedOrder(page, 'Сова-Скаут Нано', 2);

  await act(service, id, { action: 'return', comment: 'Уточніть кількість: ліміт на квартал — одна одиниця.' });
  await syncUntilOrderStatus(page, 'Повернуто на доопрацювання');
  await expect(page.getByRole('note')).toContainText('Агенція повернула замовлення на доопрацювання');
  await expect(page.getByRole('note')).toContainText('Уточніть кількість: ліміт на квартал — одна одиниця.');

  await page.getByRole('button', { name: 'Доопрацювати' }).click();
  await expect(page.locator('.order-page__chips')).toContainText('Чернетка');
  await expect(page.locator('.order-page__chips')).toContainText('версія 2');
  await page.getByRole('button', { name: 'Змінити чернетку' }).click();
  await page.getByRole('textbox', { name: 'Кількість «Сова-Скаут Нано»' }).fill('1');
  await page.getByRole('button', { name: 'Зберегти чернетку' }).click();
  await expect(page.getByText('Чернетку збережено.')).toBeVisible();

  await page.getByRole('button', { name: 'Підписати…' }).click();
  await signInDialog(page, /Підписати замовлення/, 'Замовлення підписано', true);
  await syncUntilOrderStatus(page, 'Надіслано');
  await expect(page.getByRole('region', { name: 'Історія' })).toContainText('Уточніть кількість');
});

test('cancel a submitted order with a reason', async ({ page, app, enrolment }) => {
  test.setTimeout(120_000);
  await enrolAndWait(page, app.url, enrolment);
  await submittedOrder(page, 'Кібчик-1', 1);

  await page.getByRole('button', { name: 'Скасувати замовлення…' }).click();
  const dialog = page.getByRole('dialog', { name: /Скасувати замовлення ЗМ-/ });
  await expect(dialog.getByRole('button', { name: 'Скасувати замовлення' })).toBeDisabled();
  await dialog.getByLabel('Причина').fill('Потребу закрито іншою поставкою');
  await dialog.getByRole('button', { name: 'Скасувати замовлення' }).click();
  await expect(dialog).toBeHidden();
  await syncUntilOrderStatus(page, 'Скасовано');
  await expect(page.getByRole('note')).toContainText('Потребу закрито іншою поставкою');

  const number = /ЗМ-\d{4}-\d+/u.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0] ?? 'no number';

  // The list finds it by its status and by its number.
  await nav(page).getByRole('link', { name: 'Замовлення' }).click();
  await page.getByRole('checkbox', { name: 'Скасовано' }).check();
  await page.getByRole('searchbox', { name: 'Пошук замовлень' }).fill(number);
  await expect(page.getByRole('row', { name: new RegExp(number, 'u') })).toContainText('Скасовано');
  await expect(page.getByRole('status').filter({ hasText: /^1 замовлення$/u })).toBeVisible();
});
