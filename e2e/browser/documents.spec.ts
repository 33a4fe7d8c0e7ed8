import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Invoice } from '@shared/service/documents';
import type { TestService } from '../../tests/support/service';
import { expect, test as base } from '../support/browser-mode';
import { enrolAndWait, nav, signInDialog, statusBar, submittedOrder, syncNow, syncUntil, syncUntilOrderStatus } from '../support/ordering';

/**
 * Issue 6 as a unit goes through it, in Ukrainian, against the real core
 * (browser mode) and a real reference service: the supplier ships and
 * signs an expenditure invoice, the receiver signs for it offline with a
 * shortage noted, the commander signs the acceptance certificate second of
 * three, the agency signs and pays, and the exported PDF carries all three
 * signatures as a standard verifier sees them. A certificate that lists an
 * invoice the unit never signed is refused, with the reason.
 */

const UNIT = 'А4271';
const PRODUCT = 'Вежа-7 Удар';
const PDFSIG = '/usr/bin/pdfsig';

// One officer who orders, receives and commands: the whole chain on one laptop.
const test = base.extend({
  officer: async ({ service }, use) => {
    await use(await service.provision({ roles: ['orderer', 'receiver', 'commander'], unitNumber: UNIT }));
  },
});

/** A committed order of `quantity` × PRODUCT with the supplier's invoice for all of it; the page is left on the order. */
async function committedAndShipped(page: Page, service: TestService, quantity: number): Promise<{ orderId: string; invoice: Invoice }> {
  const orderId = await submittedOrder(page, PRODUCT, quantity);
  await service.orderAction(orderId, { action: 'commit' });
  await syncUntilOrderStatus(page, 'Кошти зарезервовано');
  const invoice = await service.issueInvoice(orderId);
  return { orderId, invoice };
}

/** Open the Invoices area and the invoice, syncing until it has arrived. */
async function openInvoice(page: Page, number: string): Promise<void> {
  await nav(page).getByRole('link', { name: /Накладні/ }).click();
  await expect(page.getByRole('heading', { name: 'Видаткові накладні', level: 1 })).toBeVisible();
  const link = page.getByRole('link', { name: number, exact: true });
  await syncUntil(page, () => expect(link).toBeVisible({ timeout: 3_000 }));
  await link.click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Видаткова накладна № ${number} від `, 'u'), level: 1 })).toBeVisible();
}

async function openCertificate(page: Page, number: string): Promise<void> {
  await nav(page).getByRole('link', { name: /Акти/ }).click();
  await expect(page.getByRole('heading', { name: 'Акти приймання-передачі', level: 1 })).toBeVisible();
  const link = page.getByRole('link', { name: number, exact: true });
  await syncUntil(page, () => expect(link).toBeVisible({ timeout: 3_000 }));
  await link.click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Акт приймання-передачі № ${number} від `, 'u'), level: 1 })).toBeVisible();
}

/** Receive every line as shipped, online, and wait for the service to confirm. */
async function receiveAllOnline(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Підписати отримання' }).click();
  await signInDialog(page, /^Підписати отримання:/u, 'Отримання підписано', true);
  await syncUntil(page, () => expect(page.locator('.order-page__chips')).toContainText('Отримано', { timeout: 3_000 }));
}

