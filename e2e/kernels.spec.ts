/**
 * The kernels people run: the selector changes the model, the link (k=), the
 * question, the code and the report; each fix says where it does not apply or
 * what it leaves open; a timed verdict that depends on scheduling latency says so.
 */
import { expect, test } from './fixtures.ts';
import { DEFAULT_VIEW, simulate } from '../src/sim/index.ts';

test('the kernel selector changes the question, the link and the report', async ({ app, page, panels }) => {
  await app.open('s=qspi-unbind&mode=timed&t=fault');
  const kernel = page.getByTestId('kernel');
  await expect(kernel).toHaveValue('6.14-rc7');
  await expect(page.getByTestId('verdict.question')).toContainText('qspi-unbind on 6.14-rc7');
  await expect(panels.oops).toContainText('6.14.0-rc7-yocto-standard+');
  await kernel.selectOption('6.12.117');
  await app.waitIdle();
  await expect(page.getByTestId('verdict.question')).toContainText('qspi-unbind on 6.12.117');
  expect((await app.linkView()).kernel).toBe('6.12.117');
  expect(page.url()).toMatch(/#1\.[0-9a-z]{5}\.q0t\.ks(\.|$)/);
  await expect(page.getByTestId('summary')).toContainText('Kernel 6.12.117');
  await expect(page.getByTestId('summary')).toContainText('7446284023e8');
  await expect(panels.verdict).toHaveAttribute('data-verdict', /Sometimes|Never|Always/);
  // The link restores the kernel.
  await page.reload();
  await app.waitIdle();
  await expect(page.getByTestId('kernel')).toHaveValue('6.12.117');
});

test('a fix that does not apply on a kernel, or leaves something open there, says so', async ({ app, page }) => {
  await app.open('s=qspi-unbind&k=mainline');
  await expect(page.getByTestId('fix.devres-group.note')).toContainText('Not on mainline');
  await expect(page.getByTestId('fix.srcu-drain.caveat')).toHaveCount(0);
  await page.getByTestId('kernel').selectOption('6.12.117');
  await app.waitIdle();
  await expect(page.getByTestId('fix.devres-group.note')).toHaveCount(0);
  await expect(page.getByTestId('fix.srcu-drain.caveat')).toContainText('refcount_t: addition on 0');
});

test('a timed verdict that depends on scheduling latency says so, and one click asks that question', async ({ app, page, panels }) => {
  test.setTimeout(90_000);
  // Two readers of 200 ms each: the 300 ms sleep holds only if a woken task runs at once.
  await app.open('s=flash-unbind&fix=notifier-sleep&readers=2&read=200ms&mode=timed');
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
  const note = page.getByTestId('verdict.latency');
  await expect(note).toContainText('Depends on scheduling latency: at lat=1ms', { timeout: 60_000 });
  await expect(note).toContainText('Sometimes');
  await note.getByRole('button', { name: 'Use lat=1ms' }).click();
  await app.waitIdle();
  expect((await app.linkView()).params.lat).toBe(1000);
  await expect(page.getByTestId('verdict.question')).toContainText('lat=1ms');
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes', { timeout: 60_000 });
  // And the other way round: at lat=1ms the note points back at lat=0.
  await expect(page.getByTestId('verdict.latency')).toContainText('at lat=0 (a woken task runs at once) it is Never', { timeout: 60_000 });
});

test('the code view marks each kernel\'s own lines with their commit, and functions only a patch adds', async ({ app, page }) => {
  const view = { ...DEFAULT_VIEW, scenario: 'qspi-unbind' as const, kernel: '6.12.117' as const };
  const trace = simulate(view);
  const unbind = trace.program.unbindTask;
  const at = trace.events.findIndex((e) => e.task === unbind && trace.program.tasks[unbind]!.steps[e.pc]!.stack.at(-1)?.fn === 'cqspi_remove');
  expect(at).toBeGreaterThan(0);
  await app.open(`s=qspi-unbind&k=6.12.117&t=${at}`);
  const card = page.getByTestId(`code.${unbind}`);
  await expect(card).toContainText('cqspi_remove()');
  await expect(card.locator('.since').first()).toHaveText(' 7446284023e8');
  await app.open('s=flash-unbind&fix=notifier-sleep&t=fault');
  const patch = page.locator('[data-testid$=".patch"]');
  const n = await patch.count();
  // The notifier exists only in Liwei's patch: wherever its card shows it, it says so.
  for (let i = 0; i < n; i++) await expect(patch.nth(i)).toContainText('only in a proposed patch');
});
