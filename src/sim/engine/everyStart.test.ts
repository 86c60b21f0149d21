/**
 * everyStart (every unbind start, the start kept symbolic) against brute
 * force: the same program with every cost (and its latency window) doubled,
 * explored at every integer start up to twice the horizon. With integer costs
 * the orders change only at integer starts, so the doubled program's integer
 * starts are every start of the original and the points between (one per
 * open gap).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniArb } from './arbitrary.ts';
import { Machine } from './engine.ts';
import { START_CHECKPOINT, everyStart, startHorizon, worldAt, type StartWitness } from './everyStart.ts';
import { explore } from './explore.ts';
import { exploreInterleavings } from './interleavings.ts';
import type { Program } from './program.ts';
import { programOf, questionOf } from '../question.ts';
import { betweenStarts, mini, prog, task } from './testkit.ts';
import { fn, free, wait } from '../catalogue/tree.ts';
import type { FixId } from '../catalogue/source.ts';

const doubled = (p: Program): Program => ({
  ...p,
  params: { ...p.params, lat: 2 * p.params.lat },
  tasks: p.tasks.map((t) => ({ ...t, start: t.start >= 0 ? 2 * t.start : t.start, steps: t.steps.map((s) => ({ ...s, cost: 2 * s.cost })) })),
});

/** Over every start of the doubled program: does some start fault, does some start end without one. */
function brute(p: Program): { fault: boolean; clean: boolean } {
  const d = doubled(p);
  let fault = false, clean = false;
  for (let y = 0; y <= 2 * startHorizon(p); y++) {
    const v = exploreInterleavings({ program: d, mode: 'timed', at: y });
    if (v.faulting > 0) fault = true;
    if (v.executions > v.faulting) clean = true;
  }
  return { fault, clean };
}

/** Replays a witness on the engine: each move a candidate there; returns whether it faulted, or null if the replay is not possible. */
function replay(p: Program, w: StartWitness): boolean | null {
  const m = new Machine(p, 'timed');
  const s = m.initial(w.at);
  for (const t of w.path) {
    if (!m.candidates(s).includes(t)) return null;
    m.move(s, t);
    if (s.fault) return true;
  }
  return m.candidates(s).length === 0 ? false : null;
}

