/** Tiny scenarios for unit tests of single primitives (test-only helper, pure). */
import { kernelDef, DEFAULT_KERNEL } from '../catalogue/index.ts';
import type { Mode, Node, Params, ResourceDef, ScenarioSource, TaskSource } from '../catalogue/source.ts';
import { compile } from './compile.ts';
import type { Machine, World } from './engine.ts';
import type { Program } from './program.ts';
import { run } from './run.ts';
import type { Trace } from './trace.ts';

export const P0: Params = { read: 100, sleep: 1000, readers: 1, erase: null, at: null, parts: 0, lat: 0 };

export function task(id: string, start: number | 'at', body: Node[], kind: TaskSource['kind'] = 'reader'): TaskSource {
  return { id, kind, comm: id, command: id, pid: 100, cpu: 0, start, body };
}

export function mini(parts: Partial<ScenarioSource> & { tasks: TaskSource[] }): ScenarioSource {
  return {
    id: 'mini', title: 'mini', summary: '', seed: '', hardware: null,
    resources: [] as ResourceDef[], locks: [], flags: [], refs: [], srcu: [], devices: [], notifiers: [],
    defaults: { ...P0, at: 0 }, expect: '', ...parts,
  };
}

export function prog(src: ScenarioSource, params: Partial<Params> = {}): Program {
  return compile(src, kernelDef(DEFAULT_KERNEL), [], { ...P0, ...params });
}

export function runMini(src: ScenarioSource, opts: { at?: number; mode?: Mode; schedule?: number[]; params?: Partial<Params> } = {}): Trace {
  return run({ program: prog(src, opts.params), mode: opts.mode ?? 'timed', at: opts.at ?? 0, schedule: opts.schedule ?? [] });
}

/**
 * The World with tasks renamed by perm (actual -> new index): every
 * task-indexed field moved, and every reference to a task (a mutex owner, an
 * SRCU reader set, a grace-period snapshot) renamed with it.
 */
export function renameWorld(m: Machine, w: World, perm: Int32Array): World {
  const a = w.a;
  const n = m.nTasks;
  const b = Int32Array.from(a);
  const mask = (x: number) => { let out = 0; for (let i = 0; i < n; i++) if ((x >>> i) & 1) out |= 1 << perm[i]!; return out; };
  for (let i = 0; i < n; i++) {
    const c = perm[i]!;
    for (const o of [m.oPc, m.oErr, m.oReady, m.oSlack]) b[o + c] = a[o + i]!;
    b[m.oSync + c] = mask(a[m.oSync + i]!);
  }
  for (let o = m.oOwner; o < m.oFlags; o++) b[o] = a[o] === 0 ? 0 : perm[a[o]! - 1]! + 1;
  for (let o = m.oSrcu; o < m.oSync; o++) b[o] = mask(a[o]!);
  return { a: b, now: w.now, fault: w.fault };
}

/**
 * A random schedule from the start: at each step the move `walk[step]` picks
 * among the candidates, then `visit` sees the state, until the walk ends, the
 * tasks finish or a fault. The unbind starts at 0, or with `open` its start is
 * one of the moves (WILD until taken).
 */
export function randomWalk(m: Machine, walk: readonly number[], visit: (w: World, step: number, r: number) => void, open = false): void {
  const w = m.init(0, open);
  m.normalizeAll(w);
  walk.forEach((r, step) => {
    const c = open ? m.moves(w) : m.candidates(w);
    if (c.length === 0 || w.fault) return;
    m.move(w, c[r % c.length]!);
    if (!w.fault) visit(w, step, r);
  });
}
