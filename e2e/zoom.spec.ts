/**
 * Zoom and pan on the lanes with the real gestures, on both axes, in every
 * scenario. The fixtures fail a test on any console or page error, which is
 * how the old crash ("Maximum update depth exceeded" in <Timeline>) showed.
 *
 * The visible window is read from the store (null = fit). One Ctrl+wheel
 * notch of deltaY 50 is exactly one doubling in d3-zoom (50 × 0.002 × 10 = 1
 * in log2), so a zoom that starts from a stale d3 transform shows up as a
 * wrong span, not only as a wrong direction.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

type Win = readonly [number, number];

interface View {
  window: Win | null;
  axis: 'step' | 'time';
  /** The whole run in axis units (steps or µs). */
  full: number;
}

const CASES = [
  { s: 'qspi-unbind', axis: 'step' },
  { s: 'qspi-unbind', axis: 'time', via: 'key T' },
  { s: 'flash-unbind', axis: 'step' },
  { s: 'flash-unbind', axis: 'time', via: 'the Time button' },
  { s: 'devres-order', axis: 'step' },
  { s: 'devres-order', axis: 'time', via: 'key T' },
] as const;

const DRAG = 150;

function view(page: Page): Promise<View> {
  return page.evaluate(() => {
    const s = window.__racelanes!.store.getState();
    return { window: s.window, axis: s.axis, full: s.axis === 'step' ? Math.max(1, s.trace.events.length) : Math.max(1, s.trace.end) };
  });
}

async function win(page: Page): Promise<Win> {
  const w = (await view(page)).window;
  expect(w, 'zoomed in: the window is not the whole run').not.toBeNull();
  return w!;
}

const span = (w: Win) => w[1] - w[0];

/** A point in the plot area of the lanes (right of the label gutter), 60 px into their visible part. */
async function plotPoint(lanes: Locator): Promise<{ x: number; y: number }> {
  const box = (await lanes.boundingBox())!;
  const scroller = (await lanes.page().locator('.lanes-scroll').boundingBox())!;
  return { x: box.x + box.width * 0.6, y: Math.max(box.y, scroller.y, 0) + 60 };
}

/** Width of the plot area in pixels (the lanes' clip rectangle). */
function plotWidth(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.querySelector('#rl-plot-clip rect')!.getAttribute('width')));
}

async function ctrlWheel(page: Page, lanes: Locator, deltaY: number): Promise<void> {
  const p = await plotPoint(lanes);
  await page.mouse.move(p.x, p.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, deltaY);
  await page.keyboard.up('Control');
}

async function drag(page: Page, lanes: Locator, dx: number): Promise<void> {
  const p = await plotPoint(lanes);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + dx, p.y, { steps: 3 });
  await page.mouse.up();
}

/** The page still renders: the app, and the lanes with their task labels. */
async function alive(page: Page, lanes: Locator): Promise<void> {
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(lanes.locator('g.label-task').first()).toBeVisible();
}

/** A drag of `dx` px keeps the span and moves the window by dx px worth, the other way. */
async function expectPan(page: Page, lanes: Locator, dx: number): Promise<void> {
  const before = await win(page);
  const pxPerUnit = (await plotWidth(page)) / span(before);
  await drag(page, lanes, dx);
  await alive(page, lanes);
  const after = await win(page);
  expect(span(after)).toBeCloseTo(span(before), 6);
  const moved = (after[0] - before[0]) * pxPerUnit;
  expect(Math.sign(moved), `dragging ${dx > 0 ? 'right' : 'left'} shows ${dx > 0 ? 'earlier' : 'later'} events`).toBe(-Math.sign(dx));
  expect(Math.abs(moved)).toBeGreaterThan(Math.abs(dx) * 0.8);
  expect(Math.abs(moved)).toBeLessThan(Math.abs(dx) * 1.2);
}