test('the receiver signs an invoice offline with a shortage; the service and the order catch up', async ({ page, app, enrolment, service }) => {
  test.setTimeout(240_000);
  await enrolAndWait(page, app.url, enrolment);
  const { orderId, invoice } = await committedAndShipped(page, service, 3);

  await openInvoice(page, invoice.number);
  // Waiting for the unit: counted in the rail, marked on the page.
  await expect(nav(page).getByRole('link', { name: /Накладні/ })).toContainText('1');
  await expect(page.locator('.order-page__chips')).toContainText('очікує підпису');
  // Every field of a primary document, and the supplier's signature verified here.
  const facts = page.getByRole('region', { name: 'Реквізити документа' });
  await expect(facts).toContainText('Видаткова накладна');
  await expect(facts).toContainText(`ЄДРПОУ ${invoice.content.supplier.edrpou}`);
  await expect(facts).toContainText(invoice.content.contract.orderNumber);
  await expect(facts).toContainText(invoice.content.handedOverBy[0]?.fullName ?? 'no one');
  const lines = page.getByRole('region', { name: 'Відвантажені товари' });
  await expect(lines.getByRole('row', { name: new RegExp(PRODUCT, 'u') })).toContainText('3');
  await expect(lines).toContainText('Без ПДВ');
  const supplier = page.getByRole('region', { name: 'Підпис постачальника' });
  await expect(supplier).toContainText('Підпис дійсний');
  await expect(supplier).toContainText(invoice.content.supplier.name);

  // No network at the drop-off point.
  await service.stop();
  try {
    await syncNow(page);
    await expect(statusBar(page)).toContainText('Офлайн');

    // Quantities that cannot be received are explained in words.
    const received = page.getByRole('textbox', { name: `Отримано: ${PRODUCT}` });
    await expect(received).toHaveValue('3');
    await received.fill('4');
    await expect(page.getByText('Не можна отримати більше, ніж відвантажено (3).')).toBeVisible();
    await received.fill('-1');
    await expect(page.getByText('Кількість не може бути меншою за нуль.')).toBeVisible();
    await received.fill('1,5');
    await expect(page.getByText('Кількість має бути цілим числом.')).toBeVisible();

    // Two of three arrived: the shortfall needs its kind and a note before signing.
    await received.fill('2');
    await page.getByRole('button', { name: 'Підписати отримання' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Виправте позначений рядок перед підписанням.' })).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('combobox', { name: `Розбіжність: ${PRODUCT}` }).selectOption({ label: 'Недостача' });
    await page.getByLabel('Примітка').fill('Одна одиниця не прибула з рейсом');

    await page.getByRole('button', { name: 'Підписати отримання' }).click();
    const dialog = page.getByRole('dialog', { name: /^Підписати отримання:/u });
    const row = dialog.getByRole('row', { name: new RegExp(PRODUCT, 'u') });
    await expect(row).toContainText('3');
    await expect(row).toContainText('2');
    await expect(row).toContainText('Недостача');
    await expect(row).toContainText('Одна одиниця не прибула з рейсом');
    await expect(dialog).toContainText('SHA-256 накладної, що приймається');
    await signInDialog(page, /^Підписати отримання:/u, 'Отримання підписано', false);

    await expect(page.getByText('Підписано · очікує синхронізації')).toBeVisible();
    await expect(page.locator('.order-page__chips')).toContainText('очікує синхронізації');
    await expect(page.getByRole('button', { name: 'Підписати отримання' })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: /Накладні/ })).not.toContainText('1');
  } finally {
    await service.resume();
  }

  // Online again: the receipt goes out, the service confirms it.
  await syncUntil(page, () => expect(page.locator('.order-page__chips')).toContainText('Отримано', { timeout: 3_000 }));
  await expect(page.locator('.order-page__chips')).not.toContainText('очікує синхронізації');
  await expect(page.getByRole('region', { name: 'Отримання частиною' })).toContainText('Підпис дійсний');
  const onService = (await service.invoices(UNIT)).find((candidate) => candidate.id === invoice.id);
  expect(onService?.status).toBe('received');
  expect(onService?.receipt?.content.lines.map((line) => [line.shippedQuantity, line.receivedQuantity, line.discrepancy?.kind])).toEqual([[3, 2, 'short']]);

  // The order is partially delivered: two delivered, one outstanding.
  await page.getByRole('link', { name: `Замовлення ${invoice.content.contract.orderNumber}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/orders/${orderId}`, 'u'));
  await syncUntilOrderStatus(page, 'Частково доставлено');
  const orderLine = page.getByRole('region', { name: 'Позиції' }).getByRole('row', { name: new RegExp(PRODUCT, 'u') });
  await expect(orderLine.getByRole('cell').nth(1)).toHaveText('2');
  await expect(orderLine.getByRole('cell').nth(2)).toHaveText('1');
});

