/**
 * The bitset helpers the reduced explorer's set computations read: `bits`
 * (a run of bits as one number) agrees with reading the bits one by one
 * (`hasBit`), across word boundaries and at every length up to 32. The drops
 * a task can still make (netPuts, per program counter and error register)
 * bound what every walk drops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bits, dropsAt, footprints, hasBit } from './footprint.ts';
import { miniArb } from './arbitrary.ts';
import { Machine } from './engine.ts';
import type { Program } from './program.ts';
import type { Mode } from '../catalogue/source.ts';
import { buildProgram } from '../api.ts';
import { DEFAULT_KERNEL, FIX_SETS, SCENARIO_IDS } from '../index.ts';

describe('bits', () => {
  it('reads the same bits as hasBit, one by one', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 32 }),
      (words, o, start, len) => {
        const b = Uint32Array.from([0xdeadbeef, 0xdeadbeef, ...words]);
        const got = bits(b, o, start, len);
        for (let i = 0; i < 32; i++) {
          const want = i < len && hasBit(b, o, start + i);
          expect(((got >>> i) & 1) === 1).toBe(want);
        }
      },
    ), { numRuns: 2000, seed: Number(process.env.SEED ?? 20261206) });
  });
});

describe('the drops a task can still make (netPuts)', () => {
  // stops() and mustJoin bound what the others can drop by netPuts at each task's program counter and error
  // register: the bound must hold for every path a run takes. A walk records, per task, its (pc, err) before each
  // of its moves and what the move took off each count; from every such point on, the running sum of those drops
  // never passes the bound.
  const within = (program: Program, mode: Mode, walk: readonly number[], seen: { moves: number; exact: number }) => {
    const m = new Machine(program, mode);
    const { tasks } = footprints(program, m);
    const C = program.refs.length;
    const w = m.initial(mode === 'timed' ? 0 : null);
    const points: { t: number; bound: number[]; sum: number[]; most: number[] }[] = [];
    for (const r of walk) {
      const mv = m.moves(w);
      if (mv.length === 0 || w.fault) break;
      const t = mv[r % mv.length]!;
      const T = tasks[t]!;
      const at = dropsAt(w.a[t]!, w.a[m.oErr + t]!);
      points.push({ t, bound: Array.from({ length: C }, (_, c) => T.netPuts[at * C + c]!), sum: new Array<number>(C).fill(0), most: new Array<number>(C).fill(0) });
      const before = Array.from({ length: C }, (_, c) => w.a[m.oRefs + c]!);
      m.move(w, t);
      seen.moves++;
      for (const p of points) {
        if (p.t !== t) continue;
        for (let c = 0; c < C; c++) {
          p.sum[c]! += before[c]! - w.a[m.oRefs + c]!;
          p.most[c] = Math.max(p.most[c]!, p.sum[c]!);
        }
      }
    }
    for (const p of points) for (let c = 0; c < C; c++) {
      expect(p.most[c], `task ${p.t}, count ${c}: dropped more than netPuts said`).toBeLessThanOrEqual(p.bound[c]!);
      if (p.most[c] === p.bound[c] && p.bound[c]! > 0) seen.exact++;
    }
  };

  it('holds along random walks of random small programs (with error paths that skip a get or a put)', () => {
    const seen = { moves: 0, exact: 0 };
    fc.assert(fc.property(miniArb(2, [0]), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), ({ program, mode }, walk) => {
      within(program, mode, walk, seen);
    }), { numRuns: 600, seed: Number(process.env.SEED ?? 20261207) });
    // The walks moved, and some reached their bound: it is not trivially loose.
    expect(seen.moves).toBeGreaterThan(1000);
    expect(seen.exact).toBeGreaterThan(0);
  });

  it('holds along random walks of the built-in scenarios, and is 0 for a reader that has not opened the device', () => {
    const seen = { moves: 0, exact: 0 };
    for (const scenario of SCENARIO_IDS) for (const fixes of FIX_SETS) {
      const program = buildProgram(scenario, DEFAULT_KERNEL, fixes, { readers: 2, erase: 1_000_000 });
      fc.assert(fc.property(fc.array(fc.nat(), { minLength: 400, maxLength: 400 }), (walk) => within(program, 'any', walk, seen)), { numRuns: 20, seed: 7 });
    }
    expect(seen.exact).toBeGreaterThan(0);
    // get_mtd_device(): an open whose lookup fails skips its kref_get and, with the error set, the read and the
    // close; without the error register in the bound a reader could drop the partition's count before it took it.
    const program = buildProgram('flash-unbind', DEFAULT_KERNEL, ['srcu-drain'], { readers: 1 });
    const m = new Machine(program, 'any');
    const w = m.initial(0);
    const r = program.tasks.findIndex((t) => t.kind === 'reader');
    const part = program.refs.findIndex((c) => c.id === 'part_kref');
    const C = program.refs.length;
    expect(footprints(program, m).tasks[r]!.netPuts[dropsAt(w.a[r]!, w.a[m.oErr + r]!) * C + part]).toBe(0);
  });
});
