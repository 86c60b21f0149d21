/**
 * The canonical key (symmetry.ts) loses nothing: over states reached by
 * random schedules of built-in questions, two states share a key exactly when
 * renaming identical readers turns one into the other. The renaming is done
 * here the slow way, on the whole World, and compared word by word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, DEFAULT_KERNEL, type FixId, type ScenarioId } from '../index.ts';
import { Machine, cloneWorld, type World } from './engine.ts';
import type { Program } from './program.ts';
import { Canon } from './symmetry.ts';
import { randomWalk, renameWorld } from './testkit.ts';

/** The World with tasks renamed by perm (actual -> canonical), as numbers; clocks only when timed. */
function renamed(m: Machine, w: World, perm: Int32Array, timed: boolean): number[] {
  const x = renameWorld(m, w, perm);
  if (!timed) x.a.fill(0, m.oReady, m.oSlack + m.nTasks);
  return Array.from(x.a);
}

/** The largest value each word of the untimed World may hold (fields the key packs). */
function ranges(m: Machine, p: Program): number[] {
  const n = m.nTasks;
  const gets = p.tasks.reduce((k, t) => k + t.steps.filter((s) => s.kind === 'get').length, 0);
  const maxRef = Math.max(...p.refs.map((r) => r.initial)) + gets;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out[i] = p.tasks[i]!.steps.length;
  for (let i = 0; i < n; i++) out[m.oErr + i] = 1;
  for (let l = 0; l < p.locks.length; l++) out[m.oOwner + l] = n;
  for (let f = 0; f < p.flags.length; f++) out[m.oFlags + f] = 1;
  for (let r = 0; r < p.resources.length; r++) out[m.oRes + r] = 6;
  for (let c = 0; c < p.refs.length; c++) out[m.oRefs + c] = maxRef;
  for (let d = 0; d < p.srcu.length; d++) out[m.oSrcu + d] = (1 << n) - 1;
  for (let i = 0; i < n; i++) out[m.oSync + i] = (1 << n) - 1;
  return out;
}

describe('the canonical key', () => {
  it('two states share a key exactly when renaming readers maps one onto the other (reached states and one-field changes of them)', () => {
    fc.assert(fc.property(
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'), fc.constantFrom<FixId[]>([], ['srcu-drain'], ['notifier-sleep']),
      fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.constantFrom<'any' | 'timed'>('any', 'timed'),
      // A latency window (timed mode) puts each task's slack in the key too.
      fc.constantFrom(0, 20),
      fc.array(fc.nat(), { minLength: 300, maxLength: 300 }),
      (scenario, fixes, readers, eraser, mode, lat, walk) => {
        const p = buildProgram(scenario, DEFAULT_KERNEL, fixes, { readers, erase: eraser ? 1_000_000 : null, lat });
        const m = new Machine(p, mode);
        const timed = mode === 'timed';
        const canon = new Canon(m, p, timed, true);
        expect(canon.groups.length).toBeGreaterThan(0);
        const max = ranges(m, p);
        const byKey = new Map<string, string>();
        const byWorld = new Map<string, string>();
        let merged = 0;
        const visit = (w: World) => {
          const key = canon.canon(w, 0).join(',');
          const world = renamed(m, w, canon.perm, timed).join(',');
          const k0 = byKey.get(key), w0 = byWorld.get(world);
          // Same key -> same renamed world; same renamed world -> same key.
          if (k0 !== undefined) { expect(k0).toBe(world); merged++; } else byKey.set(key, world);
          if (w0 !== undefined) expect(w0).toBe(key); else byWorld.set(world, key);
        };
        randomWalk(m, walk, (w, step) => {
          visit(w);
          if (step % 25 !== 0) return;
          // Every word of the untimed state set to its extremes and to a value beside the current one.
          for (let k = 0; k < max.length; k++) {
            for (const v of [0, max[k]!, Math.min(max[k]!, w.a[k]! + 1)]) {
              const x = cloneWorld(w);
              x.a[k] = v;
              visit(x);
            }
          }
          // Timed: each task's clock one later, and with a window its slack one larger (without one it is always 0).
          if (!timed) return;
          for (let i = 0; i < m.nTasks; i++) {
            for (const k of lat > 0 ? [m.oReady + i, m.oSlack + i] : [m.oReady + i]) {
              if (w.a[m.oReady + i]! < 0) continue;
              const x = cloneWorld(w);
              x.a[k] = w.a[k]! + 1;
              visit(x);
            }
          }
        });
        // States met twice under one key: the check above was exercised.
        expect(merged).toBeGreaterThan(0);
      }), { numRuns: Number(process.env.RUNS ?? 25), seed: Number(process.env.SEED ?? 1205) });
  });
});
