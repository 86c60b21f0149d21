import { expect, test } from './fixtures.ts';

test('first open: qspi-unbind, no fix, already run, cursor on the first step', async ({ app, timeline, controls, panels }) => {
  await test.step('open the page with no fragment', async () => {
    await app.open();
  });
  await test.step('the scenario summary and a shareable link are there', async () => {
    await expect(app.summary).toContainText('cqspi_remove()');
    await expect(app.scenario).toHaveValue('qspi-unbind');
    expect(await app.fragment()).toBe(app.linkFor({}));
    await expect(app.alerts).toHaveCount(0);
  });
  await test.step('task lanes and lifetime bars are drawn', async () => {
    await expect(timeline.taskLabels).toHaveText(['cat (reader)', 'sh (unbind)']);
    await expect(timeline.resourceLabels.filter({ hasText: 'struct spi_nor' })).toHaveCount(1);
    expect(await timeline.lifetimeBars.count()).toBeGreaterThanOrEqual(11);
    expect(await timeline.freedBars.count()).toBeGreaterThan(0);
    expect(await timeline.slices.count()).toBeGreaterThan(20);
    await expect(timeline.faultMarker).toHaveCount(1);
  });
  await test.step('the cursor is on step 0 and the way to the crash is obvious', async () => {
    expect(await controls.cursor()).toBe(0);
    await expect(panels.currentLogRow.locator('td').first()).toHaveText('0');
    await expect(controls.jumpToFault).toBeEnabled();
    await expect(panels.oops).toContainText('faults at step');
    await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes');
  });
});
