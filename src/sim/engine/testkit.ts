/** Tiny scenarios for unit tests of single primitives (test-only helper, pure). */
import { kernelDef, DEFAULT_KERNEL } from '../catalogue/index.ts';
import { check, cpu, fn, free, io, set } from '../catalogue/tree.ts';
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

/**
 * A program that faults only when the unbind starts between two steps of the
 * reader, so the explorer's starts (0, or right after a step of another
 * task) answer Never. R opens a window at 0 and closes it at 50; at 100 it
 * checks `gone` and starts a 10 us transfer on obj. U returns unless the
 * window is open, then tears down for 55 us, sets `gone` and frees obj: only
 * an unbind started between 45 and 50 us frees obj during the transfer.
 */
export function betweenStarts(): ScenarioSource {
  const F = 'drivers/test.c';
  return mini({
    resources: [{ id: 'obj', label: 'struct obj', kind: 'heap', owner: 'test', file: F }],
    flags: [{ id: 'open', label: 'open', initial: false }, { id: 'gone', label: 'gone', initial: false }],
    tasks: [
      task('R', 0, [fn('reader', F, set('open', true, 'open = true'), cpu(50, 'work'), set('open', false, 'open = false'), cpu(50, 'work'),
        check('gone', true, 'task', 'if (gone) return'), io(['obj'], 10, 'transfer'))]),
      task('U', 'at', [fn('unbind', F, check('open', false, 'task', 'if (!open) return'), cpu(55, 'teardown'), set('gone', true, 'gone = true'),
        free('obj', 'kfree(obj)'))], 'unbind'),
    ],
  });
}
