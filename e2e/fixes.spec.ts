import { expect, test } from './fixtures.ts';

test('enabling srcu-drain removes the fault and the verdict reads Never', async ({ app, controls, panels, timeline }) => {
  await app.open();
  await test.step('without a fix the run faults', async () => {
    await expect(timeline.faultMarker).toHaveCount(1);
    await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes');
  });
  await test.step('turn on srcu-drain', async () => {
    await controls.fix('srcu-drain').check();
    await app.waitIdle();
  });
  await test.step('no fault marker, verdict Never, the link names the fix', async () => {
    await expect(timeline.faultMarker).toHaveCount(0);
    await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
    await expect(panels.verdict).toContainText('Never');
    await expect(controls.jumpToFault).toBeDisabled();
    expect((await app.linkView()).fixes).toEqual(['srcu-drain']);
    await expect(panels.oops).toContainText('No fault in this execution');
  });
  await test.step('browser back restores the unfixed run', async () => {
    await app.page.goBack();
    await app.waitIdle();
    await expect(controls.fix('srcu-drain')).not.toBeChecked();
    await expect(timeline.faultMarker).toHaveCount(1);
  });
});

test('the verdict table fills in for every fix set in both modes and links to counterexamples', async ({ app, panels, controls }) => {
  await app.open();
  const cells = panels.verdictTable.locator('td.verdict-cell');
  await expect(cells).toHaveCount(10);
  await expect(panels.verdictTable.locator('td.pending')).toHaveCount(0);
  await test.step('open the timed counterexample of notifier-sleep? it is Never; open no-fix timed instead', async () => {
    await panels.verdictTable.getByRole('row', { name: /no fix/ }).locator('td').nth(1).getByRole('link').click();
    await app.waitIdle();
    expect(await app.linkView()).toMatchObject({ mode: 'timed', t: 'fault' });
    const snap = await app.snapshot();
    expect(snap.fault).toBeGreaterThan(0);
    expect(await controls.cursor()).toBe(snap.fault);
  });
});

test('a bad parameter shows the parser message inline and keeps the run', async ({ app, controls, page }) => {
  await app.open();
  await controls.param('read').fill('fast');
  await controls.param('read').press('Enter');
  await expect(page.getByText('read=fast is not a duration')).toBeVisible();
  await expect(controls.param('read')).toHaveAttribute('aria-invalid', 'true');
  await controls.param('read').fill('400ms');
  await controls.param('read').press('Enter');
  await app.waitIdle();
  expect((await app.linkView()).params.read).toBe(400_000);
  await expect(controls.param('read')).not.toHaveAttribute('aria-invalid', 'true');
});
