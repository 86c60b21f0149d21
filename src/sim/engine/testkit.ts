/** Tiny scenarios for unit tests of single primitives (test-only helper, pure). */
import { kernelDef, DEFAULT_KERNEL } from '../catalogue/index.ts';
import type { Mode, Node, Params, ResourceDef, ScenarioSource, TaskSource } from '../catalogue/source.ts';
import { compile } from './compile.ts';
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
