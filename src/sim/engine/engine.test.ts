import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniArb } from './arbitrary.ts';
import { explore } from './explore.ts';
import { Machine } from './engine.ts';
import { randomWalk, runMini, mini, task, prog } from './testkit.ts';
import { cpu, fn, free, io, lock, set, check, sleep, state, unlock, use, label } from '../catalogue/tree.ts';
import type { ResourceDef } from '../catalogue/source.ts';

const heap: ResourceDef = { id: 'obj', label: 'struct obj', kind: 'heap', owner: 'test', file: 'x.c' };
const F = 'drivers/test.c';

describe('mutex', () => {
  const src = mini({
    locks: [{ id: 'L', label: 'L' }],
    tasks: [
      task('A', 0, [fn('a', F, lock('L', 'lock'), cpu(10, 'work'), unlock('L', 'unlock'))]),
      task('B', 1, [fn('b', F, lock('L', 'lock'), unlock('L', 'unlock'))]),
      task('C', 2, [fn('c', F, lock('L', 'lock'), unlock('L', 'unlock'))]),
    ],
  });
  const acquirers = (tr: ReturnType<typeof runMini>) => tr.events.filter((e) => e.type === 'lock.acquire').map((e) => e.task);

  it('a released mutex may go to any waiter: the release is a decision between them', () => {
    const first = runMini(src);
    const d = first.decisions.find((x) => x.candidates.includes(1) && x.candidates.includes(2));
    expect(d).toBeDefined();
    expect(acquirers(first)).toEqual([0, 1, 2]);
    const idx = first.decisions.indexOf(d!);
    const sched = first.decisions.slice(0, idx).map((x) => x.chosen).concat([2]);
    expect(acquirers(runMini(src, { schedule: sched }))).toEqual([0, 2, 1]);
  });

  it('waiters wait: their acquire carries the time they started waiting', () => {
    const tr = runMini(src);
    const b = tr.events.find((e) => e.type === 'lock.acquire' && e.task === 1)!;
    expect(b.waitFrom).toBe(1);
    expect(b.t).toBeGreaterThanOrEqual(11);
  });

  it('the explorer counts both hand-off orders', () => {
    const v = explore({ program: prog(src), mode: 'timed', at: 0 });
    expect(v.executions).toBe(2);
    expect(v.verdict).toBe('Never');
  });
});

describe('SRCU', () => {
  const src = mini({
    resources: [heap],
    srcu: [{ id: 'S', label: 'S' }],
    flags: [{ id: 'gone', label: 'H->gone', initial: false }],
    tasks: [
      task('R1', 0, [fn('r1', F,
        { op: 'srcu_read_lock', srcu: 'S', what: 'lock' },
        check('gone', true, 'label:out', 'if (gone) goto out'),
        cpu(100, 'read'), use('obj', 'use'), label('out'),
        { op: 'srcu_read_unlock', srcu: 'S', what: 'unlock' })]),
      task('W', 10, [fn('w', F, set('gone', true, 'gone = true'), { op: 'synchronize_srcu', srcu: 'S', what: 'sync' }, free('obj', 'kfree'))], 'unbind'),
      task('R2', 20, [fn('r2', F, { op: 'srcu_read_lock', srcu: 'S', what: 'lock' }, cpu(1000, 'long'), { op: 'srcu_read_unlock', srcu: 'S', what: 'unlock' })]),
    ],
  });

  it('synchronize_srcu waits for readers that entered before it, not for later ones', () => {
    const tr = runMini(src);
    const end = tr.events.find((e) => e.type === 'srcu.sync.end')!;
    const r1out = tr.events.find((e) => e.type === 'srcu.unlock' && e.task === 0)!;
    const r2out = tr.events.find((e) => e.type === 'srcu.unlock' && e.task === 2)!;
    expect(end.t).toBeGreaterThanOrEqual(r1out.t);
    expect(end.t).toBeLessThan(r2out.t);
    expect(tr.fault).toBeNull();
  });

  it('no interleaving lets the free overtake a reader inside (any mode)', () => {
    expect(explore({ program: prog(src), mode: 'any', at: 0 }).verdict).toBe('Never');
  });

  it('without the gone check, a reader entering after the grace period uses freed memory', () => {
    const noCheck = { ...src, flags: [], tasks: src.tasks.map((t) => t.id === 'R1'
      ? task('R1', 0, [fn('r1', F, { op: 'srcu_read_lock', srcu: 'S', what: 'lock' }, use('obj', 'use'), { op: 'srcu_read_unlock', srcu: 'S', what: 'unlock' })])
      : t.id === 'W' ? task('W', 10, [fn('w', F, { op: 'synchronize_srcu', srcu: 'S', what: 'sync' }, free('obj', 'kfree'))], 'unbind') : t) };
    expect(explore({ program: prog(noCheck), mode: 'any', at: 0 }).verdict).toBe('Sometimes');
  });
});

