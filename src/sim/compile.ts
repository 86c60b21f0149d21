/**
 * compile(): scenario source + fixes + params -> Program.
 *
 * Flattens each task tree into steps, each carrying its static call stack
 * (scenarios have no recursion, so the stack is a property of the step).
 * Macro ops are expanded here, from data: `notify` into the notifier blocks
 * registered on the bus, `devres_release_all` / `devres_release_group` into the
 * device's devres entries in LIFO order (entries released once only).
 */
import { applyFixes } from './fixes.ts';
import { isFn, isRepeat } from './tree.ts';
import type {
  CompiledTask, DeviceSource, Dur, FixId, Fn, Frame, Node, OpNode, Params, Program, ResState,
  ScenarioSource, Step, StepKind, TaskSource,
} from './types.ts';

/** Flag index used for a task's own error register (`$err`). */
export const ERR_FLAG = -2;

interface MutStep {
  kind: StepKind;
  stack: Frame[];
  what: string;
  cost: number;
  res: number[];
  lock: number;
  flag: number;
  srcu: number;
  value: boolean;
  to: ResState;
  target: number;
  errJump: boolean;
  errno: string;
  addr: number;
  fix?: FixId;
  line: number;
  visible: boolean;
}

interface CodeEntry { file: string; lines: string[]; added: number[] }

class TaskCompiler {
  readonly steps: MutStep[] = [];
  private readonly labelAt = new Map<string, number[]>();
  private readonly labelRefs: { step: number; name: string }[] = [];
  private readonly passRefs: number[][] = [];
  private readonly taskRefs: number[] = [];
  private readonly released = new Set<string>();

  constructor(
    private readonly src: ScenarioSource,
    private readonly params: Params,
    private readonly idx: Indexer,
    private readonly code: Map<string, CodeEntry>,
  ) {}

  private dur(d: Dur): number {
    if (typeof d === 'number') return d;
    const v = d.param === 'erase' ? this.params.erase ?? 0 : d.param === 'irq' ? 0 : this.params[d.param];
    return Math.max(0, Math.round(v));
  }

  private emit(kind: StepKind, stack: Frame[], what: string, cost: number, extra: Partial<MutStep> = {}): number {
    this.steps.push({
      kind, stack, what, cost, res: [], lock: -1, flag: -1, srcu: -1, value: false, to: 'alive',
      target: -1, errJump: false, errno: '', addr: 0, line: -1, visible: false, ...extra,
    });
    return this.steps.length - 1;
  }

  /** Registers the code of a frame and returns its key (variants of one function get distinct keys). */
  private codeKey(f: Fn, lines: string[], added: number[]): string {
    let key = f.fn;
    for (let n = 2; ; n++) {
      const have = this.code.get(key);
      if (!have) { this.code.set(key, { file: f.file, lines, added }); return key; }
      if (have.lines.join('\n') === lines.join('\n')) return key;
      key = `${f.fn}~${n}`;
    }
  }

  compile(task: TaskSource): Step[] {
    const root: Frame[] = [];
    this.emit('start', root, `${task.comm}: ${task.command}`, 0);
    this.nodes(task.body, root, -1);
    const exit = this.emit('exit', root, 'exit', 0);
    for (const s of this.taskRefs) this.steps[s]!.target = exit;
    for (const { step, name } of this.labelRefs) {
      // `a|b`: the error path returns to whichever of these comes first (the
      // innermost cleanup label), as C's error returns unwind through callers.
      const at = Math.min(...name.split('|').map((n) => (this.labelAt.get(n) ?? []).find((i) => i > step) ?? Infinity));
      if (!Number.isFinite(at)) throw new Error(`label ${name} not found after step ${step} in task ${task.id}`);
      this.steps[step]!.target = at;
    }
    return this.steps as Step[];
  }

  private nodes(nodes: readonly Node[], stack: Frame[], lineBase: number, lineOf?: (i: number) => number): void {
    nodes.forEach((n, i) => this.node(n, stack, lineOf ? lineOf(i) : lineBase));
  }

