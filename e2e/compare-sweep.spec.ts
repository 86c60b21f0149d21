/**
 * Pictures a list can argue over: two fix sets side by side on one replay,
 * and the verdict swept over parameters. Each view with the real gestures,
 * its exports and axe.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const COMPARE = 's=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed&start=10us&sched=a3b&cmp=srcu-drain';
const SWEEP = 's=flash-unbind&fix=notifier-sleep&mode=timed&sweep=read:200ms..400ms:5,readers:1..2';

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('compare: two full timelines, one cursor, the divergence marked on both, both verdicts', async ({ app, page, share }) => {
  await app.open(COMPARE);
  const timelines = page.getByTestId('timeline');
  await expect(timelines).toHaveCount(2);
  await expect(page.getByRole('img', { name: /diverge/ })).toHaveCount(2);
  await expect(page.getByTestId('compare.diverge')).toContainText('The runs diverge at step 20');
  await expect(page.getByTestId('compare.a').getByTestId('compare.verdict')).toHaveAttribute('data-verdict', 'Sometimes');
  await expect(page.getByTestId('compare.b').getByTestId('compare.verdict')).toHaveAttribute('data-verdict', 'Never');
  await expect(page.getByTestId('compare.a')).toContainText('notifier-sleep');
  await expect(page.getByTestId('compare.b')).toContainText('srcu-drain');
  // Side B's Never is checked over every unbind start too (side A's Sometimes needs no check).
  await app.waitIdle();
  await expect(page.getByTestId('compare.b').getByTestId('compare.every-start')).toHaveAttribute('data-holds', 'true');
  await expect(page.getByTestId('compare.b').getByTestId('compare.every-start')).toHaveText('holds for every unbind start');
  await expect(page.getByTestId('compare.b').getByTestId('compare.every-start')).toHaveAttribute('title', /^Never for every unbind start too, .*checked with the start kept symbolic \([\d,]+ states\)\.$/);
  await expect(page.getByTestId('compare.a').getByTestId('compare.every-start')).toHaveCount(0);

  await test.step('one cursor: a step moves both playheads to the same step', async () => {
    const heads = page.getByTestId('timeline.playhead');
    await page.getByTestId('compare.diverge').getByRole('button', { name: 'step 20' }).click();
    await app.waitIdle();
    expect((await app.snapshot()).cursor).toBe(20);
    const x0 = await heads.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['x'])));
    await page.keyboard.press('ArrowRight');
    await app.waitIdle();
    const x1 = await heads.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['x'])));
    expect(x1[0]).toBeGreaterThan(x0[0]!);
    expect(x1[1]).toBeGreaterThan(x0[1]!);
  });

  await test.step('one zoom: the wheel over side B zooms side A too', async () => {
    const win = () => page.evaluate(() => window.__racelanes!.store.getState().window);
    const before = await win();
    const lanesB = timelines.nth(1).getByTestId('timeline.lanes');
    await lanesB.scrollIntoViewIfNeeded();
    const box = (await lanesB.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, Math.max(box.y, 0) + 60);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await app.waitIdle();
    const after = await win();
    expect(after).not.toEqual(before);
    // The same steps on both axes (each side labels them with its own times).
    const ticks = async (i: number) => (await timelines.nth(i).locator('svg.axis text').allTextContents()).filter((t) => t.startsWith('#'));
    expect((await ticks(0)).length).toBeGreaterThan(1);
    expect(await ticks(0)).toEqual(await ticks(1));
  });

  await test.step('Copy as text gives both verdicts and where the runs part', async () => {
    await share.copyText.click();
    await expect(share.status).toContainText('Text copied');
    const text = await share.clipboard();
    expect(text).toContain('Diverge:  at step 20');
    expect(text).toMatch(/^Observation flash-unbind\+notifier-sleep Sometimes /m);
    expect(text).toMatch(/^Observation flash-unbind\+srcu-drain Never \d+ \d+\nStarts: {3}Never for every unbind start too, /m);
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(72);
  });

  await test.step('exports: the Perfetto JSON has two processes; the SVG both timelines', async () => {
    const json = JSON.parse((await readFile(await (await share.download(/^Trace/)).path())).toString('utf8')) as { traceEvents: { ph: string; name: string; args?: { name?: string } }[] };
    const names = json.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.args?.name);
    expect(names).toEqual(['A: notifier-sleep', 'B: srcu-drain']);
    const svg = (await readFile(await (await share.download(/^SVG/)).path())).toString('utf8');
    const texts = await page.evaluate((t) => [...new DOMParser().parseFromString(t, 'image/svg+xml').getElementsByTagName('text')].map((n) => n.textContent ?? ''), svg);
    expect(texts.filter((t) => t === 'cat (reader)')).toHaveLength(2);
    expect(texts.some((t) => t.startsWith('B srcu-drain'))).toBe(true);
  });

  await test.step('axe: no serious violation', async () => expect(await serious(page)).toEqual([]));

  await test.step('Stop comparing: back to one timeline, the link without cmp', async () => {
    await page.getByRole('button', { name: 'Stop comparing' }).click();
    await app.waitIdle();
    await expect(timelines).toHaveCount(1);
    expect((await app.linkView()).cmp ?? null).toBeNull();
  });
});

test('compare from the controls: the link carries side B', async ({ app, page }) => {
  await app.open('s=qspi-unbind&mode=timed');
  await page.getByTestId('compare.fixes').selectOption('srcu-drain');
  await app.waitIdle();
  await expect(page.getByTestId('timeline')).toHaveCount(2);
  expect((await app.linkView()).cmp).toEqual(['srcu-drain']);
  await page.getByTestId('compare.kernel').selectOption('mainline');
  await app.waitIdle();
  expect((await app.linkView()).cmpk).toBe('mainline');
  await expect(page.getByTestId('compare.b')).toContainText('srcu-drain on mainline');
  await page.reload();
  await app.waitIdle();
  await expect(page.getByTestId('timeline')).toHaveCount(2);
});

test('sweep: a figure of verdicts over two parameters, cells stream in, a click opens one', async ({ app, page, share }) => {
  test.setTimeout(90_000);
  await app.open(SWEEP);
  const fig = page.getByRole('figure', { name: /sweep/i });
  await expect(fig).toBeVisible();
  const cells = fig.locator('td[data-verdict]');
  await expect(cells).toHaveCount(10, { timeout: 60_000 });
  await expect(page.getByTestId('sweep.progress')).toHaveText('10 of 10 cells');
  const labels = await fig.locator('td button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const l of labels) expect(l).toMatch(/^read=\d+ms readers=[12]: (Never|Sometimes|Always|Unknown) [\d,.e≥]+\/[\d,.e≥]+$/);
  // notifier-sleep's safe region: reads shorter than its msleep(300).
  expect(labels.find((l) => l.startsWith('read=200ms readers=1:'))).toMatch(/: Never /);
  expect(labels.find((l) => l.startsWith('read=400ms readers=2:'))).toMatch(/: Sometimes /);
  // Mode timed counts traces (executions up to reordering of independent steps).
  await expect(fig.locator('td button').first()).toHaveAttribute('title', / traces fault/);

  await test.step('each Never cell is checked over every unbind start once the cells are in', async () => {
    const every = page.getByTestId('sweep.every-start');
    await expect(every).toContainText('Every start: each of the 4 Never cells holds for every unbind start too, not only the unbind starting at 0 or right after a step of another task', { timeout: 60_000 });
    await expect(fig.locator('td[data-every-start="true"]')).toHaveCount(4);
    await expect(fig.locator('td[data-verdict="Sometimes"][data-every-start]')).toHaveCount(0);
    await expect(fig.getByRole('button', { name: /^read=200ms readers=2:/ })).toHaveAttribute('title', /\nNever for every unbind start too, .*checked with the start kept symbolic \([\d,]+ states\)\./);
    await expect(fig.locator('td.contradicted')).toHaveCount(0);
  });

  await test.step('the SVG export has the grid', async () => {
    const svg = (await readFile(await (await share.download(/^SVG/)).path())).toString('utf8');
    const texts = await page.evaluate((t) => [...new DOMParser().parseFromString(t, 'image/svg+xml').getElementsByTagName('text')].map((n) => n.textContent ?? ''), svg);
    expect(texts).toContain('400ms');
    expect(texts.filter((t) => /^[NSA?] \d+%/.test(t))).toHaveLength(10);
    // The lines on the checks over every start come with the grid, every word of them.
    const at = texts.findIndex((t) => t.startsWith('Every start: each of the 4 Never cells holds for every unbind start too'));
    expect(at).toBeGreaterThan(0);
    expect(texts.slice(at).join(' ')).toMatch(/^Every start: each of the 4 Never cells holds .* checked with the start kept symbolic \(at most [\d,]+ states per cell\)\./);
  });

  await test.step('axe: no serious violation', async () => expect(await serious(page)).toEqual([]));

  await test.step('a click opens that configuration, without the sweep', async () => {
    await fig.getByRole('button', { name: /^read=400ms readers=2:/ }).click();
    await app.waitIdle();
    const v = await app.linkView();
    expect(v.sweep ?? null).toBeNull();
    expect(v.params.read).toBe(400_000);
    expect(v.params.readers).toBe(2);
    await expect(page.getByRole('figure', { name: /sweep/i })).toHaveCount(0);
  });
});

test('sweep: a cell whose check over every start stops at the state cap is named, never counted as holding', async ({ app, page }) => {
  // A small cap (the page offers 1M and up): the verdicts complete under it (175 and 315 states), the two-reader
  // cell's check does not (401; one reader: 192), and notifier-sleep, a fix that works by timing, is no Never in mode
  // any, so the modular search cannot settle it.
  await app.askAtCap('s=qspi-unbind&fix=notifier-sleep&mode=timed&sweep=readers:1..2', 350);
  const fig = page.getByRole('figure', { name: /sweep/i });
  await expect(fig.locator('td[data-every-start="true"]')).toHaveCount(1);
  await expect(fig.locator('td[data-every-start="null"]')).toHaveCount(1);
  await expect(fig.locator('td[data-every-start="null"] button')).toHaveAttribute('title', /\nWhether Never holds for every unbind start, .* is not settled/);
  const every = page.getByTestId('sweep.every-start');
  await expect(every.locator('p').first()).toHaveText(/^Every start: 1 of the 2 Never cells holds for every unbind start too, .*; the other one:$/);
  await expect(every.locator('p').nth(1)).toHaveText(/^readers=2: Whether Never holds for every unbind start, .* is not settled: .*\(350 states\).* The modular search did not prove it either: in one of its views a move faults/);
  await expect(every.locator('a')).toHaveCount(0);
});

test('sweep: a check the state cap stops is settled by the modular search where that proves Never in mode any, and said so', async ({ app, page }) => {
  // The verdicts complete under the cap (198 and 382 states), the two-reader cell's check does not (496; one reader: 227).
  await app.askAtCap('s=flash-unbind&fix=srcu-drain&mode=timed&sweep=readers:1..2', 450);
  const fig = page.getByRole('figure', { name: /sweep/i });
  await expect(fig.locator('td[data-every-start="true"]')).toHaveCount(2);
  const every = page.getByTestId('sweep.every-start');
  await expect(every.locator('p').first()).toHaveText(/^Every start: each of the 2 Never cells holds for every unbind start too, .*, or by the modular search where that stopped at the state cap \(below\)\.$/);
  await expect(every.locator('p').nth(1)).toHaveText(/^readers=2: Never for every unbind start too, .* stopped at the state cap \(450 states\), and the modular search then proved that no execution faults in mode any/);
});

test('sweep: a cell whose verdict an unbind start contradicts is marked !, explained, and links to that execution', async ({ app, page }) => {
  await app.open('s=flash-unbind&fix=notifier-sleep&mode=timed&sweep=read:200ms..300ms:2');
  await app.waitIdle();
  const fig = page.getByRole('figure', { name: /sweep/i });
  await expect(fig.locator('td[data-every-start="true"]')).toHaveCount(1);
  // No built-in question has such a start (the search is tested against brute force in src/sim/engine/everyStart.test.ts):
  // the read=200ms cell's real check is given a witness here, to see what the page makes of one.
  await page.evaluate(() => {
    const st = window.__racelanes!.store.getState();
    const key = Object.keys(st.startsChecks).find((k) => k.includes('|r200000|'))!;
    const r = st.startsChecks[key]!;
    st.putStartsCheck(key, { ...r, check: { ...r.check, holds: false, witness: { at: 47, schedule: [1, 0], moves: 2 } as never } });
  });
  const cell = fig.locator('td[data-every-start="false"]');
  await expect(cell).toHaveClass(/contradicted/);
  await expect(cell.getByRole('button')).toHaveText('N 0%!');
  await expect(cell.getByRole('button')).toHaveAttribute('aria-label', /^read=200ms: Never 0\/\d+, not for every unbind start$/);
  await expect(fig.locator('figcaption')).toContainText('! not for every unbind start (see Every start)');
  const every = page.getByTestId('sweep.every-start');
  await expect(every.locator('p').first()).toHaveText(/^Every start: the Never cell is not shown to hold for every unbind start, /);
  const line = every.locator('p.contradicted');
  await expect(line).toContainText('read=200ms: Not for every unbind start: with the unbind started at 47us, an execution faults');
  await line.getByRole('link', { name: 'Open that execution' }).click();
  await app.waitIdle();
  const v = await app.linkView();
  expect([v.params.read, v.start, v.sweep ?? null]).toEqual([200_000, 47, null]);
});

test('sweep: the checks over every start can be cancelled, say so on the cells, and can be asked again', async ({ app, page }) => {
  test.setTimeout(90_000);
  await page.goto('/#s=qspi-unbind&fix=srcu-drain&mode=timed&erase=1s&sweep=readers:4..5');
  await page.waitForFunction(() => window.__racelanes !== undefined);
  const fig = page.getByRole('figure', { name: /sweep/i });
  const every = page.getByTestId('sweep.every-start');
  // Both cells' verdicts in (each Never wants a check); the five-reader cell's check takes seconds (3.6 s in Node): long enough to cancel.
  await expect(every).toHaveAttribute('data-of', '2', { timeout: 30_000 });
  await expect(every).toContainText('Checking every unbind start for the timed Never or Always cells');
  await every.getByRole('button', { name: 'Cancel' }).click();
  await expect(every).toContainText(/The check of the timed Never or Always cells over every unbind start was cancelled \(\d of [12] in\)/);
  await expect(fig.locator('td[data-every-start="cancelled"] button').first()).toHaveAttribute('title', /The check over every unbind start was cancelled\./);
  await every.getByRole('button', { name: 'Check again' }).click();
  await app.waitIdle();
  await expect(every.locator('p').first()).toHaveText(/^Every start: each of the 2 Never cells holds for every unbind start too, /);
  await expect(fig.locator('td[data-every-start="true"]')).toHaveCount(2);
});

test('sweep: a Cancel that stops a cell before its verdict is in stops the checks with it, and says so', async ({ page }) => {
  test.setTimeout(90_000);
  // Eight cells: the small ones' verdicts and checks come in while the largest are still searching.
  await page.goto('/#s=qspi-unbind&fix=srcu-drain&mode=timed&sweep=readers:1..8');
  await page.waitForFunction(() => window.__racelanes !== undefined);
  const every = page.getByTestId('sweep.every-start');
  await expect(every).toContainText(/Checking every unbind start for the timed Never or Always cells: [1-9] of \d in so far/, { timeout: 30_000 });
  await every.getByRole('button', { name: 'Cancel' }).click();
  await expect(every).toContainText(/The check of the timed Never or Always cells over every unbind start was cancelled \(\d of \d in\)/);
  await expect(every).not.toContainText('Checking');
  await expect(every.getByRole('button', { name: 'Check again' })).toBeVisible();
});

test('sweep from the controls, and bad input says what is wrong', async ({ app, page }) => {
  await app.open('s=devres-order&mode=timed');
  await page.getByTestId('sweep.x').fill('at:0us..3ms:4');
  await page.getByTestId('sweep.run').click();
  await app.waitIdle();
  await expect(page.getByRole('figure', { name: /sweep/i }).locator('td[data-verdict]')).toHaveCount(4, { timeout: 30_000 });
  expect((await app.linkView()).sweep?.x.param).toBe('at');
  await page.getByTestId('sweep.x').fill('read:9ms..oops');
  await page.getByTestId('sweep.run').click();
  await expect(page.getByTestId('sweep.error')).toContainText('x');
  // What was set stays.
  expect((await app.linkView()).sweep?.x.param).toBe('at');
});
