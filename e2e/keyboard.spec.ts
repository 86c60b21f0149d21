import { expect, test } from './fixtures.ts';

test('keyboard: arrows step, F jumps to the fault, ? opens help and Escape closes it', async ({ app, controls, panels, timeline, page }) => {
  await app.open();
  const x0 = await timeline.playheadX();
  await test.step('ArrowRight twice, ArrowLeft once', async () => {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await controls.cursor()).toBe(1);
    await expect(panels.currentLogRow.locator('td').first()).toHaveText('1');
    expect(await timeline.playheadX()).toBeGreaterThan(x0);
    expect(await app.fragment()).toBe(app.linkFor({ t: 1 }));
  });
  await test.step('End, Home', async () => {
    await page.keyboard.press('End');
    expect(await controls.cursor()).toBe((await app.snapshot()).events - 1);
    await page.keyboard.press('Home');
    expect(await controls.cursor()).toBe(0);
  });
  await test.step('F jumps to the fault', async () => {
    await page.keyboard.press('KeyF');
    expect(await controls.cursor()).toBe((await app.snapshot()).fault);
    await expect(panels.oopsText).toContainText('cqspi_indirect_read_execute');
  });
  await test.step('? opens the help sheet listing the keys; Escape closes it', async () => {
    await page.keyboard.press('Shift+Slash');
    await expect(panels.help).toBeVisible();
    await expect(panels.help).toContainText('Step forward');
    await expect(panels.help).toContainText('Jump to fault');
    // While the sheet is open, the page's shortcuts do nothing.
    const before = await controls.cursor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await page.keyboard.press('KeyT');
    expect(await controls.cursor()).toBe(before);
    expect((await app.linkView()).axis).toBe('step');
    await page.keyboard.press('Escape');
    await expect(panels.help).toBeHidden();
  });
  await test.step('Space plays and pauses', async () => {
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await expect(controls.pause).toBeVisible();
    await page.keyboard.press('Space');
    await expect(controls.play).toBeVisible();
    await app.waitIdle();
    expect(await controls.cursor()).toBeGreaterThanOrEqual(0);
  });
});

test('a click on the axis ruler moves the cursor there; the axis playhead follows it with the lanes\' playhead', async ({ app, controls, timeline, page }) => {
  await app.open();
  const axisHead = page.getByTestId('timeline.axis-playhead');
  const box = (await timeline.axis.boundingBox())!;
  // The playhead's overlay lies over the ruler: the click must reach the ruler through it.
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  const cursor = await controls.cursor();
  expect(cursor).toBeGreaterThan(0);
  const x = await timeline.playheadX();
  expect(Number(await axisHead.getAttribute('data-x'))).toBeCloseTo(x, 1);
  // The lanes' x is the ruler's x: the click landed within a step of where it was made.
  expect(Math.abs(x - box.width * 0.6)).toBeLessThan(box.width / (await app.snapshot()).events + 2);
  await page.keyboard.press('ArrowRight');
  expect(await controls.cursor()).toBe(cursor + 1);
  expect(Number(await axisHead.getAttribute('data-x'))).toBeGreaterThan(x);
});
