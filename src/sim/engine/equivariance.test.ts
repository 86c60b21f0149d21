/**
 * The reduced explorer's choices depend only on the canonical state: renaming
 * identical readers renames the persistent set and the forced move with them.
 * Without it, two states sharing a key could follow different chains, and the
 * replay of a counterexample (which walks actual worlds through the stored
 * best moves) could reach a state the search never stored.
 *
 * Over states reached by random schedules of built-in questions, with random
 * sleep sets: the persistent set and the forced move of (w, sleep), mapped to
 * canonical numbering, equal those of the same state with its readers
 * renamed by a random permutation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, DEFAULT_KERNEL, type FixId, type Mode, type ScenarioId } from '../index.ts';
import { Machine, type World } from './engine.ts';
import { miniArb } from './arbitrary.ts';
import type { Program } from './program.ts';
import { Canon } from './symmetry.ts';
import { randomWalk, renameWorld } from './testkit.ts';
import { Reducer } from './traces.ts';

/** Walks a random schedule; at each state with a choice, compares (w, sleep) with a renaming of it. Returns the comparisons made. */
function walkAndCompare(p: Program, mode: Mode, walk: readonly number[], open: boolean): number {
  const m = new Machine(p, mode);
  const R = new Reducer(p, mode, true);
  const canon = new Canon(m, p, mode === 'timed', true);
  if (canon.groups.length === 0) return 0;
  const n = m.nTasks;
  let compared = 0;
  /** (canonical key, canonical persistent set, canonical forced move) of (w, sleep). */
  const seen = (w: World, sleep: number) => {
    const forced = R.forced(w, m.moves(w), sleep);
    const set = R.lastSet.reduce((acc, t) => acc | (1 << t), 0);
    const key = canon.canon(w, sleep).join(',');
    return { key, set: canon.mapMask(set), forced: forced < 0 ? forced : canon.perm[forced]! };
  };
  randomWalk(m, walk, (w, step, r) => {
    const mv = m.moves(w);
    if (mv.length < 2) return;
    // A sleep set from the walk's numbers: any subset of the moves.
    const bitsOf = walk[(step + 1) % walk.length]!;
    const sleep = mv.filter((_, i) => ((bitsOf >>> i) & 1) === 1).reduce((acc, t) => acc | (1 << t), 0);
    // A renaming of every group's members: a shuffle drawn from the walk's numbers.
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (const g of canon.groups) {
      const order = [...g];
      for (let k = order.length - 1; k > 0; k--) {
        const j = (walk[(step + k) % walk.length]! ^ r) % (k + 1);
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      g.forEach((t, k) => { perm[t] = order[k]!; });
    }
    const a = seen(w, sleep);
    const b = seen(renameWorld(m, w, perm), canon.mapMask(sleep, perm));
    expect(b.key).toBe(a.key);
    expect(b).toEqual(a);
    compared++;
  }, open);
  return compared;
}

describe('the reduction is equivariant under renaming readers', () => {
  it('built-in questions, two to four readers, the unbind\'s start fixed or open: persistent set and forced move of (w, sleep) = those of its renaming, in canonical numbering', () => {
    fc.assert(fc.property(
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'),
      fc.constantFrom<FixId[]>([], ['srcu-drain'], ['notifier-sleep'], ['devres-group'], ['srcu-drain', 'notifier-sleep', 'devres-group']),
      fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.constantFrom<Mode>('any', 'timed'), fc.constantFrom(0, 0, 20), fc.boolean(),
      fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
      (scenario, fixes, readers, eraser, mode, lat, open, walk) => {
        const p = buildProgram(scenario, DEFAULT_KERNEL, fixes, { readers, erase: eraser ? 1_000_000 : null, lat });
        expect(walkAndCompare(p, mode, walk, open)).toBeGreaterThan(0);
      }), { numRuns: Number(process.env.RUNS ?? 60), seed: Number(process.env.SEED ?? 1205) });
  });

  it('random small programs, two or three readers (mutex, SRCU, reference count): the same', () => {
    let compared = 0;
    fc.assert(fc.property(miniArb(3), fc.boolean(), fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), ({ program, mode }, open, walk) => {
      compared += walkAndCompare(program, mode, walk, open);
    }), { numRuns: Number(process.env.RUNS ?? 300), seed: Number(process.env.SEED ?? 1205) });
    expect(compared).toBeGreaterThan(100);
  });
});
