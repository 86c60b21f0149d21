/**
 * Which unbind starts a timed question with `at` unset covers (explore.ts,
 * engine.ts `WILD`): the unbind starts at 0 or right after a step of another
 * task, never between two of their steps. Checked path by path against the
 * same question with the start fixed, by brute force (every interleaving,
 * ties both ways). A latency window is explored the same way: a woken task
 * runs at once or right after another task's step inside it.
 */
import { describe, expect, it } from 'vitest';
import { Machine, cloneWorld, type World } from './engine.ts';
import { explore } from './explore.ts';
import { exploredOrder, run } from './run.ts';
import { mini, prog, task } from './testkit.ts';
import { cpu, fn, free, lock, unlock, use } from '../catalogue/tree.ts';
import { programOf, questionOf } from '../question.ts';

const ask = (at: number | null) => questionOf({ scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes: [], mode: 'timed', params: { readers: 1, at } });
const program = programOf(ask(null));
const m = new Machine(program, 'timed');
const u = program.unbindTask;

/** Every maximal path from the start, as `task:pc` moves ('F' after a fault), and whether the unbind's first move came right after a step at its instant (or first of all at 0). */
function paths(at: number | null): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const walk = (w: World, p: string[], aligned: boolean | null, last: number): void => {
    const mv = m.moves(w);
    if (mv.length === 0) { out.set(p.join(','), aligned ?? true); return; }
    for (const t of mv) {
      const c = cloneWorld(w);
      const ev = `${t}:${c.a[t]}`;
      m.move(c, t);
      const a = aligned ?? (t === u ? (p.length === 0 ? c.now === 0 : c.now === last) : null);
      if (c.fault) out.set([...p, ev, 'F'].join(','), a ?? true);
      else walk(c, [...p, ev], a, c.now);
    }
  };
  walk(m.initial(at), [], null, 0);
  return out;
}

/** The instants at which the other tasks step, over all their executions without the unbind. */
function instants(): number[] {
  const seen = new Set<number>([0]);
  const walk = (w: World): void => {
    for (const t of m.moves(w)) {
      if (t === u) continue;
      const c = cloneWorld(w);
      m.move(c, t);
      seen.add(c.now);
      if (!c.fault) walk(c);
    }
  };
  // The unbind held far past the others' end.
  walk(m.initial(1_000_000_000));
  return [...seen].sort((a, b) => a - b);
}

/** Every path of the question itself (at unset). */
const every = paths(null);

describe('the unbind starts a timed question explores (at unset)', () => {

  it('a start right after a step of another task (or at 0) has no execution the question lacks', () => {
    const at = instants();
    expect(at.length).toBeGreaterThan(50);
    let checked = 0;
    for (const t of at) {
      for (const [p, aligned] of paths(t)) {
        if (!aligned) continue;
        checked++;
        expect(every.has(p), `at=${t}: ${p}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(at.length);
  });

  it('a start between two steps of the others can order the unbind against their later steps as no explored start does (what the question text says)', () => {
    // The reader is inside one read chunk's transfer until 5031 us: started late in that gap, the
    // unbind's first steps still precede the reader's next one but its later steps follow it.
    const missed: number[] = [];
    for (let t = 4900; t < 5031; t++) {
      for (const p of paths(t).keys()) if (!every.has(p)) { missed.push(t); break; }
    }
    expect(missed.length).toBeGreaterThan(0);
    expect(missed).toContain(4985);
  });
});

describe('whether a replay is an order the verdict counts (run.ts exploredOrder)', () => {
  /** The run's moves as paths() writes them. */
  const pathOf = (at: number, moves: readonly number[]): string => {
    const w = m.initial(at);
    const p: string[] = [];
    for (const t of moves) { p.push(`${t}:${w.a[t]}`); m.move(w, t); if (w.fault) p.push('F'); }
    return p.join(',');
  };

  it('agrees with the brute force on every start of a gap, and says no for some late in it', () => {
    let no = 0;
    for (let t = 4900; t < 5031; t++) {
      const tr = run({ program, mode: 'timed', at: t });
      const counted = exploredOrder(tr);
      expect(counted, `at=${t}`).toBe(every.has(pathOf(t, tr.moves)));
      if (!counted) no++;
    }
    expect(no).toBeGreaterThan(0);
  });

  it('says yes for a start right after a step of another task and for the counterexample the verdict gives', () => {
    for (const t of instants()) expect(exploredOrder(run({ program, mode: 'timed', at: t })), `at=${t}`).toBe(true);
    const v = explore({ program, mode: 'timed', at: null });
    const cx = v.counterexample!;
    expect(exploredOrder(run({ program, mode: 'timed', at: cx.at, schedule: cx.schedule }))).toBe(true);
  });
});

describe('what a latency window explores', () => {
  const heap = { id: 'obj', label: 'struct obj', kind: 'heap', owner: 'test', file: 'x.c' } as const;
  const F = 'drivers/test.c';
  // B holds L for `hold` us; A, waiting for L, is woken at its release, works 25 us under it and uses obj; C frees obj at 40 us.
  const src = (hold: number) => mini({
    resources: [heap],
    locks: [{ id: 'L', label: 'L' }],
    tasks: [
      task('B', 0, [fn('b', F, lock('L', 'lock'), cpu(hold, 'hold'), unlock('L', 'unlock'))]),
      task('A', 1, [fn('a', F, lock('L', 'lock'), cpu(25, 'work'), use('obj', 'use'), unlock('L', 'unlock'))]),
      task('C', 0, [fn('c', F, cpu(40, 'wait'), free('obj', 'kfree'))], 'unbind'),
    ],
  });

  it('a woken task delayed to an instant where no other task steps is not tried (what the lat= text says)', () => {
    // Woken at 10 with a 20 us window, A may run at 16 and use obj at 41, after the free at 40: A woken at 16 shows it faults.
    const window = explore({ program: prog(src(10), { lat: 20 }), mode: 'timed', at: 0 });
    const late = explore({ program: prog(src(16), { lat: 0 }), mode: 'timed', at: 0 });
    expect(late.verdict).toBe('Always');
    // No other step falls inside A's window [10, 30], so A only runs at 10.
    expect(window.verdict).toBe('Never');
    expect(window.executions).toBe(1);
  });
});
