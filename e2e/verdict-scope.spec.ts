/**
 * A verdict covers exactly its question. Opening a counterexample replays one
 * execution and never narrows the question; Unknown is never Never; long
 * searches show progress and can be cancelled.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { PanelsPage } from './pages/PanelsPage.ts';

test('opening the shortest faulting execution keeps the question and its answer', async ({ app, page, controls, panels }) => {
  await app.open('s=flash-unbind&mode=timed');
  const question = page.getByTestId('verdict.question');
  const counts = page.locator('.verdict-counts');
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes');
  const q0 = await question.textContent();
  const c0 = (await counts.textContent())!.replace(/ · \d+ ms$/, '');
  expect(q0).toContain('unbind starting at 0 or right after a step of another task');
  await test.step('open the counterexample: a replay of the same question', async () => {
    await page.getByRole('link', { name: /Open the shortest faulting execution/ }).click();
    await app.waitIdle();
    await expect(question).toHaveText(q0!);
    await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes');
    expect((await counts.textContent())!.replace(/ · \d+ ms$/, '')).toBe(c0);
    const view = await app.linkView();
    expect(view.params.at).toBeUndefined();
    expect(view.start).not.toBeNull();
    expect((await app.snapshot()).cursor).toBe((await app.snapshot()).fault);
    // The start is shown as the replay's, and the at input is still empty (the explored starts).
    await expect(controls.param('at')).toHaveValue('');
  });
  await test.step('a fix toggled afterwards answers the whole question, not that start', async () => {
    await controls.fix('notifier-sleep').check();
    await app.waitIdle();
    await expect(question).toContainText('flash-unbind on 6.14-rc7, notifier-sleep, mode=timed');
    await expect(question).toContainText('unbind starting at 0 or right after a step of another task');
  });
});

test('a search stopped at the state cap without a fault says Unknown, in its own style, and why', async ({ app, page, panels }) => {
  // A small cap (the page offers 1M and up) so that this question cannot complete under it. Four readers: at this
  // cap the modular search that follows runs out of memory too (three, it proves).
  await app.askAtCap('s=flash-unbind&fix=srcu-drain&readers=4', 2000);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Unknown');
  await expect(page.getByTestId('verdict.why')).toContainText('The modular search did not prove Never either: it reached its memory bound');
  await expect(page.getByTestId('verdict.why')).toContainText('This is not Never');
  await expect(page.locator('.herd')).toContainText('Unknown 0 ');
  await expect(page.locator('.herd')).toContainText('counts are lower bounds');
  const bg = await panels.verdict.evaluate((e) => getComputedStyle(e).backgroundColor);
  const never = await page.evaluate(() => { const d = document.createElement('div'); d.className = 'verdict-now v-never'; document.body.append(d); const c = getComputedStyle(d).backgroundColor; d.remove(); return c; });
  expect(bg).not.toBe(never);
  const cell = panels.verdictTable.locator('td[aria-current="true"] a');
  await expect(cell).toHaveText(/^Unknown ≥0\/≥\d/);
  await expect(cell).toHaveAttribute('title', /This is not Never/);
  // The nearer questions it names, as links: every reader count (a sweep) and the timed question, each its own.
  const nearer = page.getByTestId('verdict.nearer');
  await expect(nearer).toContainText('Nearer questions that may complete (each answers only itself)');
  await expect(nearer.getByRole('link')).toHaveText(['every reader count from 1 to 4', 'timed: the given durations']);
  await nearer.getByRole('link', { name: 'every reader count from 1 to 4' }).click();
  await app.waitIdle();
  const fig = page.getByRole('figure', { name: /sweep/i });
  await expect(fig).toBeVisible();
  await expect(page.getByTestId('sweep.progress')).toHaveText('4 of 4 cells');
  const v = await app.linkView();
  expect(v.sweep).toMatchObject({ x: { param: 'readers', from: 1, to: 4 } });
  expect(v).toMatchObject({ scenario: 'flash-unbind', fixes: ['srcu-drain'], mode: 'any' });
});

test('a search stopped at the state cap that the modular search proves says Never, how, and which counts are exact', async ({ app, page, panels }) => {
  // At a 500-state cap the state search of two readers stops (it needs about a thousand); the worker then loads
  // the modular search, which proves Never in the same memory.
  await app.askAtCap('s=flash-unbind&fix=srcu-drain&readers=2', 500);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
  await expect(page.getByTestId('verdict.why')).toContainText(/^Never is proven by the modular search: .* no move from any of its [\d,]+ views \([\d.]+ [KM]B, within the state search's [\d.]+ [KM]B\) faults, so no execution does\./);
  await expect(page.locator('.herd')).toContainText('Never 0 ');
  await expect(page.locator('.herd')).toContainText('(Never proved by the modular search: stopped at 500 states; counts are lower bounds)');
  const cell = panels.verdictTable.locator('td[aria-current="true"] a');
  // 0 faulting is exact; the executions were counted up to the cap.
  await expect(cell).toHaveText(/^Never 0\/≥\d/);
  await expect(page.getByTestId('verdict.nearer')).toHaveCount(0);
  // The cap setting shows the cap the answer ran under, not the first of its usual options.
  await expect(page.getByTestId('verdict.cap')).toHaveValue('500');
  await expect(page.getByTestId('verdict.cap').locator('option:checked')).toHaveText('500 states');
});

test('a search the cap will stop gets its modular search on an idle worker beside it, and the answer the command line gives without one', async ({ app, page, panels }) => {
  // Every race job the page posts to a worker. The pool as on a machine reporting four cores: this table has two long
  // searches (the drain's and all three fixes' in mode any), and with two workers whether one of them is still
  // searching when a worker comes free depends on which ends first (a race then runs in most runs, not all).
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 4 });
    const w = window as unknown as { __raceJobs: string[] };
    w.__raceJobs = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, m: unknown, options?: StructuredSerializeOptions) {
      for (const j of (m as { jobs?: { key: string; race?: true }[] }).jobs ?? []) if (j.race) w.__raceJobs.push(j.key);
      post.call(this, m, options);
    } as Worker['postMessage'];
  });
  await app.open('s=devres-order');
  // Four readers at a 60,000-state cap, stopping at the verdict: the Sometimes rows end at once, the drain's rows
  // search past half a second to the cap, and an idle worker takes the modular search of one of them.
  await page.evaluate(() => { const s = window.__racelanes!.store.getState(); s.setMaxStates(60_000); s.setSpeedcheck(true); });
  await page.evaluate(() => { location.hash = '#s=flash-unbind&k=mainline&fix=srcu-drain&readers=4'; });
  await app.waitIdle();
  expect((await page.evaluate(() => (window as unknown as { __raceJobs: string[] }).__raceJobs)).length).toBeGreaterThan(0);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
  // The same Observation as the command line with the modular search after the state search, on one thread.
  const cli = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/racelanes.mjs', import.meta.url)), 'check', '#s=flash-unbind&k=mainline&fix=srcu-drain&readers=4', '--max-states', '60000', '--speedcheck', '--one-thread', '--quiet'], { encoding: 'utf8' });
  const observation = /^Observation .*$/m.exec(cli.stdout)?.[0];
  expect(observation).toContain('Never proved by the modular search');
  await expect(page.locator('.herd')).toHaveText(observation!);
});

/**
 * The headline and its table cell while a search that has proved `word` (for `why`) still counts; then Cancel: what
 * was proved stays, and what was not made (`lost`) is said.
 */
