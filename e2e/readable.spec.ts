/**
 * Readable on first open at 1280x720: the faulting access, what killed it and
 * the arrow between them are on screen without scrolling; labels never cover
 * frames, each other or the plot's edges; several readers are told apart.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

interface Box { x: number; y: number; w: number; h: number; text?: string }
const inside = (a: Box, b: Box, slack = 0.5) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.w <= b.x + b.w + slack && a.y + a.h <= b.y + b.h + slack;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Boxes (page coordinates) of what the check needs, measured by the browser with its real fonts. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element, text?: string) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, ...(text === undefined ? {} : { text }) }; };
    const svg = document.querySelector('[data-testid="timeline.lanes"]')!;
    const scroll = document.querySelector('.lanes-scroll')!;
    // The plot is the clip rectangle, in the SVG's own coordinates (a clip's rect has no layout box).
    const clip = document.querySelector('#rl-plot-clip rect')!;
    const sv = svg.getBoundingClientRect();
    const plot = { x: sv.x + Number(clip.getAttribute('x')), y: sv.y, w: Number(clip.getAttribute('width')), h: sv.height };
    const slices = [...svg.querySelectorAll('g.slice')].map((g) => ({ rect: box(g.querySelector('rect')!), text: box(g.querySelector('text')!, g.querySelector('text')!.textContent ?? '') }));
    const callouts = [...svg.querySelectorAll('text.callout')].filter((t) => t.textContent).map((t) => box(t, t.textContent!));
    const laneLabels = [...svg.querySelectorAll('g.label text')].filter((t) => t.textContent).map((t) => box(t, t.textContent!));
    return {
      viewport: { x: 0, y: 0, w: window.innerWidth, h: window.innerHeight },
      visible: box(scroll),
      plot,
      gutter: { ...box(svg), w: plot.x - sv.x },
      faultX: box(document.querySelector('[data-testid="timeline.fault-x"]')!),
      causeDot: box(document.querySelector('.cause-dot')!),
      arrow: box(document.querySelector('.cause-arrow')!),
      slices, callouts, laneLabels,
      scrollTop: scroll.scrollTop,
    };
  });
}

/**
 * A first open waits until every verdict of the panel is in. With three
 * readers in mode any those are searches of up to 1,000,000 states each
 * (about 13 to 40 s each on one core): this test reads the layout, not the
 * verdicts, so it caps them at 20,000 states. The panel settles the same way
 * (verdicts at the cap), in seconds instead of about a minute and a half.
 */
for (const frag of ['s=qspi-unbind', 's=flash-unbind', 's=devres-order', 's=flash-unbind&readers=3', 's=qspi-unbind&erase=20ms']) {
  test(`first open of #${frag} at 1280x720: fault, cause and arrow in view, labels clear`, async ({ app, page }) => {
    await app.open(frag, frag.includes('readers=3') ? { maxStates: 20_000 } : {});
    const m = await measure(page);
    expect(m.scrollTop).toBe(0);
    const view = { x: 0, y: 0, w: m.viewport.w, h: m.viewport.h };
    for (const [name, b] of [['fault', m.faultX], ['cause', m.causeDot], ['arrow', m.arrow]] as const) {
      expect(b.w, name).toBeGreaterThan(0);
      expect(inside(b, view, 8), `${name} ${JSON.stringify(b)} is on screen`).toBe(true);
      expect(inside(b, m.visible, 8), `${name} is in the visible part of the lanes`).toBe(true);
    }
    // The two callouts: inside the plot, apart, and over no frame.
    expect(m.callouts).toHaveLength(2);
    const [c1, c2] = m.callouts as [Box, Box];
    expect(overlap(c1, c2), 'the callouts do not overlap').toBe(false);
    for (const c of m.callouts) {
      expect(inside(c, m.plot, 1), `"${c.text}" stays inside the plot`).toBe(true);
      for (const s of m.slices) expect(overlap(c, s.rect), `"${c.text}" covers no frame (${s.text.text})`).toBe(false);
    }
    // Slice labels stay inside their own slice; lane labels stay in the gutter.
    for (const s of m.slices) if (s.text.text && s.text.w > 0) expect(inside(s.text, { ...s.rect, x: s.rect.x, w: s.rect.w + 1 }, 1.5), `"${s.text.text}" inside its slice`).toBe(true);
    for (const l of m.laneLabels) expect(l.x + l.w, `lane label "${l.text}" stays in the gutter`).toBeLessThanOrEqual(m.gutter.x + m.gutter.w + 1);
    await expect(page.getByTestId('timeline.legend')).toBeVisible();
  });
}

test('the remover\'s own path is labelled by default, not the syscall plumbing', async ({ app, page }) => {
  await app.open('s=qspi-unbind');
  const texts = await page.locator('[data-testid="timeline.lanes"] g.slice text').allTextContents();
  const all = texts.join('\n');
  for (const fn of ['cqspi_remove', 'spi_unregister_controller', 'device_del', 'unbind_store']) expect(all, fn).toContain(fn);
  expect(all).not.toContain('ksys_write');
  expect(all).not.toContain('do_filp_open');
  await expect(page.locator('g.entry text').first()).toHaveText(/openat\(2\)|read\(2\)|write\(2\)/);
});

test('several readers are told apart in lanes, buttons, code cards and the Oops', async ({ app, page, controls, panels }) => {
  // Nothing here reads a verdict: the three-reader searches are capped, not waited for.
  await app.open('s=flash-unbind&readers=3&t=fault', { maxStates: 20_000 });
  const labels = await page.locator('g.label-task text.name').allTextContents();
  expect(labels).toEqual(['cat#1 (reader)', 'cat#2 (reader)', 'cat#3 (reader)', 'sh (unbind)']);
  await expect(panels.code(1)).toContainText('cat#2 (reader)');
  await expect(panels.code(1)).toContainText('pid 460');
  await expect(panels.oops.locator('.oops-who')).toHaveText(/^cat#\d \(pid \d+\), at step \d+: what kernel 6\.14-rc7 prints$/);
  await controls.restart.click();
  await controls.stepForward.click();
  await expect(controls.choices().first()).toHaveText(/^Run cat#\d \(reader\) next$/);
});

test('where the default run does not fault, Jump to fault offers the question\'s shortest faulting execution', async ({ app, page, panels }) => {
  await app.open('s=qspi-unbind&fix=notifier-sleep');
  expect((await app.snapshot()).fault).toBe(-1);
  const button = page.getByTestId('jump-fault');
  await expect(button).toHaveText('Show a faulting run');
  await expect(button).toBeEnabled();
  const verdict = await panels.verdict.getAttribute('data-verdict');
  await button.click();
  await app.waitIdle();
  const s = await app.snapshot();
  expect(s.fault).toBeGreaterThan(0);
  expect(s.cursor).toBe(s.fault);
  await expect(panels.verdict).toHaveAttribute('data-verdict', verdict!);
  await expect(button).toHaveText('Jump to fault');
});
