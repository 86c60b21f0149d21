import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type Trace } from '../sim/index.ts';
import { fragmentToView } from '../store/link.ts';
import { runTip } from './marks/common.ts';
import { thinAccesses } from './marks/lifetimes.ts';
import { thinSlices } from './marks/tasks.ts';
import { makeScales, plotRange, pointX, spanPx, type Dims } from './scales.ts';
import { buildScene } from './scene.ts';
import { thinPoints, thinSpans } from './thin.ts';

interface Item { id: string; row: number; look: string; s0: number; s1: number; t0: number; t1: number; run?: Item[] }

const merge = (ms: readonly Item[]): Item => ({ ...ms[0]!, id: `${ms[0]!.id}~`, s1: ms[ms.length - 1]!.s1, run: [...ms] });

/** Rows of spans side by side (never overlapping in a row), in data units, with looks from a small set. */
const rowsArb = fc.array(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 3 }), len: fc.integer({ min: 1, max: 40 }), look: fc.constantFrom('a', 'b') }), { maxLength: 30 }), { minLength: 1, maxLength: 4 })
  .map((rows) => rows.flatMap((r, row) => {
    let x = 0;
    return r.map((c, k): Item => { const s0 = x + c.gap; x = s0 + c.len; return { id: `${row}:${k}`, row, look: c.look, s0, s1: x, t0: s0, t1: x }; });
  }));

describe('thinSpans', () => {
  it('covers every visible span with one of its row and look, merges only runs narrower than a pixel, keeps paint order', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 200 }), (items, scale, offset) => {
      // `scale` data units per 100 px: from 4 px a unit down to 0.25 px.
      const k = 100 / scale;
      const px = (d: Item) => [(d.s0 - offset) * k, (d.s1 - offset) * k] as const;
      const plot = [0, 300] as const;
      const out = thinSpans(items, plot, { px, row: (d) => String(d.row), look: (d) => d.look, merge });
      const visible = items.filter((d) => { const [a, b] = px(d); return Math.max(b, a + 1) >= plot[0] && a <= plot[1]; });
      // Every visible span is drawn, alone or in a run of its row and look; nothing invisible is.
      const members = out.flatMap((o) => o.run ?? [o]);
      expect(members.map((m) => m.id).sort()).toEqual(visible.map((d) => d.id).sort());
      for (const o of out) {
        if (!o.run) { expect(items).toContain(o); continue; }
        expect(o.run.length).toBeGreaterThan(1);
        for (const m of o.run) {
          expect([m.row, m.look]).toEqual([o.row, o.look]);
          const [a, b] = px(m);
          expect(b - a).toBeLessThan(1);
        }
        // Side by side: each member starts within half a pixel of where the one before ends (as drawn, 1 px at least).
        for (let i = 1; i < o.run.length; i++) {
          const [a0] = px(o.run[i - 1]!);
          const [a1] = px(o.run[i]!);
          expect(a1).toBeLessThanOrEqual(Math.max(px(o.run[i - 1]!)[1], a0 + 1) + 0.5 + 1e-9);
        }
      }
      // Spans a pixel wide or more are drawn as they are.
      for (const d of visible) { const [a, b] = px(d); if (b - a >= 1) expect(out).toContain(d); }
      // Paint order is input order (by a run's first member).
      const first = out.map((o) => items.indexOf(o.run ? o.run[0]! : o));
      expect(first).toEqual([...first].sort((x, y) => x - y));
    }), { numRuns: 300, seed: Number(process.env.SEED ?? 20261206) });
  });
});

