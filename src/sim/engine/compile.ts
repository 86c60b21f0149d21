/**
 * compile(): a scenario source (fixes already applied) + params -> Program.
 *
 * Flattens each task tree into steps, each carrying its static call stack
 * (scenarios have no recursion, so the stack is a property of the step).
 * Macro ops are expanded here, from data: `notify` into the notifier blocks
 * registered on the bus, `devres_release_all` / `devres_release_group` into the
 * device's devres entries in LIFO order (entries released once only), and a
 * `put`'s release code inline after it (skipped unless it was the last ref).
 */
import { isFn, isRepeat } from '../catalogue/tree.ts';
import type { KernelDef } from '../catalogue/kernels.ts';
import type {
  DeviceSource, Dur, FixId, Fn, Node, OpNode, Params, ResState, ScenarioSource, TaskSource,
} from '../catalogue/source.ts';
import type { CodeEntry, CompiledTask, Frame, Program, Step, StepKind } from './program.ts';

/** Flag index used for a task's own error register (`$err`). */
export const ERR_FLAG = -2;
/** The "flag" of a `goto`: a check that always jumps and leaves the error state alone. */
export const GOTO_FLAG = -3;

type MutStep = { -readonly [K in keyof Step]: Step[K] };
interface MutCode { file: string; lines: string[]; added: number[]; since: Record<number, string>; patch?: string }

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
    private readonly code: Map<string, MutCode>,
  ) {}

  private dur(d: Dur): number {
    if (typeof d === 'number') return d;
    const v = d.param === 'erase' ? this.params.erase ?? 0 : this.params[d.param];
    return Math.max(0, Math.round(v));
  }

  private emit(kind: StepKind, stack: Frame[], what: string, cost: number, extra: Partial<MutStep> = {}): number {
    // Every step has every field, `fix` and `since` too (undefined when absent): one object shape, so the
    // engine's reads of a step are monomorphic (three shapes made them polymorphic and deoptimised code).
    this.steps.push({
      kind, stack, what, cost, res: [], lock: -1, flag: -1, ref: -1, srcu: -1, value: false, to: 'alive',
      target: -1, errJump: false, errno: '', size: 0, write: false, addr: 0, line: -1, visible: false,
      fix: undefined, since: undefined, ...extra,
    });
    return this.steps.length - 1;
  }

  /** Registers the code of a frame and returns its key (variants of one function get distinct keys). */
  private codeKey(f: Fn, entry: MutCode): string {
    let key = f.fn;
    const same = (a: MutCode) => a.lines.join('\n') === entry.lines.join('\n') && JSON.stringify(a.since) === JSON.stringify(entry.since);
    for (let n = 2; ; n++) {
      const have = this.code.get(key);
      if (!have) { this.code.set(key, entry); return key; }
      if (same(have)) return key;
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
      const times = typeof n.repeat === 'number' ? n.repeat : this.params[n.repeat.param];
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
    const entry: MutCode = { file: f.file, lines: [], added: [], since: {} };
    f.body.forEach((c, i) => {
      entry.lines.push(lineText(c));
      if (!isRepeat(c) && c.fix) entry.added.push(i);
      if (!isRepeat(c) && c.since) entry.since[i] = c.since;
    });
    if (f.patch) entry.patch = f.patch;
    const key = this.codeKey(f, entry);
    const frame: Frame = { fn: f.fn, file: f.file, key, ...(f.fix ? { fix: f.fix } : {}), ...(f.patch ? { patch: f.patch } : {}) };
    const stack = [...parent, frame];
    const prov = { ...(f.fix ? { fix: f.fix } : {}), ...(f.since ? { since: f.since } : {}) };
    this.emit('enter', stack, `${f.fn}()`, 0, prov);
    this.nodes(f.body, stack, -1, (i) => i);
    this.emit('leave', stack, `return from ${f.fn}()`, 0, { line: entry.lines.length, ...prov });
  }

  private op(n: OpNode, stack: Frame[], line: number): void {
    const fx: Partial<MutStep> = { ...(n.fix ? { fix: n.fix } : {}), ...(n.since ? { since: n.since } : {}) };
    switch (n.op) {
      case 'goto': {
        const s = this.emit('check', stack, n.what, 0, { flag: GOTO_FLAG, value: true, line, ...fx });
        this.labelRefs.push({ step: s, name: n.label });
        return;
      }
      case 'label': {
        const list = this.labelAt.get(n.name) ?? [];
        list.push(this.steps.length);
        this.labelAt.set(n.name, list);
        return;
      }
      case 'use':
        this.emit('use', stack, n.what, n.cost ?? 1, {
          res: n.res.map((r) => this.idx.res(r)), size: n.size ?? 0, write: n.write ?? false, addr: n.addr ?? 0, line, ...fx,
        });
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
        const tested = n.ref === undefined ? { flag: this.idx.flag(n.flag) } : { ref: this.idx.ref(n.ref) };
        const s = this.emit('check', stack, n.what, 1, {
          ...tested, value: n.failWhen, errno: n.errno, errJump: n.to.startsWith('label:'), line, ...fx,
        });
        if (n.to === 'pass') {
          const top = this.passRefs[this.passRefs.length - 1];
          if (!top) throw new Error(`check "${n.what}" fails to 'pass' outside a pass`);
          top.push(s);
        } else if (n.to === 'task') this.taskRefs.push(s);
        else this.labelRefs.push({ step: s, name: n.to.slice(n.to.indexOf(':') + 1) });
        return;
      }
      case 'wait':
        // `cost` is the timeout (0 = none): the wait also ends that long after it began.
        this.emit('wait', stack, n.what, n.timeout === undefined ? 0 : this.dur(n.timeout), { flag: this.idx.flag(n.flag), line, ...fx });
        return;
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
      case 'get':
        this.emit('get', stack, n.what, 1, { ref: this.idx.ref(n.ref), line, ...fx });
        return;
      case 'put': {
        // `value` on a put: it never drops the last reference (`if (refcount_read(&r) > 1) refcount_dec(&r)`).
        const s = this.emit('put', stack, n.what, 1, { ref: this.idx.ref(n.ref), value: n.keepLast === true, line, ...fx });
        // The release code runs inline when this was the last reference; otherwise `target` skips it.
        this.nodes(n.release, stack, line);
        this.steps[s]!.target = this.steps.length;
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

/** The C line a child node shows in its parent's code view. */
function lineText(n: Node): string {
  if (isRepeat(n)) return `/* repeated ${typeof n.repeat === 'number' ? n.repeat : n.repeat.param}x */`;
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
    ? blocks.map((b): Fn => (b.fix ? { fn: 'notifier_call_chain', file: 'kernel/notifier.c', fix: b.fix, body: b.body } : { fn: 'notifier_call_chain', file: 'kernel/notifier.c', body: b.body }))
    : [{ op: 'cpu', dur: 1, what: `blocking_notifier_call_chain(&sp->bus_notifier, ${event}, dev); /* sp = bus_to_subsys(&${bus}_bus_type); dev = ${dev}; no notifier registered */` }];
  return { fn: 'bus_notify', file: 'drivers/base/bus.c', body: [{ fn: 'blocking_notifier_call_chain', file: 'kernel/notifier.c', body }] };
}

/**
 * devres_release_all / devres_release_group: release_nodes() runs each
 * entry's callback, newest first, then kfree()s the node; a plain devm
 * allocation's callback is a no-op and that kfree is what frees it.
 */
function expandDevres(dev: DeviceSource, group: string | null, released: Set<string>): Fn {
  const entries = dev.devres
    .map((e, i) => ({ e, key: `${dev.id}#${i}` }))
    .filter(({ e, key }) => !released.has(key) && (group === null || e.group === group))
    .reverse();
  const body: Node[] = entries.flatMap(({ e, key }): Node[] => {
    released.add(key);
    const to: ResState = e.to ?? 'freed';
    const effect: Node[] = to === 'alive'
      ? (e.action ? [] : [{ op: 'cpu', dur: 1, what: e.what }])
      : to === 'freed' ? [{ op: 'free', res: e.res, what: e.what }] : [{ op: 'state', res: e.res, to, what: e.what }];
    if (e.freeIn === 'release_nodes') {
      return [{ fn: e.release, file: e.file, body: [...(e.action ?? []), { op: 'cpu', dur: 1, what: '/* noop */' }] }, ...effect];
    }
    return [{ fn: e.release, file: e.file, body: [...(e.action ?? []), ...effect] }];
  });
  if (!body.length) body.push({ op: 'cpu', dur: 1, what: '/* no devres entries left */' });
  const name = group === null ? 'devres_release_all' : 'devres_release_group';
  return { fn: name, file: 'drivers/base/devres.c', body: [{ fn: 'release_nodes', file: 'drivers/base/devres.c', body }] };
}

class Indexer {
  constructor(private readonly src: ScenarioSource) {}
  private find(list: readonly { id: string }[], id: string, what: string): number {
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`unknown ${what} ${id}`);
    return i;
  }
  res(id: string): number { return this.find(this.src.resources, id, 'resource'); }
  lock(id: string): number { return this.find(this.src.locks, id, 'lock'); }
  ref(id: string): number { return this.find(this.src.refs, id, 'reference count'); }
  srcu(id: string): number { return this.find(this.src.srcu, id, 'srcu'); }
  flag(id: string): number { return id === '$err' ? ERR_FLAG : this.find(this.src.flags, id, 'flag'); }
}

/** The tasks that run for these parameters: `readers` copies of the reader, the eraser only with `erase`. */
function instantiateTasks(src: ScenarioSource, params: Params): TaskSource[] {
  const out: TaskSource[] = [];
  const unbindCpu = src.tasks.find((t) => t.kind === 'unbind')?.cpu ?? -1;
  const runs = (t: TaskSource) => !(t.kind === 'eraser' && params.erase === null);
  // Every task its own pid (the Oops names it; the trace export makes it the thread id).
  const taken = new Set(src.tasks.filter((t) => runs(t) && t.kind !== 'reader').map((t) => t.pid));
  for (const t of src.tasks) {
    if (!runs(t)) continue;
    if (t.kind === 'reader') {
      // More readers: the next free pids, and the CPUs other than the shell's, in turn.
      const cpus = [t.cpu, ...[0, 1, 2, 3].filter((c) => c !== t.cpu && c !== unbindCpu)];
      let pid = t.pid;
      for (let i = 0; i < params.readers; i++) {
        while (taken.has(pid)) pid++;
        taken.add(pid);
        out.push({ ...t, id: params.readers > 1 ? `reader${i}` : 'reader', pid, cpu: cpus[i % cpus.length]! });
      }
    } else out.push(t);
  }
  return out;
}

/** Which flags and references each task writes, for visibility. */
function writers(prog: { tasks: readonly CompiledTask[] }): { flags: Map<number, Set<number>>; kills: Map<number, Set<number>> } {
  const flags = new Map<number, Set<number>>();
  const kills = new Map<number, Set<number>>();
  const add = (m: Map<number, Set<number>>, k: number, t: number) => { const s = m.get(k) ?? new Set(); s.add(t); m.set(k, s); };
  prog.tasks.forEach((t, ti) => {
    for (const s of t.steps) {
      if (s.kind === 'free' || s.kind === 'state') add(kills, s.res[0]!, ti);
      if (s.kind === 'set') add(flags, s.flag, ti);
    }
  });
  return { flags, kills };
}

/**
 * Marks the steps that can interact with another task; the others commute
 * with everything and run eagerly. An access is visible only if some *other*
 * task can kill what it touches (a task's own frees cannot race with its own reads).
 */
function markVisible(prog: { tasks: CompiledTask[] }, src: ScenarioSource): void {
  const { flags, kills } = writers(prog);
  const idOf = (id: string) => src.resources.findIndex((x) => x.id === id);
  const byOther = (m: Map<number, Set<number>>, k: number, t: number) => [...(m.get(k) ?? [])].some((w) => w !== t);
  const affected = (r: number, t: number): boolean =>
    byOther(kills, r, t) || (src.resources[r]!.dependsOn ?? []).some((d) => byOther(kills, idOf(d), t));
  const flagIn = (f: number): number => {
    const c = f >= 0 ? src.flags[f]!.in : undefined;
    return c === undefined ? -1 : idOf(c);
  };
  prog.tasks.forEach((t, ti) => {
    for (const s of t.steps) {
      switch (s.kind) {
        case 'use': case 'io.begin': case 'io.end':
          s.visible = s.res.some((r) => affected(r, ti)); break;
        case 'check':
          s.visible = s.ref >= 0 || s.flag !== ERR_FLAG && (byOther(flags, s.flag, ti) || (flagIn(s.flag) >= 0 && affected(flagIn(s.flag), ti))); break;
        case 'start':
          // Only the unbind's start is a scheduling point (the explorer chooses it);
          // other tasks start at fixed times, which their local clocks carry.
          s.visible = t.start === -1; break;
        case 'set': case 'lock': case 'unlock': case 'free': case 'state': case 'get': case 'put': case 'wait':
        case 'srcu.lock': case 'srcu.unlock': case 'srcu.sync': case 'srcu.wait':
          s.visible = true; break;
        default:
          s.visible = false;
      }
    }
  });
}

/**
 * Builds the program the runner executes from a scenario source with its fixes applied.
 * @example compile(buildSource('flash-unbind', '6.14-rc7', ['notifier-sleep'], params), kernelDef('6.14-rc7'), ['notifier-sleep'], params)
 */
export function compile(src: ScenarioSource, kernel: KernelDef, fixes: readonly FixId[], params: Params): Program {
  const idx = new Indexer(src);
  const code = new Map<string, MutCode>();
  const tasks: CompiledTask[] = instantiateTasks(src, params).map((t) => {
    const steps = new TaskCompiler(src, params, idx, code).compile(t);
    return { id: t.id, kind: t.kind, comm: t.comm, command: t.command, pid: t.pid, cpu: t.cpu, start: t.start === 'at' ? -1 : t.start, steps };
  });
  const prog = {
    scenario: src.id,
    title: src.title,
    kernel: { id: kernel.id, release: kernel.release, traceMarkers: kernel.traceMarkers },
    hardware: src.hardware,
    fixes: [...fixes],
    params,
    resources: src.resources,
    locks: src.locks,
    flags: src.flags,
    refs: src.refs,
    srcu: src.srcu,
    tasks,
    code: Object.fromEntries(code) as Record<string, CodeEntry>,
    unbindTask: tasks.findIndex((t) => t.start === -1),
  };
  markVisible(prog, src);
  return prog;
}
