/** An error in one panel never blanks the page: its boundary says what happened, the rest keeps working. */
import { expect, test } from './fixtures.ts';

for (const panel of ['timeline', 'verdict', 'code']) {
  test(`a ${panel} panel that throws says why; the rest of the page still works`, async ({ app, page, controls }) => {
    await app.open('s=flash-unbind');
    await page.evaluate((p) => window.__racelanes!.forceError(p), panel);
    const failed = page.getByTestId(`failed.${panel}`);
    await expect(failed).toBeVisible();
    await expect(failed).toContainText(`forced error in the ${panel} panel`);
    await expect(failed.getByRole('link')).toHaveAttribute('href', /#1\.[0-9a-z]{5}\.f0/);
    await expect(failed.getByRole('button', { name: 'Reload this view' })).toBeVisible();
    // The rest of the page still answers.
    await controls.stepForward.click();
    expect(await controls.cursor()).toBe(1);
    await expect(page.getByTestId('app')).toBeVisible();
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(failed).toHaveCount(0);
  });
}