  private node(n: Node, stack: Frame[], line: number): void {
    if (isRepeat(n)) {
      const times = typeof n.repeat === 'number' ? n.repeat : this.params.readers;
      for (let k = 0; k < times; k++) {
        if (n.pass) this.passRefs.push([]);
        this.nodes(n.body, stack, line);
        if (n.pass) for (const s of this.passRefs.pop()!) this.steps[s]!.target = this.steps.length;
      }
      return;
    }
    if (isFn(n)) return this.frame(n, stack);
    this.op(n, stack, line);
  }

  private frame(f: Fn, parent: Frame[]): void {
    const lines = f.body.map((c) => lineText(c));
    const added = f.body.flatMap((c, i) => (nodeFix(c) ? [i] : []));
    const key = this.codeKey(f, lines, added);
    const frame: Frame = f.fix ? { fn: f.fn, file: f.file, fix: f.fix, key } : { fn: f.fn, file: f.file, key };
    const stack = [...parent, frame];
    this.emit('enter', stack, `${f.fn}()`, 0, f.fix ? { fix: f.fix } : {});
    this.nodes(f.body, stack, -1, (i) => i);
    this.emit('leave', stack, `return from ${f.fn}()`, 0, { line: lines.length, ...(f.fix ? { fix: f.fix } : {}) });
  }

  private op(n: OpNode, stack: Frame[], line: number): void {
    const fx = n.fix ? { fix: n.fix } : {};
    switch (n.op) {
      case 'label': {
        const list = this.labelAt.get(n.name) ?? [];
        list.push(this.steps.length);
        this.labelAt.set(n.name, list);
        return;
      }
      case 'use':
        this.emit('use', stack, n.what, n.cost ?? 1, { res: n.res.map((r) => this.idx.res(r)), addr: n.addr ?? 0, line, ...fx });
        return;
      case 'io': {
        const res = n.res.map((r) => this.idx.res(r));
        this.emit('io.begin', stack, n.what, this.dur(n.dur), { res, line, ...fx });
        this.emit('io.end', stack, n.what, 1, { res, line, ...fx });
        return;
      }
      case 'cpu':
        this.emit('cpu', stack, n.what, this.dur(n.dur), { line, ...fx });
        return;
      case 'lock':
        this.emit('lock', stack, n.what ?? `mutex_lock(&${n.lock});`, 1, { lock: this.idx.lock(n.lock), line, ...fx });
        return;
      case 'unlock':
        this.emit('unlock', stack, n.what ?? `mutex_unlock(&${n.lock});`, 1, { lock: this.idx.lock(n.lock), line, ...fx });
        return;
      case 'set':
        this.emit('set', stack, n.what, 1, { flag: this.idx.flag(n.flag), value: n.value, line, ...fx });
        return;
      case 'check': {
        const s = this.emit('check', stack, n.what, 1, {
          flag: this.idx.flag(n.flag), value: n.failWhen, errno: n.errno, errJump: n.to.startsWith('label:'), line, ...fx,
        });
        if (n.to === 'pass') {
          const top = this.passRefs[this.passRefs.length - 1];
          if (!top) throw new Error(`check "${n.what}" fails to 'pass' outside a pass`);
          top.push(s);
        } else if (n.to === 'task') this.taskRefs.push(s);
        else this.labelRefs.push({ step: s, name: n.to.slice('label:'.length) });
        return;
      }
      case 'free':
        this.emit('free', stack, n.what, 1, { res: [this.idx.res(n.res)], to: 'freed', line, ...fx });
        return;
      case 'state':
        this.emit('state', stack, n.what, 2, { res: [this.idx.res(n.res)], to: n.to, line, ...fx });
        return;
      case 'sleep': {
        const d = this.dur(n.dur);
        this.emit('sleep.begin', stack, n.what, d, { line, ...fx });
        this.emit('sleep.end', stack, n.what, 0, { line, ...fx });
        return;
      }
      case 'srcu_read_lock':
        this.emit('srcu.lock', stack, n.what, 1, { srcu: this.idx.srcu(n.srcu), line, ...fx });
        return;
      case 'srcu_read_unlock':
        this.emit('srcu.unlock', stack, n.what, 1, { srcu: this.idx.srcu(n.srcu), line, ...fx });
        return;
      case 'synchronize_srcu':
        this.emit('srcu.sync', stack, n.what, 1, { srcu: this.idx.srcu(n.srcu), line, ...fx });
        this.emit('srcu.wait', stack, n.what, 1, { srcu: this.idx.srcu(n.srcu), line, ...fx });
        return;
      case 'notify':
        this.frame(expandNotify(this.src, n.bus, n.event, n.dev), stack);
        return;
      case 'devres_release_all':
      case 'devres_release_group': {
        const dev = this.src.devices.find((d) => d.id === n.dev);
        if (!dev) throw new Error(`unknown device ${n.dev}`);
        const group = n.op === 'devres_release_group' ? n.group : null;
        const f = expandDevres(dev, group, this.released);
        this.frame(n.fix ? { ...f, fix: n.fix } : f, stack);
        return;
      }
    }
  }
}

