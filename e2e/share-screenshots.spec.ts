/**
 * Screenshots of the share tools to look at (not pixel assertions): the
 * toolbar, the Export menu, the Open dialog with a pasted block, a page
 * opened from a hostile link, and the copy fallback box. Written to
 * $RACELANES_SHOTS (default test-results/shots) as share-*.png.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

const DIR = process.env['RACELANES_SHOTS'] ?? 'test-results/shots';

test.describe('share screenshots', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('toolbar, export menu, copy status, open dialog', async ({ app, share, page }) => {
    await app.open('s=flash-unbind&t=fault');
    // Copy link, Copy as text, Export, Open, and where links point (this page runs on 127.0.0.1).
    await expect(share.group.getByRole('button')).toHaveCount(5);
    await page.screenshot({ path: join(DIR, 'share-toolbar.png') });
    await share.copyLink.click();
    await expect(share.status).toContainText('Link copied');
    await page.screenshot({ path: join(DIR, 'share-copied.png') });
    await share.exportButton.click();
    await expect(share.exportMenu).toBeVisible();
    await page.screenshot({ path: join(DIR, 'share-export-menu.png') });
    await page.keyboard.press('Escape');
    await share.copyText.click();
    await expect(share.status).toContainText('Text copied');
    const block = await share.clipboard();
    await share.openButton.click();
    await share.openText.fill(block.split('\n').map((l) => `> ${l}`).join('\n'));
    await page.screenshot({ path: join(DIR, 'share-paste-dialog.png') });
    await share.openText.fill('LGTM, thanks');
    await share.openSubmit.click();
    await expect(share.openProblems).toBeVisible();
    await page.screenshot({ path: join(DIR, 'share-paste-dialog-error.png') });
  });

  test('a page opened from a hostile link', async ({ app, page }) => {
    await app.open('s=flash-unbind&fix=<script>alert(1)</script>&read=99999999999999ms&t=1e99');
    await expect(app.alerts.first()).toBeVisible();
    await page.screenshot({ path: join(DIR, 'share-hostile-link.png') });
    await page.goto('about:blank');
    await app.open('9.abcde.q0');
    await expect(app.alerts.first()).toContainText('Nothing in this link could be opened');
    await page.screenshot({ path: join(DIR, 'share-future-version.png') });
  });

  test('a link from another model', async ({ app, page }) => {
    await app.open('1.zzzzz.q0.sbbbbbbbbbbbbbbbbbbbbb.tf');
    await expect(app.alerts.first()).toBeVisible();
    await page.screenshot({ path: join(DIR, 'share-other-model.png') });
  });
});

test('exported PNGs in light and dark', async ({ app, share, page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('s=qspi-unbind&t=fault');
    const d = await share.download(/^PNG/);
    await d.saveAs(join(DIR, `share-export-${scheme}.png`));
    const svg = await share.download(/^SVG/);
    await svg.saveAs(join(DIR, `share-export-${scheme}.svg`));
  }
});

test('the copy fallback box when the clipboard is refused', async ({ app, share, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await app.open('s=qspi-unbind&t=fault');
  await share.copyText.click();
  await expect(share.fallback).toBeVisible();
  const box = share.fallback.getByRole('textbox');
  await expect(box).toBeFocused();
  const selected = await box.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toMatch(/^Scenario: qspi-unbind[\s\S]*Link: http/);
  await page.screenshot({ path: join(DIR, 'share-copy-fallback.png') });
  await share.fallback.getByRole('button', { name: 'Close' }).click();
  await expect(share.fallback).toBeHidden();
});
