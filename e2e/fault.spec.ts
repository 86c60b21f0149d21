import { expect, test } from './fixtures.ts';

test('Jump to fault shows the Oops with the reader call trace', async ({ app, controls, panels, timeline }) => {
  await app.open();
  await test.step('no report before the cursor reaches the fault', async () => {
    await expect(panels.oopsText).toHaveCount(0);
  });
  await test.step('jump to the fault', async () => {
    await controls.jumpToFault.click();
    await app.waitIdle();
  });
  await test.step('the Oops region holds the report', async () => {
    await expect(panels.oopsText).toContainText('cqspi_indirect_read_execute');
    await expect(panels.oopsText).toContainText('mtdchar_read');
    await expect(panels.oopsText).toContainText('Internal error: synchronous external abort');
  });
  await test.step('the cursor, the link and the details follow', async () => {
    const snap = await app.snapshot();
    expect(await controls.cursor()).toBe(snap.fault);
    expect(await app.fragment()).toBe(app.linkFor({ t: 'fault' }));
    await expect(panels.details).toContainText('cqspi_indirect_read_execute()');
    await expect(panels.code(0)).toContainText('faulted');
    await expect(timeline.faultMarker.locator('text.fault-label')).toContainText('mmio-disabled');
  });
  await test.step('restart goes back to the first step', async () => {
    await controls.restart.click();
    expect(await controls.cursor()).toBe(0);
  });
});