async function provedThenCancelled(page: Page, panels: PanelsPage, word: 'Sometimes' | 'Never', why: string, lost: string): Promise<void> {
  await expect(panels.verdict).toHaveAttribute('data-verdict', '');
  await expect(panels.verdict).toContainText(`${word}: ${why}. Counting every execution…`);
  const current = panels.verdictTable.locator('td[aria-current="true"]');
  await expect(current).toHaveText(new RegExp(`^${word}, counting: [\\d,]+ states, \\d+\\.\\d s$`));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Cancelled');
  await expect(panels.verdict).toHaveAttribute('data-proved', word);
  await expect(panels.verdict).toContainText(`${why} before the search was cancelled; ${lost}`);
  await expect(current).toHaveText(`${word}, counting cancelled`);
}

test('a Never the modular search beside a long search proves is shown while that search still counts, and kept by a Cancel', async ({ app, page, panels }) => {
  // Six readers, mode any: the headline's search counts to the cap (about 42 s in Node, a minute here), and its
  // modular search, on a worker beside it, proves Never in about 1.5 s (the page runs it ahead of the table's waiting
  // rows once the search has run 2 s).
  await app.open('s=devres-order');
  await page.evaluate(() => { location.hash = '#s=flash-unbind&k=mainline&fix=srcu-drain&readers=6'; });
  await expect(panels.verdict).toHaveAttribute('data-proved', 'Never', { timeout: 30_000 });
  await provedThenCancelled(page, panels, 'Never', 'the modular search run beside it proved that no execution faults', 'its counts were not made.');
  await app.waitIdle();
});