describe('everyStart: every unbind start, exactly', () => {
  it('finds a fault, or an end without one, exactly when some start of the brute force does, with a witness that replays', () => {
    let faults = 0, cleans = 0, windows = 0;
    fc.assert(fc.property(miniArb(), ({ program }) => {
      const b = brute(program);
      // The chain memo at every spacing: none, every forced state, every eighth (the default); and without
      // persistent sets, or without following short intervals one start at a time.
      const variants = [{ checkpoint: 0 }, { checkpoint: 1 }, { checkpoint: 8 }, { por: false }, { split: 1 }, { por: false, split: 1 }];
      for (const want of ['fault', 'clean'] as const) for (const v of variants) {
        const e = everyStart(program, { want, maxStates: 1_000_000, ...v });
        expect(e.complete).toBe(true);
        expect(e.found !== null, `${want} ${JSON.stringify(v)}`).toBe(b[want]);
        if (e.found) expect(replay(program, e.found), want).toBe(want === 'fault');
      }
      if (b.fault) faults++;
      if (b.clean) cleans++;
      if (program.params.lat > 0) windows++;
    }), { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 20261206) });
    expect(faults).toBeGreaterThan(10);
    expect(cleans).toBeGreaterThan(10);
    expect(windows).toBeGreaterThan(10);
  });

  it('keeps at every start of a state the world a run from that start along its moves reaches (clocks, windows, hand-offs)', () => {
    let spans = 0;
    // Latency windows always: a hand-off that wakes a waiter at some starts of an interval and not at others is cut there.
    fc.assert(fc.property(miniArb(2, [0, 2, 5]), ({ program }) => {
      const m = new Machine(program, 'timed');
      const out = m.initial(0);
      const fails: string[] = [];
      // Intervals kept whole (split: 1), so that the interpolation between their ends is what is checked.
      everyStart(program, {
        want: 'fault', maxStates: 1_000_000, split: 1,
        onState: (lo, hi, wl, wh, path) => {
          if (hi > lo) spans++;
          for (let y = lo; y <= hi; y++) {
            const w = m.initial(y);
            for (const t of path) m.move(w, t);
            worldAt(m, wl, wh, hi, y, out);
            if (w.fault || w.now !== out.now || w.a.some((v, k) => v !== out.a[k])) fails.push(`start ${y} of [${lo}, ${hi}] after ${path.join(',')}`);
          }
        },
      });
      expect(fails.slice(0, 3)).toEqual([]);
    }), { numRuns: Number(process.env.RUNS ?? 400), seed: Number(process.env.SEED ?? 20261206) });
    expect(spans).toBeGreaterThan(1000);
  });

  it('finds a qspi-unbind fault that replays, and proves the srcu-drain fix over every start', () => {
    const ask = (fixes: FixId[]) => programOf(questionOf({ scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes, mode: 'timed', params: { readers: 1 } }));
    const none = ask([]);
    const e = everyStart(none, { want: 'fault', maxStates: 1_000_000 });
    expect(e.found && replay(none, e.found)).toBe(true);
    const drained = everyStart(ask(['srcu-drain']), { want: 'fault', maxStates: 1_000_000 });
    expect([drained.found, drained.complete]).toEqual([null, true]);
    expect(drained.generated).toBeGreaterThan(10_000);
  });

  it('finds the fault of a start between two steps of the others, where the explorer\'s starts say Never', () => {
    const program = prog(betweenStarts());
    const counted = explore({ program, mode: 'timed', at: null });
    expect([counted.verdict, counted.incomplete]).toEqual(['Never', false]);
    const e = everyStart(program, { want: 'fault', maxStates: 1_000_000 });
    expect(e.found).not.toBeNull();
    expect(e.found!.at).toBeGreaterThan(44);
    expect(e.found!.at).toBeLessThan(51);
    expect(replay(program, e.found!)).toBe(true);
    expect(explore({ program, mode: 'timed', at: e.found!.at }).faulting).toBeGreaterThan(0);
    expect(brute(program)).toEqual({ fault: true, clean: true });
  });

  it('answers the same whether forced chains remember no state, every state or every eighth', () => {
    for (const fixes of [[], ['srcu-drain'], ['notifier-sleep', 'srcu-drain', 'devres-group']]) {
      const program = programOf(questionOf({ scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes, mode: 'timed', params: { readers: 2, erase: 1_000_000 } }));
      const runs = [0, 1, 8].map((checkpoint) => everyStart(program, { want: 'fault', maxStates: 1_000_000, checkpoint }));
      const [none, every, eighth] = runs.map((e) => ({ found: e.found !== null, complete: e.complete, states: e.states }));
      expect(every, fixes.join('+')).toEqual(none);
      expect(eighth, fixes.join('+')).toEqual(none);
      // The memo only saves moves: fewer with it.
      expect(runs[2]!.generated).toBeLessThanOrEqual(runs[0]!.generated);
      for (const e of runs) if (e.found) expect(replay(program, e.found)).toBe(true);
    }
  });

  it('proves the same Nevers in fewer states with persistent sets and short intervals split, each reduction on its own', () => {
    for (const fixes of [['srcu-drain'], ['notifier-sleep', 'srcu-drain', 'devres-group']] as FixId[][]) {
      const program = programOf(questionOf({ scenario: 'flash-unbind', kernel: 'mainline', fixes, mode: 'timed', params: { readers: 3, erase: 1_000_000 } }));
      const [full, por, both] = [{ por: false, split: 1 }, { split: 1 }, {}].map((v) => everyStart(program, { want: 'fault', maxStates: 1_000_000, ...v }));
      for (const e of [full, por, both]) expect([e!.found, e!.complete], fixes.join('+')).toEqual([null, true]);
      expect(por!.states, fixes.join('+')).toBeLessThan(full!.states);
      expect(both!.states * 2, fixes.join('+')).toBeLessThan(por!.states);
    }
  });

  it('answers the same when the chain memo fills up and starts over, with only more moves walked', () => {
    const program = programOf(questionOf({ scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], mode: 'timed', params: { readers: 1 } }));
    const roomy = everyStart(program, { want: 'fault', maxStates: 1_000_000 });
    // A cap of 500 states leaves the memo 250: this search remembers more chain states than that.
    const tight = everyStart(program, { want: 'fault', maxStates: 500 });
    expect(roomy.generated / START_CHECKPOINT).toBeGreaterThan(250);
    expect([tight.found, tight.complete, tight.states]).toEqual([roomy.found, roomy.complete, roomy.states]);
    expect([roomy.found, roomy.complete]).toEqual([null, true]);
    expect(tight.generated).toBeGreaterThan(roomy.generated);
  });

  it('sees a fault on the move right after a remembered chain state (a faulting move leaves the world as it was)', () => {
    // The unbind alone: kfree(a), a 5 us wait that times out, kfree(a) again: Always a double free.
    const F = 'drivers/test.c';
    const program = prog(mini({
      resources: [{ id: 'a', label: 'a', kind: 'heap', owner: 'test', file: F }],
      flags: [{ id: 'done', label: 'done', initial: false }],
      tasks: [task('U', 'at', [fn('unbind', F, free('a', 'kfree(a)'), wait('done', 'wait_for_completion_timeout', 5), free('a', 'kfree(a) again'))], 'unbind')],
    }));
    expect(explore({ program, mode: 'timed', at: null }).verdict).toBe('Always');
    for (const checkpoint of [0, 1, 2, 8]) expect(everyStart(program, { want: 'fault', maxStates: 1000, checkpoint }).found, `spacing ${checkpoint}`).not.toBeNull();
  });

  it('stops at the cap without claiming none', () => {
    const program = programOf(questionOf({ scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], mode: 'timed', params: { readers: 1 } }));
    const e = everyStart(program, { want: 'fault', maxStates: 100 });
    expect([e.found, e.complete, e.states]).toEqual([null, false, 100]);
  });
});
