import { expect, test } from './fixtures.ts';

test('a manual scheduling choice changes the trace; undo restores it', async ({ app, controls, panels, page }) => {
  await app.open();
  const before = await app.snapshot();
  const choices = controls.choices();
  await test.step('before the first step nothing is asked: the replay is described instead', async () => {
    await expect(choices).toHaveCount(0);
    await expect(page.getByTestId('replay.info')).toContainText('Replay: unbind at 2 ms');
    await controls.stepForward.click();
  });
  await test.step('the next scheduling point offers one button per task', async () => {
    await expect(choices).toHaveText(['Run cat (reader) next', 'Run sh (unbind) next']);
    await expect(choices.first()).toHaveAttribute('aria-pressed', 'true');
  });
  await test.step('let the unbind run first', async () => {
    await controls.decisions.getByRole('button', { name: 'Run sh (unbind) next' }).click();
    await app.waitIdle();
  });
  const after = await app.snapshot();
  await test.step('the run changed and the choice is in the link', async () => {
    expect(after.sched.at(-1)).toBe(1);
    expect(after.signature).not.toBe(before.signature);
    expect((await app.linkView()).sched.at(-1)).toBe(1);
    await expect(panels.currentLogRow).toContainText('sh');
    await expect(controls.undo).toBeEnabled();
  });
  await test.step('undo goes back to the default run', async () => {
    await controls.undo.click();
    await app.waitIdle();
    const undone = await app.snapshot();
    expect(undone.signature).toBe(before.signature);
    expect(undone.cursor).toBe(1);
    expect(undone.sched).toEqual([]);
    await expect(controls.undo).toBeDisabled();
  });
});
