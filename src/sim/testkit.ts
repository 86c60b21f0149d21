/** Tiny scenarios for unit tests of single primitives (test-only helper, pure). */
import { compile } from './compile.ts';
import { run } from './run.ts';
import type { Node, Params, Program, ResourceDef, ScenarioSource, TaskSource, Trace, Mode } from './types.ts';

export const P0: Params = { read: 100, sleep: 1000, readers: 1, erase: null, at: null };

export function task(id: string, start: number | 'at', body: Node[], kind: TaskSource['kind'] = 'reader'): TaskSource {
  return { id, kind, comm: id, command: id, pid: 100, cpu: 0, start, body };
}

export function mini(parts: Partial<ScenarioSource> & { tasks: TaskSource[] }): ScenarioSource {
  return {
    id: 'flash-unbind', title: 'mini', summary: '', kernel: 'test', seed: '',
    resources: [] as ResourceDef[], locks: [], flags: [], srcu: [], devices: [], notifiers: [],
    defaults: { ...P0, at: 0 }, expect: '', ...parts,
  };
}

export function prog(src: ScenarioSource, params: Partial<Params> = {}): Program {
  return compile(src, [], { ...P0, ...params });
}

export function runMini(src: ScenarioSource, opts: { at?: number; mode?: Mode; schedule?: number[] } = {}): Trace {
  return run({ program: prog(src), mode: opts.mode ?? 'timed', at: opts.at ?? 0, schedule: opts.schedule ?? [] });
}
