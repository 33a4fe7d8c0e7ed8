import { readdir } from 'node:fs/promises';
import { expect, setUpVault, test } from './fixtures';

// The same steps and labels as the browser mode's first-run test (e2e/browser/vault.spec.ts).
test('first run: the desktop app asks for a passphrase, creates the vault and opens the app frame', async ({ desktop }) => {
  const { page, dataDir } = desktop;

  // Served from the app's own origin, not file://.
  await expect(page).toHaveURL(/^app:\/\/quartermaster\//);
  await expect(page.getByRole('button', { name: 'Створити сховище' })).toBeVisible();

  await setUpVault(page);

  // Key derivation runs at full cost: allow it time.
  await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Заблокувати', exact: true })).toBeVisible();

  // The vault went where QUARTERMASTER_DATA_DIR said, beside Chromium's profile.
  const written = (await readdir(dataDir)).filter((name) => name !== 'chromium-profile');
  expect(written.length).toBeGreaterThan(0);
});
