import { expect, test } from '@playwright/test';

// Temporary smoke test: the built page loads cleanly. Replace with real specs.
test('page loads with #root and no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Browsers ask for /favicon.ico on their own; a missing one is not an app error.
    if (msg.location().url.endsWith('/favicon.ico')) return;
    errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  await page.goto('/');
  await expect(page.locator('#root')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