function nodeFix(n: Node): FixId | undefined {
  return isRepeat(n) ? undefined : n.fix;
}

/** The C line a child node shows in its parent's code view. */
function lineText(n: Node): string {
  if (isRepeat(n)) return `/* repeated ${typeof n.repeat === 'number' ? n.repeat : 'readers'}x */`;
  if (isFn(n)) return `${n.fn}(...);`;
  switch (n.op) {
    case 'label': return `${n.name}:`;
    case 'notify': return `bus_notify(${n.dev}, ${n.event});`;
    case 'devres_release_all': return `devres_release_all(${n.dev});`;
    case 'devres_release_group': return `devres_release_group(${n.dev}, ${n.group});`;
    case 'lock': return n.what ?? `mutex_lock(&${n.lock});`;
    case 'unlock': return n.what ?? `mutex_unlock(&${n.lock});`;
    default: return n.what;
  }
}

/** bus_notify(dev, event): every notifier block registered on the bus, in registration order. */
function expandNotify(src: ScenarioSource, bus: string, event: string, dev: string): Fn {
  const blocks = src.notifiers.filter((b) => b.bus === bus && b.events.includes(event));
  const body: Node[] = blocks.length
    ? blocks.map((b) => (b.fix ? { fn: 'notifier_call_chain', file: 'kernel/notifier.c', fix: b.fix, body: b.body } : { fn: 'notifier_call_chain', file: 'kernel/notifier.c', body: b.body }))
    : [{ op: 'cpu', dur: 1, what: `blocking_notifier_call_chain(&${bus}_bus_type.p->bus_notifier, ${event}, ${dev}); /* no notifier */` }];
  return { fn: 'bus_notify', file: 'drivers/base/bus.c', body: [{ fn: 'blocking_notifier_call_chain', file: 'kernel/notifier.c', body }] };
}

/** devres_release_all / devres_release_group: release_nodes() runs the entries LIFO. */
function expandDevres(dev: DeviceSource, group: string | null, released: Set<string>): Fn {
  const entries = dev.devres
    .map((e, i) => ({ e, key: `${dev.id}#${i}` }))
    .filter(({ e, key }) => !released.has(key) && (group === null || e.group === group))
    .reverse();
  const body: Node[] = entries.map(({ e, key }) => {
    released.add(key);
    const to = e.to ?? 'freed';
    const effect: Node[] = to === 'alive' ? [] : to === 'freed' ? [{ op: 'free', res: e.res, what: e.what }] : [{ op: 'state', res: e.res, to, what: e.what }];
    return { fn: e.release, file: e.file, body: [...(e.action ?? []), ...effect] };
  });
  if (!body.length) body.push({ op: 'cpu', dur: 1, what: '/* no devres entries left */' });
  const name = group === null ? 'devres_release_all' : 'devres_release_group';
  return { fn: name, file: 'drivers/base/devres.c', body: [{ fn: 'release_nodes', file: 'drivers/base/devres.c', body }] };
}

