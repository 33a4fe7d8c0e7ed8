import { expect, type Locator, type Page } from '@playwright/test';
import { enrolLaptop, PASSPHRASE, type EnrolmentInput } from './enrol';

/**
 * Steps of the ordering flow that the ordering and delivery-document tests take, as
 * an officer takes them in Ukrainian: enrol, find a product, check out,
 * sign an order through the signing dialog, sync until the service's
 * answer arrives.
 */

export function statusBar(page: Page): Locator {
  return page.getByRole('contentinfo', { name: 'Стан синхронізації' });
}

export async function syncNow(page: Page): Promise<void> {
  await statusBar(page).getByRole('button', { name: 'Синхронізувати' }).click();
}

export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Основна навігація' });
}

export async function enrolAndWait(page: Page, url: string, enrolment: EnrolmentInput): Promise<void> {
  await page.goto(url);
  await enrolLaptop(page, enrolment);
  await expect(statusBar(page)).toContainText('У мережі', { timeout: 20_000 });
}

/** Sync until `check` holds: the service's answer may need a pull after the push. */
export async function syncUntil(page: Page, check: () => Promise<void>, timeout = 30_000): Promise<void> {
  await expect(async () => {
    await syncNow(page);
    await check();
  }).toPass({ timeout });
}

/** Sync until the order page's chips show `status`. */
export async function syncUntilOrderStatus(page: Page, status: string): Promise<void> {
  const chips = page.locator('.order-page__chips');
  await syncUntil(page, () => expect(chips).toContainText(status, { timeout: 3_000 }));
}

export function orderIdOf(page: Page): string {
  const match = /#\/orders\/([^/?#]+)/u.exec(page.url());
  if (!match?.[1]) throw new Error(`not on an order page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** The passphrase step of the generic signing dialog named `title`, then its "done" state named `doneTitle`, closed. */
export async function signInDialog(page: Page, title: RegExp, doneTitle: string, expectOnline: boolean): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Документ, що підписується (канонічний JSON)')).toBeVisible();
  await expect(dialog.getByText('SHA-256 документа, що підписується')).toBeVisible();
  await dialog.getByLabel('Парольна фраза', { exact: true }).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Підписати', exact: true }).click();
  const done = page.getByRole('dialog', { name: doneTitle });
  // Signing checks the passphrase (scrypt) and renders the document's PDFs in both languages: seconds on a busy machine.
  await expect(done).toContainText('поставлено в чергу на надсилання', { timeout: 30_000 });
  await expect(done).toContainText(expectOnline ? 'надсилається зараз' : 'щойно з’явиться зв’язок');
  await done.getByRole('button', { name: 'Готово' }).click();
  await expect(done).toBeHidden();
}

/** Open a product's page from the Showcase. */
export async function openProduct(page: Page, name: string): Promise<void> {
  await nav(page).getByRole('link', { name: 'Вітрина' }).click();
  await page.getByRole('searchbox', { name: 'Пошук у вітрині' }).fill(name);
  const card = page.getByRole('feed', { name: 'Товари' }).getByRole('article', { name, exact: true });
  await card.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Checkout with a hromada picked through the combobox; lands on the first draft's page. */
export async function checkout(page: Page, options: { neededBy?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Оформити замовлення' }).click();
  await expect(page.getByRole('heading', { name: 'Оформлення замовлення', level: 1 })).toBeVisible();
  const hromada = page.getByRole('combobox', { name: 'Громада поставки' });
  await hromada.fill('Бучан');
  await expect(page.getByRole('option', { name: /Бучанська/ })).toBeVisible();
  await hromada.press('ArrowDown');
  await hromada.press('Enter');
  await expect(page.getByText('Вибрано: Бучанська')).toBeVisible();
  if (options.neededBy) await page.getByLabel('Потрібно до').fill(options.neededBy);
  await page.getByRole('button', { name: /^Створити/ }).click();
  await expect(page.getByRole('heading', { name: 'Замовлення ще не надіслано', level: 1 })).toBeVisible();
  await expect(page.getByText('Чернетка', { exact: true }).first()).toBeVisible();
}

/**
 * An in-stock order of `quantity` × `product`, checked out with a hromada,
 * signed online and submitted; leaves the page on the order and returns its id.
 */
export async function submittedOrder(page: Page, product: string, quantity: number): Promise<string> {
  await openProduct(page, product);
  await page.getByRole('group', { name: 'Кількість' }).getByRole('textbox').fill(String(quantity));
  await page.getByRole('button', { name: 'Додати до кошика' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'додано до кошика' })).toBeVisible();
  await nav(page).getByRole('link', { name: /Кошик/ }).click();
  await checkout(page);
  await page.getByRole('button', { name: 'Підписати…' }).click();
  await signInDialog(page, /Підписати замовлення/, 'Замовлення підписано', true);
  await syncUntilOrderStatus(page, 'Надіслано');
  return orderIdOf(page);
}