test('a long search shows its progress and can be cancelled', async ({ app, page, panels }) => {
  await page.goto('/#s=qspi-unbind&readers=3&erase=2s');
  await page.waitForFunction(() => window.__racelanes !== undefined);
  const progress = page.getByTestId('verdict.progress');
  await expect(progress).toHaveText(/\d+ states, \d+\.\d s/, { timeout: 15_000 });
  // Three readers meet a fault and a fault-free end at once: the verdict is proved while the counting goes on.
  await expect(panels.verdict).toHaveAttribute('data-proved', 'Sometimes');
  await provedThenCancelled(page, panels, 'Sometimes', 'an execution that faults and one that does not were found', 'its counts and shortest faulting execution were not made.');
  // A search that proved nothing before the Cancel says only that.
  await expect(panels.verdictTable.locator('td.cancelled:not(.v-sometimes)').first()).toHaveText('cancelled');
  await app.waitIdle();
});

test('stopping at the verdict answers a large table at once, each Sometimes with a faulting execution to open; off, it counts again', async ({ app, page, panels }) => {
  await page.goto('/#s=qspi-unbind&readers=8&erase=1s');
  await page.waitForFunction(() => window.__racelanes !== undefined);
  const box = page.getByTestId('verdict.speedcheck');
  await expect(box).not.toBeChecked();
  await box.check();
  // The Sometimes rows settle in milliseconds; the srcu-drain rows (no fault in what they search) still need the whole search.
  const current = panels.verdictTable.locator('td[aria-current="true"] a');
  await expect(current).toHaveText(/^Sometimes ≥\d+\/≥\d+$/, { timeout: 15_000 });
  await expect(current).toHaveAttribute('title', /stopped there as asked \(--speedcheck, or the page's Stop at the verdict\)/);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Sometimes');
  await expect(panels.verdict).toContainText('To count every execution, ask without it.');
  // Its execution opens and faults.
  // Its counterexample is the shortest of the search so far, and says so.
  await page.getByRole('link', { name: /^Open the shortest faulting execution found before the search stopped \(\d+ moves\)$/ }).click();
  await expect(page.getByText(/^this run faults at step \d+$/)).toBeVisible();
  // Off: the answers it cut short are asked again, as whole searches.
  await page.goBack();
  await page.getByTestId('verdict.speedcheck').uncheck();
  await expect(page.getByTestId('verdict.progress')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await app.waitIdle();
});

test('the state cap says how much memory a search of the question may keep at it, and a larger cap says more', async ({ app, page }) => {
  await app.open('s=flash-unbind&readers=2');
  const memory = page.getByTestId('verdict.cap-memory');
  const megabytes = async () => {
    const m = /keeps at most ([\d.]+) (MB|GB) at this cap/.exec((await memory.textContent()) ?? '');
    expect(m).not.toBeNull();
    return Number(m![1]) * (m![2] === 'GB' ? 1024 : 1);
  };
  const at1M = await megabytes();
  await page.getByTestId('verdict.cap').selectOption('5000000');
  await expect.poll(megabytes).toBeGreaterThan(4 * at1M);
  await page.getByTestId('verdict.cap').selectOption('1000000');
  await expect.poll(megabytes).toBe(at1M);
  await app.waitIdle();
});

test('a timed replay says whether the verdict counts its order of steps', async ({ app, page }) => {
  const info = page.getByTestId('replay.info');
  // The scenario's default start: the unbind runs inside the reader's transfer, as the start right after its last step does.
  await app.open('s=qspi-unbind&mode=timed');
  await expect(info).toContainText('Replay: unbind at 2 ms (an order of steps the verdict counts)');
  // Started late in that transfer, its later steps follow the reader's next ones: no explored start does that.
  await app.open('s=qspi-unbind&mode=timed&start=4985us');
  await expect(info).toContainText('not an order the verdict counts: its start is not at 0 or right after a step of another task');
  // One click narrows the question to that start: the question counts it.
  await page.getByTestId('replay.ask-start').click();
  await app.waitIdle();
  await expect(info).toContainText("(the question's only start)");
  await expect(page.getByTestId('verdict.question')).toContainText('unbind at 4985us only');
  expect((await app.linkView()).params.at).toBe(4985);
  await expect(page.getByTestId('replay.ask-start')).toHaveCount(0);
});

test('a timed search the cap stops without a fault is proved Never by the modular search where it can be, and says what that covers', async ({ app, page, panels }) => {
  // A small cap (the page offers 1M and up): the timed search of two readers stops at it; srcu-drain is a Never in mode any.
  await app.askAtCap('s=flash-unbind&fix=srcu-drain&readers=2&mode=timed', 50);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
  await expect(page.getByTestId('verdict.why')).toContainText('so no execution does in mode any, where durations and the unbind start do not matter, and each timed execution of this question is one of those, step for step, whatever its unbind start.');
  await expect(page.locator('.herd')).toContainText('(Never proved by the modular search: stopped at 50 states; counts are lower bounds)');
  // notifier-sleep works by timing: in mode any it faults, so the modular search cannot prove it, and the answer stays Unknown.
  await app.askAtCap('s=flash-unbind&fix=notifier-sleep&readers=2&mode=timed', 50);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Unknown');
  await expect(page.getByTestId('verdict.why')).toContainText('The modular search did not prove Never either: in one of its views a move faults');
});

test('a complete timed Never says whether it holds for every unbind start, not only those its counts cover', async ({ app, page, panels }) => {
  await app.open('s=qspi-unbind&fix=srcu-drain&mode=timed');
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never');
  const line = page.getByTestId('verdict.every-start');
  // The check runs once the verdict is in, and the page is idle only when it is done.
  await app.waitIdle();
  await expect(line).toHaveAttribute('data-holds', 'true');
  await expect(line).toContainText(/^Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic \([\d,]+ states\)\.$/);
  await test.step('with a latency window the check keeps it at every start, and says so', async () => {
    await app.open('s=qspi-unbind&fix=srcu-drain&mode=timed&lat=20us');
    await app.waitIdle();
    await expect(line).toHaveAttribute('data-holds', 'true');
    await expect(line).toContainText(/^Never for every unbind start too, .*\([\d,]+ states\); at every start, as in the question, a woken task runs at once or right after another task's step within lat\.$/);
  });
  await test.step('where the state cap stops the check, the modular search settles it, in the worker, and the line says how', async () => {
    // With an eraser the verdict takes 368 states and the check 742: at a cap of 500 the check stops, and srcu-drain is a Never in mode any.
    await app.askAtCap('s=qspi-unbind&fix=srcu-drain&mode=timed&erase=1s', 500);
    await expect(line).toHaveAttribute('data-holds', 'true');
    await expect(line).toContainText(/^Never for every unbind start too, .*: the check with the start kept symbolic stopped at the state cap \(500 states\), and the modular search then proved that no execution faults in mode any, .*\([\d,]+ views, .*\)\. Every execution at every start, in any latency window, is one of those\.$/);
  });
  await test.step('a Sometimes, a fixed start and mode any have nothing to check', async () => {
    for (const q of ['s=qspi-unbind&mode=timed', 's=qspi-unbind&fix=srcu-drain&mode=timed&at=40us', 's=qspi-unbind&fix=srcu-drain']) {
      await app.open(q);
      await app.waitIdle();
      await expect(line).toHaveCount(0);
    }
  });
});

test('a long check over every start shows its progress, can be cancelled and asked again', async ({ app, page, panels }) => {
  test.setTimeout(90_000);
  // Five readers and an eraser: the check takes seconds here (about 3 s in Node on this VM), so Cancel lands while it runs.
  await page.goto('/#s=qspi-unbind&fix=notifier-sleep,srcu-drain,devres-group&readers=5&erase=1s&mode=timed');
  await page.waitForFunction(() => window.__racelanes !== undefined);
  await expect(panels.verdict).toHaveAttribute('data-verdict', 'Never', { timeout: 30_000 });
  const line = page.getByTestId('verdict.every-start');
  await expect(line).toContainText(/Checking every unbind start… [\d,]+ states, \d+\.\d s/, { timeout: 30_000 });
  await line.getByRole('button', { name: 'Cancel' }).click();
  await expect(line).toHaveText(/^The check over every unbind start was cancelled\. Check again$/);
  await app.waitIdle();
  // Check again asks again for everything cancelled (the table's mode-any rows of five readers are long): the
  // check goes first, right after the headline.
  await line.getByRole('button', { name: 'Check again' }).click();
  await expect(line).toHaveAttribute('data-holds', 'true', { timeout: 30_000 });
  await expect(line).toContainText(/^Never for every unbind start too/);
});