test('the certificate path: supplier, commander, agency sign; paid; the order is closed; the PDF carries three valid signatures', async ({
  page,
  app,
  enrolment,
  service,
}) => {
  test.setTimeout(240_000);
  await enrolAndWait(page, app.url, enrolment);
  const { orderId, invoice } = await committedAndShipped(page, service, 2);
  await openInvoice(page, invoice.number);
  await receiveAllOnline(page);

  const certificate = await service.issueCertificate({
    unitNumber: UNIT,
    supplierId: invoice.supplierId,
    period: { from: invoice.content.date, to: invoice.content.date },
    invoiceIds: [invoice.id],
  });
  await openCertificate(page, certificate.number);
  await expect(nav(page).getByRole('link', { name: /Акти/ })).toContainText('1');

  // The supplier has signed; the unit and the agency have not.
  await expect(page.getByRole('region', { name: '1. Постачальник' })).toContainText('Підпис дійсний');
  await expect(page.getByRole('region', { name: '2. Частина (командир)' })).toContainText('Очікує підпису');
  await expect(page.getByRole('region', { name: '3. Агенція оборонних закупівель' })).toContainText('Очікує підпису');
  const listed = page.getByRole('region', { name: 'Накладні, що входять до акта' });
  await expect(listed.getByRole('row', { name: new RegExp(invoice.number, 'u') })).toContainText('збігається з підписаним примірником частини');

  await page.getByRole('button', { name: 'Підписати акт' }).click();
  const dialog = page.getByRole('dialog', { name: /^Підписати: Акт приймання-передачі/u });
  await expect(dialog).toContainText(invoice.number);
  await signInDialog(page, /^Підписати: Акт приймання-передачі/u, 'Акт приймання-передачі підписано', true);
  await syncUntil(page, () => expect(page.locator('.order-page__chips')).toContainText('Підписано частиною', { timeout: 3_000 }));
  await expect(page.getByRole('region', { name: '2. Частина (командир)' })).toContainText('Підпис дійсний');

  // The agency signs third, then pays.
  await service.certificateAction(certificate.id, 'agency_sign');
  await syncUntil(page, () => expect(page.locator('.order-page__chips')).toContainText('Підписано всіма сторонами', { timeout: 3_000 }));
  await service.certificateAction(certificate.id, 'pay');
  await syncUntil(page, () => expect(page.locator('.order-page__chips')).toContainText('Оплачено', { timeout: 3_000 }));
  for (const slot of ['1. Постачальник', '2. Частина (командир)', '3. Агенція оборонних закупівель']) {
    await expect(page.getByRole('region', { name: slot })).toContainText('Підпис дійсний');
  }

  // The PDF with every signature embedded, as the officer saves it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Зберегти PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/u);
  const dir = mkdtempSync(join(tmpdir(), 'qm-e2e-pdf-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    if (!existsSync(PDFSIG)) {
      test.info().annotations.push({ type: 'skipped-check', description: `${PDFSIG} is missing (Debian's poppler-utils): the PDF signatures were not checked` });
    } else {
      const result = spawnSync(PDFSIG, [file], { encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`;
      expect(output.match(/Signature is Valid\./gu)?.length ?? 0, output).toBe(3);
    }

    // The same file opened from disk and checked on the laptop, offline.
    await nav(page).getByRole('link', { name: 'Перевірка підпису' }).click();
    const files = page.getByLabel('Вибрати файли…');
    await files.setInputFiles({ name: 'порожній.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await expect(page.getByText('Файл порожній.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Перевірити', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Прибрати порожній.pdf' }).click();
    await files.setInputFiles(file);
    await page.getByRole('button', { name: 'Перевірити', exact: true }).click();
    const result = page.getByRole('region', { name: 'Результат' });
    await expect(result).toContainText('Усі 3 підписи дійсні.');
    await expect(result).toContainText('Акт приймання-передачі');
    await expect(result).toContainText(certificate.number);
    await expect(result.getByRole('region', { name: /Підпис 3/u })).toContainText('Агенція оборонних закупівель');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The orders the certificate covers are closed.
  await page.goto(`${app.origin}/#/orders/${orderId}`);
  await syncUntilOrderStatus(page, 'Закрито');
});

test('a certificate listing an invoice the unit never signed is refused with the reason', async ({ page, app, enrolment, service }) => {
  test.setTimeout(180_000);
  await enrolAndWait(page, app.url, enrolment);
  const { invoice } = await committedAndShipped(page, service, 1);

  // A careless supplier lists the invoice before the unit has signed for it.
  const certificate = await service.uncheckedCertificate({
    unitNumber: UNIT,
    supplierId: invoice.supplierId,
    period: { from: invoice.content.date, to: invoice.content.date },
    invoiceIds: [invoice.id],
  });
  await openCertificate(page, certificate.number);

  const blocked = page.getByRole('region', { name: 'Акт не можна підписати' });
  await expect(blocked).toContainText('Накладна з акта не збігається з примірником частини');
  await expect(blocked).toContainText(`${invoice.number}: Частина не підписувала її отримання`);
  await expect(page.getByRole('button', { name: 'Підписати акт' })).toHaveCount(0);
  const listed = page.getByRole('region', { name: 'Накладні, що входять до акта' });
  await expect(listed.getByRole('row', { name: new RegExp(invoice.number, 'u') })).toContainText('Частина не підписувала її отримання');
});
