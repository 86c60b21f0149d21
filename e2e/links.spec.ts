import { expect, test } from './fixtures.ts';

test('a bad link shows what is wrong, applies what is valid, and raises no page error', async ({ app, timeline, page }) => {
  await test.step('open a link with an unknown scenario, a bad duration and markup', async () => {
    await app.open('s=nope&fix=srcu-drain&read=fast&x=<img src=x onerror=alert(1)>');
  });
  const alert = app.alerts.first();
  await test.step('the notice names each problem, as text', async () => {
    await expect(alert).toContainText('unknown scenario "nope"');
    await expect(alert).toContainText('read=fast is not a duration');
    await expect(alert).toContainText('unknown key');
    await expect(page.locator('.notice img')).toHaveCount(0);
  });
  await test.step('the valid part is applied', async () => {
    await expect(page.getByTestId('fix.srcu-drain')).toBeChecked();
    await expect(timeline.taskLabels.first()).toHaveText('cat (reader)');
    expect(await app.fragment()).toBe(app.linkFor({ fixes: ['srcu-drain'] }));
  });
  await test.step('the notice can be dismissed', async () => {
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(app.alerts).toHaveCount(0);
  });
});

test('a link opens the exact run and step, and hand edits load in place', async ({ app, controls, page }) => {
  await app.open('s=flash-unbind&mode=timed&t=12');
  expect(await controls.cursor()).toBe(12);
  await expect(app.scenario).toHaveValue('flash-unbind');
  await page.evaluate(() => { location.hash = '#s=devres-order&t=fault'; });
  await app.waitIdle();
  await expect(app.scenario).toHaveValue('devres-order');
  expect(await controls.cursor()).toBe((await app.snapshot()).fault);
});