describe('faults', () => {
  const mmio: ResourceDef[] = [
    { id: 'hw', label: 'block enable', kind: 'hw', owner: 't', file: F },
    { id: 'clk', label: 'clock', kind: 'clock', owner: 't', file: F },
    { id: 'pd', label: 'power domain', kind: 'power', owner: 't', file: F },
    { id: 'win', label: 'window', kind: 'mmio', owner: 't', file: F, dependsOn: ['hw', 'clk', 'pd'] },
    { id: 'chip', label: 'chip', kind: 'device', owner: 't', file: F, dependsOn: ['pd'] },
    heap,
  ];
  const killThenUse = (kill: ReturnType<typeof free>, res: string, kind: 'reader' | 'irq' = 'reader') => mini({
    resources: mmio,
    locks: [{ id: 'L', label: 'obj->lock', in: 'obj' }],
    tasks: [task('K', 0, [fn('killer', F, kill)], 'unbind'), task('U', 5, [fn('user', F, use(res, 'access'))], kind)],
  });

  it.each([
    ['use-after-free', free('obj', 'kfree(obj)'), 'obj', 'BUG: KASAN: slab-use-after-free in user', /={66}$/],
    ['mmio-disabled', state('hw', 'disabled', 'disable'), 'win', 'Internal error: synchronous external abort: <esr> [#1] PREEMPT SMP', /---\[ end trace 0000000000000000 \]---$/],
    ['mmio-unclocked', state('clk', 'gated', 'clk_disable'), 'win', 'Internal error: synchronous external abort: <esr> [#1] PREEMPT SMP', /end trace/],
    ['mmio-powered-off', state('pd', 'off', 'detach'), 'win', 'Internal error: synchronous external abort: <esr> [#1] PREEMPT SMP', /end trace/],
    ['mmio-unmapped', state('win', 'unmapped', 'iounmap'), 'win', 'Unable to handle kernel paging request at virtual address <addr in window>', /end trace/],
  ] as const)('%s: a kernel report, every build-dependent number written <...>', (kind, kill, res, header, end) => {
    const tr = runMini(killThenUse(kill, res));
    expect(tr.fault?.kind).toBe(kind);
    expect(tr.report?.kind).toBe('kernel');
    expect(tr.report?.text).toContain(header);
    expect(tr.report?.text).toContain('Comm: U');
    expect(tr.report?.text).toMatch(end);
    // No made-up number: every hex value in the report is one the kernel prints for every build.
    expect(tr.report?.text.match(/0x[0-9a-f]+|\b[0-9a-f]{16}\b/g) ?? []).toEqual(kind === 'use-after-free' ? [] : ['0000000000000000']);
    expect(tr.report?.notes.join(' ')).toContain('<...> marks what depends on the build');
    expect(tr.events[tr.fault!.causeEvent]?.type).toMatch(/res\.(free|state)/);
  });

  it('a use after free prints the KASAN report, with the freeing stack from the trace and a note on kernels without KASAN', () => {
    const tr = runMini(killThenUse(free('obj', 'kfree(obj)'), 'obj'));
    const text = tr.report!.text;
    // The fixture's tasks all ask for pid 100; the reader, a second task, takes the next free one.
    expect(text).toContain('Read of size <size> at addr <addr in struct obj> by task U/101');
    expect(text).toMatch(/Freed by task 100:\n kasan_save_track\n kasan_save_free_info\n __kasan_slab_free\n kfree\n killer\n/);
    expect(text).toContain('Allocated by task <pid>:');
    expect(tr.report!.notes.join(' ')).toMatch(/Without KASAN nothing is printed here: a kfree'd slab object stays mapped/);
  });

  it.each([['reader', 'powered-off-access'], ['irq', 'irq-powered-off']] as const)(
    'a %s touching a powered-off device: a racelanes observation, never a kernel block', (who, kind) => {
      const tr = runMini(killThenUse(state('pd', 'off', 'detach'), 'chip', who));
      expect(tr.fault?.kind).toBe(kind);
      expect(tr.report?.kind).toBe('observation');
      const pid = tr.program.tasks[tr.fault!.task]!.pid;
      expect(tr.report?.text).toBe(`racelanes observation: U (pid ${pid}) in user() reaches chip after power domain was powered off.`);
      expect(tr.report?.text).not.toMatch(/WARNING|Internal error|Call trace/);
      expect(tr.report?.notes[0]).toMatch(/^The kernel prints nothing for this/);
    });

  it('lock-in-freed-memory and double-free', () => {
    const lockFreed = mini({
      resources: [heap], locks: [{ id: 'L', label: 'obj->lock', in: 'obj' }],
      tasks: [task('K', 0, [fn('k', F, free('obj', 'kfree'))], 'unbind'), task('U', 5, [fn('u', F, lock('L', 'mutex_lock(&obj->lock)'))])],
    });
    expect(runMini(lockFreed).fault?.kind).toBe('lock-in-freed-memory');
    const twice = mini({ resources: [heap], tasks: [task('K', 0, [fn('k', F, free('obj', 'kfree'), free('obj', 'kfree again'))], 'unbind')] });
    expect(runMini(twice).fault?.kind).toBe('double-free');
  });

  it('a state change written into freed memory is a use after free (a KASAN write)', () => {
    const src = mini({
      resources: [heap],
      tasks: [
        task('K', 'at', [fn('killer', F, free('obj', 'kfree(obj)'))], 'unbind'),
        task('W', 5, [fn('worker', F, state('obj', 'off', 'obj->power = OFF'))], 'worker'),
      ],
    });
    const tr = runMini(src, { at: 0 });
    expect(tr.fault?.kind).toBe('use-after-free');
    expect(tr.fault?.task).toBe(1);
    expect(tr.fault?.what).toBe('obj->power = OFF');
    expect(tr.fault?.state).toBe('freed');
    expect(tr.fault?.write).toBe(true);
    expect(tr.report?.text).toContain('Write of size <size> at addr <addr in struct obj> by task');
    // Before the free the same step is an ordinary state change: no fault (and the free after it is not a second one).
    expect(runMini(src, { at: 10 }).fault).toBeNull();
    // In any timing, one order of the two faults and the other does not.
    expect(explore({ program: prog(src), mode: 'any', at: 0 }).verdict).toBe('Sometimes');
  });

  it('a free during an I/O faults the I/O task at the moment of the free', () => {
    const src = mini({
      resources: [heap],
      tasks: [task('R', 0, [fn('r', F, io(['obj'], 1000, 'ioread32_rep'))]), task('K', 300, [fn('k', F, free('obj', 'kfree'))], 'unbind')],
    });
    const tr = runMini(src);
    expect(tr.fault?.kind).toBe('use-after-free');
    expect(tr.fault?.task).toBe(0);
    expect(tr.fault?.t).toBe(300);
    expect(tr.events[tr.events.length - 1]!.type).toBe('fault');
  });

  it('reading a flag that lives in freed memory is a use after free', () => {
    const src = mini({
      resources: [heap], flags: [{ id: 'gone', label: 'obj->gone', initial: false, in: 'obj' }],
      tasks: [task('K', 0, [fn('k', F, free('obj', 'kfree'))], 'unbind'), task('U', 5, [fn('u', F, check('gone', true, 'task', 'if (obj->gone)'))])],
    });
    expect(runMini(src).fault?.kind).toBe('use-after-free');
  });
});

describe('time and flags', () => {
  it('msleep and I/O occupy virtual time; a set flag sends a checker down its error path', () => {
    const src = mini({
      flags: [{ id: 'stop', label: 'stop', initial: false }],
      tasks: [
        task('W', 0, [fn('w', F, sleep(500, 'msleep'), set('stop', true, 'stop = true'))], 'unbind'),
        task('R', 0, [fn('r', F, cpu(600, 'work'), check('stop', true, 'label:out', 'if (stop) goto out'), use([], 'not reached'), label('out'))]),
      ],
    });
    const tr = runMini(src);
    const chk = tr.events.find((e) => e.type === 'flag.check')!;
    expect(chk.t).toBe(600);
    expect(chk.value).toBe(true);
    expect(tr.events.some((e) => e.what === 'not reached')).toBe(false);
    expect(tr.events.find((e) => e.type === 'sleep.end')!.t).toBe(500);
  });
});

describe('move lists', () => {
  it('lists a mask\'s tasks in ascending order with `last` at the end, one shared list per mask', () => {
    const a: ResourceDef = { id: 'a', label: 'a', kind: 'heap', owner: 'test', file: 'drivers/test.c' };
    const m = new Machine(prog(mini({ resources: [a], tasks: [task('R', 0, [fn('reader', 'drivers/test.c', use('a', 'use a'))]), task('U', 'at', [fn('unbind', 'drivers/test.c', free('a', 'kfree(a)'))], 'unbind')] })), 'timed');
    expect(m.listOf(0b1011, -1)).toEqual([0, 1, 3]);
    expect(m.listOf(0b1011, 1)).toEqual([0, 3, 1]);
    expect(m.listOf(0b1001, 1)).toEqual([0, 3]);
    expect(m.listOf(0, -1)).toEqual([]);
    expect(m.listOf(0b1011, 1)).toBe(m.listOf(0b1011, 1));
    // The unbind's open start (timed, at unset) comes last among the moves; candidates() is a copy the caller may keep.
    const w = m.initial(null);
    expect(m.moves(w)).toEqual([0, 1]);
    expect(m.candidates(w)).toEqual([0]);
    expect(m.candidates(w)).not.toBe(m.candidates(w));
  });
});

describe('resources down', () => {
  // anyDown, and the short cuts of touchesDead and access, read one word that move() keeps: it must be the
  // number of resources out of `alive` in every world, through frees, state changes and revives.
  it('the count move() keeps is the number of resources not alive, in every world a walk reaches', () => {
    let down = 0, revived = 0;
    fc.assert(fc.property(miniArb(2, [0, 2]), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.constantFrom('any', 'timed' as const), ({ program }, walk, mode) => {
      const m = new Machine(program, mode);
      let last = 0;
      randomWalk(m, walk, (w) => {
        let n = 0;
        for (let r = 0; r < program.resources.length; r++) if (w.a[m.oRes + r] !== 0) n++;
        expect(w.a[m.oDown]).toBe(n);
        expect(m.anyDown(w)).toBe(n > 0);
        if (n > 0) down++;
        if (n < last) revived++;
        last = n;
      }, mode === 'timed');
    }), { numRuns: 400, seed: 6002 });
    // The walks kill resources, and bring one back.
    expect(down).toBeGreaterThan(0);
    expect(revived).toBeGreaterThan(0);
  });
});

describe('latency slack', () => {
  // The state key leaves a task's slack out unless the question has a latency window (symmetry.ts slackKeyed):
  // that is only exact if, without one, no reachable world ever has slack.
  it('is 0 in every world a timed walk reaches without a latency window, and not always with one', () => {
    let slackWith = 0;
    fc.assert(fc.property(miniArb(2, [0, 2]), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), ({ program }, walk) => {
      const m = new Machine(program, 'timed');
      randomWalk(m, walk, (w) => {
        for (let i = 0; i < m.nTasks; i++) {
          const slack = w.a[m.oSlack + i]!;
          if (m.lat === 0) expect(slack).toBe(0);
          else if (slack > 0) slackWith++;
        }
      }, true);
    }), { numRuns: 400, seed: 6001 });
    // With a window some walk met slack: the walks reach wakes at all.
    expect(slackWith).toBeGreaterThan(0);
  });
});
