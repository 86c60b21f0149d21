/**
 * Accessibility, checked by axe-core (the engine behind Lighthouse's and
 * DevTools' audits) on the real page: no serious or critical violation on
 * first open, at the fault and with the help sheet open, in light and dark.
 * axe does not judge SVG text, so the lanes' text contrast is computed here
 * against what is drawn behind each label (WCAG AA: 4.5:1 for small text).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violation (${scheme})`, async ({ app, page, controls }) => {
    // Three whole-page audits: about 22 s on a busy 2-core VM, against the 30 s default net.
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('s=qspi-unbind');
    await test.step('first open', async () => expect(await seriousViolations(page)).toEqual([]));
    await controls.jumpToFault.click();
    await app.waitIdle();
    await test.step('at the fault', async () => expect(await seriousViolations(page)).toEqual([]));
    await page.keyboard.press('Shift+Slash');
    await expect(page.getByTestId('help')).toBeVisible();
    await test.step('help sheet open', async () => expect(await seriousViolations(page)).toEqual([]));
  });
}

/** Relative luminance and contrast (WCAG 2.x). */
function contrastOf(fg: [number, number, number], bg: [number, number, number]): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`SVG text in the lanes meets WCAG AA contrast (${scheme})`, async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const frag of ['s=qspi-unbind&t=fault', 's=flash-unbind&fix=notifier-sleep&mode=timed&t=end', 's=devres-order&t=fault', 's=qspi-unbind']) {
      await app.open(frag);
      // For each text: its fill, and the colour drawn under its middle (the topmost filled shape there,
      // composited with the translucent "future" shade when the text lies right of the playhead).
      const samples = await page.evaluate(() => {
        const parse = (c: string): [number, number, number, number] | null => {
          const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
          return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
        };
        const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] =>
          [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])) as [number, number, number];
        const pageBg = parse(getComputedStyle(document.querySelector('.timeline')!).backgroundColor)!;
        const out: { text: string; fg: [number, number, number]; bg: [number, number, number] }[] = [];
        const svg = document.querySelector('[data-testid="timeline.lanes"]') as SVGSVGElement;
        const future = document.querySelector('[data-testid="timeline.playhead"] .head-future') as HTMLElement | null;
        const fr = future?.getBoundingClientRect();
        const shade = future ? parse(getComputedStyle(future).backgroundColor) : null;
        for (const t of svg.querySelectorAll('text')) {
          const text = t.textContent ?? '';
          if (!text.trim()) continue;
          const r = t.getBoundingClientRect();
          if (r.width === 0) continue;
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          let bg: [number, number, number] = [pageBg[0], pageBg[1], pageBg[2]];
          // Shapes under the text's middle, in paint (document) order, composited bottom up.
          // Geometric, not elementsFromPoint: lanes scrolled out of view count too.
          const stack = [...svg.querySelectorAll('rect, path, circle')].filter((e) => {
            if (e.closest('defs, clipPath, pattern, marker')) return false;
            const b = e.getBoundingClientRect();
            return b.width > 0 && b.height > 0 && x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
          });
          for (const e of stack) {
            const cs = getComputedStyle(e);
            const fill = parse(cs.fill);
            if (!fill || cs.fill === 'none') continue;
            const op = Number(cs.opacity) * Number(cs.fillOpacity);
            bg = over([fill[0], fill[1], fill[2], fill[3] * op], bg);
          }
          const fg = parse(getComputedStyle(t).fill);
          if (!fg) continue;
          let fgc: [number, number, number] = over(fg, bg);
          if (shade && fr && x > fr.left && x < fr.right && y > fr.top && y < fr.bottom) {
            bg = over(shade, bg);
            fgc = over(shade, fgc);
          }
          out.push({ text, fg: fgc, bg });
        }
        return out;
      });
      expect(samples.length, frag).toBeGreaterThan(20);
      const low = samples.map((s) => ({ ...s, c: contrastOf(s.fg, s.bg) })).filter((s) => s.c < 4.5);
      expect(low.map((s) => `${s.text}: ${s.c.toFixed(2)} (fg ${s.fg.map(Math.round)}, bg ${s.bg.map(Math.round)})`), frag).toEqual([]);
    }
  });
}