class Indexer {
  constructor(private readonly src: ScenarioSource) {}
  res(id: string): number {
    const i = this.src.resources.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`unknown resource ${id}`);
    return i;
  }
  lock(id: string): number {
    const i = this.src.locks.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`unknown lock ${id}`);
    return i;
  }
  flag(id: string): number {
    if (id === '$err') return ERR_FLAG;
    const i = this.src.flags.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`unknown flag ${id}`);
    return i;
  }
  srcu(id: string): number {
    const i = this.src.srcu.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`unknown srcu ${id}`);
    return i;
  }
}

/** The tasks that run for these parameters: `readers` copies of the reader, the eraser only with `erase`. */
function instantiateTasks(src: ScenarioSource, params: Params): TaskSource[] {
  const out: TaskSource[] = [];
  for (const t of src.tasks) {
    if (t.kind === 'eraser' && params.erase === null) continue;
    if (t.kind === 'reader') {
      for (let i = 0; i < params.readers; i++) {
        out.push({ ...t, id: params.readers > 1 ? `reader${i}` : 'reader', pid: t.pid + i * 2, cpu: (t.cpu + i) % 4 });
      }
    } else out.push(t);
  }
  return out;
}

/** Marks the steps that can interact with another task; the others commute with everything. */
function markVisible(prog: { tasks: CompiledTask[] }, src: ScenarioSource): void {
  const mutable = new Set<number>();
  const written = new Set<number>();
  for (const t of prog.tasks) for (const s of t.steps) {
    if (s.kind === 'free' || s.kind === 'state') mutable.add(s.res[0]!);
    if (s.kind === 'set') written.add(s.flag);
  }
  // An access to a resource is affected by its dependencies (an MMIO window by its clock).
  const affected = (r: number): boolean =>
    mutable.has(r) || (src.resources[r]!.dependsOn ?? []).some((d) => mutable.has(src.resources.findIndex((x) => x.id === d)));
  const flagIn = (f: number): number => {
    const c = f >= 0 ? src.flags[f]!.in : undefined;
    return c === undefined ? -1 : src.resources.findIndex((x) => x.id === c);
  };
  for (const t of prog.tasks) for (const s of t.steps) {
    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end':
        s.visible = s.res.some(affected); break;
      case 'check':
        s.visible = s.flag !== ERR_FLAG && (written.has(s.flag) || (flagIn(s.flag) >= 0 && affected(flagIn(s.flag)))); break;
      case 'set':
        s.visible = true; break;
      case 'start':
        // Only the unbind's start is a scheduling point (the explorer chooses it);
        // other tasks start at fixed times, which their local clocks carry.
        s.visible = t.start === -1; break;
      case 'lock': case 'unlock': case 'free': case 'state':
      case 'srcu.lock': case 'srcu.unlock': case 'srcu.sync': case 'srcu.wait':
        s.visible = true; break;
      default:
        s.visible = false;
    }
  }
}

/**
 * Builds the program the runner executes.
 * @example compile(SCENARIOS['flash-unbind'], ['notifier-sleep'], params)
 */
export function compile(source: ScenarioSource, fixes: readonly FixId[], params: Params): Program {
  const src = applyFixes(source, fixes);
  const idx = new Indexer(src);
  const code = new Map<string, CodeEntry>();
  const tasks: CompiledTask[] = instantiateTasks(src, params).map((t) => {
    const steps = new TaskCompiler(src, params, idx, code).compile(t);
    return { id: t.id, kind: t.kind, comm: t.comm, command: t.command, pid: t.pid, cpu: t.cpu, start: t.start === 'at' ? -1 : t.start, steps };
  });
  const prog = {
    scenario: src.id,
    title: src.title,
    kernel: src.kernel,
    fixes: [...fixes],
    params,
    resources: src.resources,
    locks: src.locks,
    flags: src.flags,
    srcu: src.srcu,
    tasks,
    code: Object.fromEntries(code),
    unbindTask: tasks.findIndex((t) => t.start === -1),
  };
  markVisible(prog, src);
  return prog;
}
