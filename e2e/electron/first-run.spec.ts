import { readdir } from 'node:fs/promises';
import { enrolLaptop } from '../support/enrol';
import { expect, test } from './fixtures';

// The same wizard and labels as the browser mode's first-run test (e2e/support/enrol.ts).
test('first run: the desktop app enrols the laptop, creates the vault and opens the app frame', async ({ desktop, enrolment }) => {
  const { page, dataDir } = desktop;

  // Served from the app's own origin, not file://.
  await expect(page).toHaveURL(/^app:\/\/quartermaster\//);
  await enrolLaptop(page, enrolment);
  await expect(page.getByRole('link', { name: 'Налаштування' })).toBeVisible();

  // The vault went where QUARTERMASTER_DATA_DIR said, beside Chromium's profile.
  const written = (await readdir(dataDir)).filter((name) => name !== 'chromium-profile');
  expect(written.length).toBeGreaterThan(0);
});
