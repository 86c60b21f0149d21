/**
 * Screenshots to look at (not pixel assertions): first open, after Jump to
 * fault, with srcu-drain, dark theme, help sheet, and one at 2560x1440.
 * Written to $RACELANES_SHOTS (default test-results/shots).
 */
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

const DIR = process.env['RACELANES_SHOTS'] ?? 'test-results/shots';

test.describe('screenshots', () => {
  test('1280x720 light', async ({ app, controls, panels, page }) => {
    await app.open();
    await page.screenshot({ path: join(DIR, 'first-open.png') });
    await controls.jumpToFault.click();
    await app.waitIdle();
    await page.screenshot({ path: join(DIR, 'jump-to-fault.png') });
    await controls.fix('srcu-drain').check();
    await app.waitIdle();
    await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
    await page.screenshot({ path: join(DIR, 'srcu-drain.png') });
    await page.keyboard.press('Shift+Slash');
    await expect(panels.help).toBeVisible();
    await page.screenshot({ path: join(DIR, 'help.png') });
  });

  test('dark theme', async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.open('s=qspi-unbind&t=fault');
    await page.screenshot({ path: join(DIR, 'dark-fault.png') });
  });

  test('2560x1440', async ({ app, page }) => {
    await page.setViewportSize({ width: 2560, height: 1440 });
    await app.open('s=flash-unbind&t=fault');
    await page.screenshot({ path: join(DIR, '2560-flash-unbind-fault.png') });
    await app.open();
    await page.screenshot({ path: join(DIR, '2560-first-open.png') });
  });
});