for (const c of CASES) {
  const how = 'via' in c ? ` (switched by ${c.via})` : '';
  test(`zoom and pan: ${c.s}, ${c.axis} axis${how}`, async ({ app, page }) => {
    const lanes = page.getByTestId('timeline.lanes');
    const fitButton = page.getByRole('button', { name: 'Fit', exact: true });
    await app.open(`s=${c.s}`);
    if (c.axis === 'time') {
      if (c.via === 'key T') await page.keyboard.press('KeyT');
      else await page.getByRole('button', { name: 'Time', exact: true }).click();
      await expect(page.getByTestId('timeline')).toHaveAttribute('data-axis', 'time');
    }
    const { full, axis, window: w0 } = await view(page);
    expect(axis).toBe(c.axis);
    expect(w0).toBeNull();
    await alive(page, lanes);

    await test.step('plain wheel scrolls the page and does not zoom', async () => {
      const scrolled = () => page.evaluate(() => window.scrollY + document.querySelector('.lanes-scroll')!.scrollTop);
      const s0 = await scrolled();
      const p = await plotPoint(lanes);
      await page.mouse.move(p.x, p.y);
      await page.mouse.wheel(0, 120);
      await expect.poll(scrolled).toBeGreaterThan(s0);
      expect((await view(page)).window).toBeNull();
      // Scroll back; should a smooth scroll still be running, plotPoint() aims at the visible part anyway.
      await page.evaluate(() => { document.querySelector('.lanes-scroll')!.scrollTop = 0; window.scrollTo(0, 0); });
      await expect.poll(scrolled).toBe(0);
    });

    await test.step('Ctrl+wheel zooms in and out; a drag left pans to later events', async () => {
      await ctrlWheel(page, lanes, -50);
      await alive(page, lanes);
      const zin = await win(page);
      expect(span(zin) / full, 'one notch in halves the span').toBeCloseTo(0.5, 3);
      await ctrlWheel(page, lanes, 25);
      await alive(page, lanes);
      const zout = await win(page);
      expect(span(zout) / span(zin), 'half a notch out widens it by √2').toBeCloseTo(Math.SQRT2, 3);
      await expectPan(page, lanes, -DRAG);
    });

    await test.step('0 fits', async () => {
      await page.keyboard.press('Digit0');
      await alive(page, lanes);
      expect((await view(page)).window).toBeNull();
      await expect(fitButton).toBeDisabled();
    });

    await test.step('+ and − zoom by 2; a drag right pans to earlier events; Ctrl+wheel continues from there', async () => {
      await page.keyboard.press('Equal');
      expect(span(await win(page)) / full).toBeCloseTo(1 / 2, 6);
      await page.keyboard.press('Equal');
      expect(span(await win(page)) / full).toBeCloseTo(1 / 4, 6);
      await page.keyboard.press('Minus');
      expect(span(await win(page)) / full).toBeCloseTo(1 / 2, 6);
      await page.keyboard.press('Equal');
      await alive(page, lanes);
      expect(span(await win(page)) / full).toBeCloseTo(1 / 4, 6);
      await expectPan(page, lanes, DRAG);
      await ctrlWheel(page, lanes, -50);
      await alive(page, lanes);
      expect(span(await win(page)) / full, 'the wheel starts from the window the keys set').toBeCloseTo(1 / 8, 3);
    });

    await test.step('the Fit button fits; zoom works again after it', async () => {
      await fitButton.click();
      await alive(page, lanes);
      expect((await view(page)).window).toBeNull();
      await ctrlWheel(page, lanes, -50);
      await alive(page, lanes);
      expect(span(await win(page)) / full, 'the wheel starts from the whole run again').toBeCloseTo(1 / 2, 3);
      await page.keyboard.press('Digit0');
      await alive(page, lanes);
      expect((await view(page)).window).toBeNull();
    });
  });
}

test('a long run: calls too short to tell apart are drawn as one mark that says so; a click selects its first call; Ctrl+wheel zooms them apart', async ({ page, app, timeline }) => {
  // Eight readers and the eraser: 4,882 events, a fraction of a pixel each at 1280 px.
  await app.open('s=qspi-unbind&fix=notifier-sleep,srcu-drain&readers=8&erase=2s', { maxStates: 20_000 });
  const runs = timeline.lanes.locator('g.slice.run');
  expect(await runs.count()).toBeGreaterThan(20);
  const first = runs.first();
  await expect(first.locator('title')).toHaveText(/^\d+ calls too short to tell apart at this zoom \(zoom in to see each\): \w+\(\)/);
  await expect(first.locator('text')).toHaveText('');
  const before = await timeline.slices.count();

  await test.step('a click on a run selects the first call it stands for', async () => {
    // The widest run in view (most are a pixel or two).
    const target = await runs.evaluateAll((gs) => {
      const shown = gs.map((g) => ({ g, r: g.querySelector('rect')!.getBoundingClientRect() })).filter(({ r }) => r.top > 250 && r.bottom < 650);
      const best = shown.sort((a, b) => b.r.width - a.r.width)[0];
      return best ? { seq: Number(best.g.getAttribute('data-seq')), x: best.r.left + best.r.width / 2, y: best.r.top + best.r.height / 2, w: best.r.width } : null;
    });
    expect(target, 'a run in view').not.toBeNull();
    expect(target!.w).toBeGreaterThanOrEqual(1);
    await page.mouse.click(target!.x, target!.y);
    expect(await page.evaluate(() => window.__racelanes!.store.getState().selected)).toBe(target!.seq);
  });

  await test.step('four Ctrl+wheel notches (x16): every call in view is its own mark again', async () => {
    await ctrlWheel(page, timeline.lanes, -200);
    await expect(runs).toHaveCount(0);
    // Only what is in the window is drawn.
    const after = await timeline.slices.count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
  });
});

test('zoomed in, the axis marks only the scheduling points inside the plot, never over the label gutter', async ({ app, page }) => {
  await app.open('s=flash-unbind');
  const lanes = page.getByTestId('timeline.lanes');
  const axis = page.getByTestId('timeline.axis');
  const decisions = await page.evaluate(() => window.__racelanes!.store.getState().trace.decisions.length);
  // Fit: every scheduling point has its mark.
  await expect(axis.locator('path.decision')).toHaveCount(decisions);
  await ctrlWheel(page, lanes, -100);
  await ctrlWheel(page, lanes, -100);
  await alive(page, lanes);
  const { left, right, xs } = await page.evaluate(() => {
    const clip = document.querySelector('#rl-plot-clip rect')!;
    const svg = document.querySelector('[data-testid="timeline.axis"]')!.getBoundingClientRect();
    const x0 = svg.left + Number(clip.getAttribute('x'));
    return {
      left: x0, right: x0 + Number(clip.getAttribute('width')),
      xs: [...document.querySelectorAll('[data-testid="timeline.axis"] path.decision')].map((p) => { const b = p.getBoundingClientRect(); return b.left + b.width / 2; }),
    };
  });
  // Zoomed in four times over a run whose points spread over it: some are out of the window, some in.
  expect(xs.length).toBeGreaterThan(0);
  expect(xs.length).toBeLessThan(decisions);
  for (const x of xs) {
    expect(x).toBeGreaterThanOrEqual(left - 0.5);
    expect(x).toBeLessThanOrEqual(right + 0.5);
  }
});