describe('thinPoints', () => {
  it('keeps one tick per row and pixel column: the highest rank, else the last', () => {
    fc.assert(fc.property(fc.array(fc.record({ x: fc.double({ min: -20, max: 120, noNaN: true }), row: fc.integer({ min: 0, max: 2 }), bad: fc.boolean() }), { maxLength: 80 }), (pts) => {
      const items = pts.map((p, i) => ({ ...p, i }));
      const out = thinPoints(items, [0, 100], { px: (d) => d.x, row: (d) => String(d.row), rank: (d) => (d.bad ? 1 : 0) });
      const inPlot = items.filter((d) => d.x >= -2 && d.x <= 102);
      const col = (d: (typeof items)[number]) => `${d.row}/${Math.round(d.x)}`;
      expect(new Set(out.map(col)).size).toBe(out.length);
      expect(new Set(out.map(col))).toEqual(new Set(inPlot.map(col)));
      for (const o of out) {
        const same = inPlot.filter((d) => col(d) === col(o));
        const best = same.filter((d) => d.bad).at(-1) ?? same.at(-1);
        expect(o).toBe(best);
      }
      expect(out.map((o) => o.i)).toEqual([...out.map((o) => o.i)].sort((a, b) => a - b));
    }), { numRuns: 300, seed: Number(process.env.SEED ?? 20261206) });
  });
});

/** The page's lanes at 1280x720 (852 px beside the side panel: a 604-px plot), the whole run in view. */
function drawn(trace: Trace) {
  const scene = buildScene(trace, 9);
  const dims: Dims = { width: 852, height: scene.height, gutter: 220, right: 28 };
  const sc = makeScales('step', [0, trace.events.length], dims);
  return { scene, dims, sc, slices: thinSlices(scene.tasks, sc, dims), acc: thinAccesses(scene.resources, sc, dims) };
}

describe('level of detail on real runs', () => {
  it("draws the built-in first views as before: every slice and every access its own mark", () => {
    for (const frag of ['#', '#s=flash-unbind', '#s=devres-order', '#s=flash-unbind&readers=3', '#s=qspi-unbind&erase=20ms']) {
      const { scene, slices, acc } = drawn(simulate(fragmentToView(frag).view));
      expect(slices, frag).toEqual(scene.tasks.flatMap((t) => t.slices));
      expect(acc.length, frag).toBe(scene.resources.reduce((n, r) => n + r.accesses.length, 0));
    }
  });

  it('draws a run of 14,646 events with far fewer marks, every slice inside a mark of its row, every tick in a column with one', () => {
    const base = simulate(fragmentToView('#s=qspi-unbind&fix=notifier-sleep,srcu-drain&readers=8&erase=2s').view);
    // The bench's large run: the real run's events three times over.
    const span = base.end + 1;
    const events = [0, 1, 2].flatMap((k) => base.events.map((e) => ({ ...e, seq: e.seq + k * base.events.length, t: e.t + k * span, end: e.end + k * span })));
    const big: Trace = { ...base, events, decisions: [], fault: null, report: null, end: base.end + 2 * span };
    const { scene, dims, sc, slices, acc } = drawn(big);
    const all = scene.tasks.flatMap((t) => t.slices);
    const ticks = scene.resources.reduce((n, r) => n + r.accesses.length, 0);
    expect(events.length).toBe(14_646);
    expect(slices.length).toBeLessThan(all.length * 0.6);
    expect(acc.length).toBeLessThan(ticks / 1.5);
    const plot = plotRange(dims);
    expect(plot[1]).toBeGreaterThan(plot[0]);
    for (const s of all) {
      const [a, b] = spanPx(sc, s);
      const mark = slices.find((m) => m.task === s.task && m.depth === s.depth && m.s0 <= s.s0 && s.s1 <= m.s1);
      expect(mark, `${s.fn} at ${a.toFixed(1)}..${b.toFixed(1)} px`).toBeDefined();
    }
    for (const r of scene.resources) {
      const cols = new Set(acc.filter((a) => a.res === r.res).map((a) => Math.round(pointX(sc, a))));
      for (const a of r.accesses) expect(cols.has(Math.round(pointX(sc, a)))).toBe(true);
    }
  });
});

describe('runTip', () => {
  it('says how many and which, the first five distinct names, and how to see each on either axis', () => {
    const names = ['a()', 'b()', 'a()', 'c()', 'd()', 'e()', 'f()'];
    expect(runTip(7, 'calls', names, 'step')).toBe('7 calls too short to tell apart at this zoom (zoom in to see each): a(), b(), c(), d(), e(), …');
    expect(runTip(2, 'calls', ['a()', 'a()'], 'time')).toBe('2 calls too short to tell apart at this zoom (zoom in, or see each on the step axis): a()');
  });
});
