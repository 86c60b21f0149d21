import { describe, expect, it } from 'vitest';
import { taskName, DEFAULT_VIEW, lockHolds, resourceSegments, simulate, type ViewState } from '../index.ts';
import { toChromeTrace, type ChromeEvent } from './chromeTrace.ts';

const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });
const VIEWS: ViewState[] = [
  view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000, at: 4 }, mode: 'timed', sched: [0, 0, 1] }),
  view({ scenario: 'qspi-unbind' }),
  view({ scenario: 'devres-order' }),
  view({ scenario: 'flash-unbind', fixes: ['srcu-drain'], params: { readers: 2, erase: 10_000 } }),
];

describe('Chrome trace-event JSON', () => {
  for (const v of VIEWS) {
    const trace = simulate(v);
    const ct = toChromeTrace(trace);
    const evs = (JSON.parse(JSON.stringify(ct)) as { traceEvents: ChromeEvent[] }).traceEvents;
    const name = `${v.scenario}+${v.fixes.join('+')} readers=${v.params.readers ?? 1}`;

    it(`${name}: is valid JSON with one named thread per task`, () => {
      const names = evs.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args?.['name']]);
      // Several readers are told apart: cat#1 (reader), cat#2 (reader).
      expect(names).toEqual(trace.program.tasks.map((t, i) => [t.pid, taskName(trace.program, i)]));
      expect(new Set(names.map((n) => n[1])).size).toBe(names.length);
      for (const e of evs) expect(e.pid).toBe(1);
    });

    it(`${name}: B/E balanced and properly nested per thread, X inside its slice, time never goes back`, () => {
      for (const t of trace.program.tasks) {
        const mine = evs.filter((e) => e.tid === t.pid && ['B', 'E', 'X'].includes(e.ph));
        expect(mine.filter((e) => e.ph === 'B').length).toBeGreaterThan(0);
        // Each open slice with the X slices emitted directly inside it.
        const stack: { b: ChromeEvent; xs: ChromeEvent[] }[] = [];
        let last = -Infinity;
        for (const e of mine) {
          expect(e.ts!).toBeGreaterThanOrEqual(last);
          last = e.ts!;
          if (e.ph === 'B') stack.push({ b: e, xs: [] });
          else if (e.ph === 'E') {
            const top = stack.pop();
            expect(top?.b.name).toBe(e.name);
            for (const x of top?.xs ?? []) expect(x.ts! + x.dur!).toBeLessThanOrEqual(e.ts!);
          } else stack[stack.length - 1]?.xs.push(e);
        }
        expect(stack).toEqual([]);
      }
    });

    it(`${name}: resource lifetimes and lock holding are balanced async spans, one id each`, () => {
      for (const cat of ['resource', 'lock']) {
        const open = new Map<string, number>();
        for (const e of evs.filter((x) => x.cat === cat && (x.ph === 'b' || x.ph === 'e'))) {
          const n = open.get(e.id!) ?? 0;
          if (e.ph === 'e') expect(n).toBe(1);
          else expect(n).toBe(0);
          open.set(e.id!, e.ph === 'b' ? 1 : 0);
        }
        expect([...open.values()].every((n) => n === 0)).toBe(true);
      }
      const res = evs.filter((e) => e.cat === 'resource' && e.ph === 'b');
      expect(new Set(res.map((e) => e.id)).size).toBe(trace.program.resources.length);
      for (const e of trace.events.filter((x) => x.type === 'res.free')) {
        const r = trace.program.resources[e.res[0]!]!;
        expect(res.some((b) => b.name === `${r.label}: freed` && b.ts === e.t)).toBe(true);
      }
    });

    it(`${name}: lock holds and resource states are the lanes' reading of the trace (interpret/intervals)`, () => {
      const holds = lockHolds(trace).flatMap((hs, l) => hs.map((h) => [trace.program.locks[l]!.label, h.t0, Math.max(h.t0, h.t1)]));
      const spansOf = (cat: string) => {
        const begin = new Map<string, ChromeEvent>();
        const out: [string, number, number][] = [];
        for (const e of evs.filter((x) => x.cat === cat)) {
          if (e.ph === 'b') begin.set(e.id!, e);
          else if (e.ph === 'e') out.push([e.name, begin.get(e.id!)!.ts!, e.ts!]);
        }
        return out;
      };
      expect(spansOf('lock')).toEqual(holds);
      const segs = resourceSegments(trace).flatMap((gs, r) => gs.map((g) => [`${trace.program.resources[r]!.label}: ${g.state}`, g.t0, g.t1]));
      expect(spansOf('resource')).toEqual(segs);
      expect(holds.length).toBeGreaterThan(0);
    });

    it(`${name}: the fault is a global instant carrying the Oops`, () => {
      const inst = evs.filter((e) => e.ph === 'i');
      if (!trace.fault) { expect(inst).toEqual([]); return; }
      expect(inst).toHaveLength(1);
      expect(inst[0]).toMatchObject({ s: 'g', ts: trace.fault.t, name: `Oops: ${trace.fault.kind}`, args: { oops: trace.report?.text } });
    });
  }
});
