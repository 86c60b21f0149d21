import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, simulate } from '../sim/index.ts';
import { mergeChains } from './chains.ts';
import { ENTRY_FRAMES, isPlumbing, layoutResources, layoutTask, sliceLabel, sliceLabels } from './layout.ts';
import { layoutFault, layoutFlags, layoutLocks, layoutSrcu } from './layoutShared.ts';
import { boxId, buildScene, byDeath, faultRows, taskPointY } from './scene.ts';
import { capStack } from './stackCap.ts';

const trace = simulate(DEFAULT_VIEW);
const srcu = simulate({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] });
const notifier = simulate({ ...DEFAULT_VIEW, fixes: ['notifier-sleep'], mode: 'timed' });

describe('task lanes', () => {
  const reader = layoutTask(trace, 0);

  it('nests function slices by call depth, the syscall and VFS plumbing folded into a labelled syscall row', () => {
    expect(reader.name).toBe('cat (reader)');
    expect(reader.slices.some((s) => ENTRY_FRAMES.has(s.fn) || isPlumbing(s))).toBe(false);
    expect(new Set(reader.entry.map((e) => e.label))).toEqual(new Set(['openat(2)', 'read(2)']));
    const read = reader.entry.find((e) => e.label === 'read(2)')!;
    expect(read.frames).toEqual(['el0t_64_sync', 'el0t_64_sync_handler', 'el0_svc', 'do_el0_svc', 'el0_svc_common.constprop.0', 'invoke_syscall', '__arm64_sys_read', 'ksys_read', 'vfs_read']);
    expect(reader.slices.find((s) => s.fn === 'mtdchar_read')!.depth).toBe(0);
    const leaf = reader.slices.find((s) => s.fn === 'cqspi_indirect_read_execute')!;
    expect(leaf.depth).toBeGreaterThan(10);
    // Children sit inside their parents, one row deeper.
    for (const s of reader.slices) {
      if (s.depth === 0) continue;
      expect(reader.slices.some((p) => p.depth === s.depth - 1 && p.s0 <= s.s0 && s.s1 <= p.s1)).toBe(true);
    }
  });

  it('cuts the in-flight I/O short at the fault, in steps and in time', () => {
    const io = reader.states.find((s) => s.kind === 'io')!;
    const f = trace.events.length - 1;
    expect(io.s1).toBe(f + 1);
    expect(io.t1).toBe(trace.fault!.t);
    expect(io.t0).toBeLessThan(io.t1);
  });

  it('draws a lock wait as the gap between the task asking and getting the lock', () => {
    const unbind = layoutTask(notifier, 1);
    const wait = unbind.states.find((s) => s.kind === 'lock-wait')!;
    expect(wait.label).toBe('waits for nor->lock');
    expect(wait.t1 - wait.t0).toBeGreaterThan(1000);
    expect(wait.s0).toBeLessThan(wait.s1);
    expect(unbind.states.some((s) => s.kind === 'sleep' && s.t1 - s.t0 === 300_000)).toBe(true);
  });

  it('merges pass-through calls into one row, so the remover\'s own path is labelled within the cap', () => {
    const merged = mergeChains(layoutTask(trace, 1));
    const root = merged.slices.find((s) => s.depth === 0)!;
    // drv_attr_store is sysfs's hand-off, folded into the write(2) row: the lane starts at unbind_store.
    expect(root.chain).toEqual(['unbind_store', 'device_driver_detach', 'device_release_driver_internal', '__device_release_driver']);
    expect(sliceLabels(root)).toEqual([
      'unbind_store › device_driver_detach › device_release_driver_internal › __device_release_driver',
      'unbind_store › … › __device_release_driver', 'unbind_store › …', '… › __device_release_driver', '__device_release_driver',
    ]);
    expect(sliceLabel(root)).toBe(root.chain.join(' › '));
    const capped = capStack(merged, 9);
    expect(capped.rows).toBe(9);
    expect(Math.max(...capped.slices.map((s) => s.depth))).toBe(8);
    // cqspi_remove, spi_unregister_controller, device_del, the notifier and devres_release_all each head a row of their own.
    const rowOf = (fn: string) => capped.slices.find((s) => s.chain.includes(fn) && !('leaf' in s && s.leaf));
    for (const fn of ['cqspi_remove', 'spi_unregister_controller', 'device_del', 'blocking_notifier_call_chain', 'devres_release_all']) {
      expect(rowOf(fn), fn).toBeDefined();
      expect(rowOf(fn)!.depth, fn).toBeLessThan(8);
    }
    // Nothing with something of its own to show is merged away.
    for (const s of merged.slices) if (s.chain.length > 1) expect(s.chain.slice(0, -1).every((fn) => fn !== 'cqspi_remove')).toBe(true);
    expect(capStack(reader, null)).toBe(reader);
  });
});

describe('resource lifetimes', () => {
  const res = layoutResources(trace);
  const byLabel = (l: string) => res.find((r) => r.label === l)!;

  it('starts alive and follows every free and state change', () => {
    const nor = byLabel('struct spi_nor');
    expect(nor.segments[0]!.state).toBe('alive');
    expect(nor.segments.at(-1)!.state).toBe('freed');
    expect(byLabel('QSPI controller (enable bit)').segments.at(-1)!.state).toBe('disabled');
    const srcuStates = new Set(layoutResources(srcu).flatMap((r) => r.segments.map((s) => s.state)));
    expect([...srcuStates].sort()).toEqual(['alive', 'disabled', 'freed', 'gated', 'null', 'unmapped']);
  });

  it('marks accesses, and the faulting one as bad', () => {
    const ahb = byLabel('ahb_base (data window)');
    expect(ahb.accesses.length).toBeGreaterThan(0);
    expect(ahb.accesses.filter((a) => a.bad)).toHaveLength(1);
    expect(byLabel('struct spi_nor').accesses.some((a) => a.task === 1)).toBe(true);
  });

  it('orders lanes by when they die', () => {
    const order = byDeath(res).map((r) => r.label);
    expect(order.indexOf('struct spi_nor')).toBeLessThan(order.indexOf('QSPI controller (enable bit)'));
    expect(order.at(-1)).toBe('ff8d2000.spi dev->driver');
  });
});

describe('shared lanes', () => {
  it('shows lock owners and waiters', () => {
    const locks = layoutLocks(notifier);
    const nor = locks.find((l) => l.label === 'nor->lock')!;
    expect(nor.holds.some((h) => !h.waiting && h.task === 0)).toBe(true);
    expect(nor.holds.some((h) => h.waiting && h.task === 1)).toBe(true);
  });

  it('shows flags true as intervals, with sets and checks', () => {
    const flags = layoutFlags(srcu);
    const gone = flags.find((f) => f.label === 'H->backend == NULL')!;
    expect(gone.on).toHaveLength(1);
    expect(gone.marks.some((m) => m.kind === 'check' && m.hit)).toBe(true);
  });

  it('shows SRCU readers and the grace period', () => {
    const [d] = layoutSrcu(srcu);
    expect(d!.readers.length).toBeGreaterThan(1);
    expect(d!.grace).toHaveLength(1);
    const g = d!.grace[0]!;
    // The grace period waits for the reader that entered before it.
    expect(d!.readers.some((r) => r.t0 < g.t0 && r.t1 >= g.t1 - 1)).toBe(true);
  });

  it('links the fault to the event that killed the resource', () => {
    const f = layoutFault(trace)!;
    expect(f.seq).toBe(trace.events.length - 1);
    expect(f.cause!.seq).toBe(trace.fault!.causeEvent);
    expect(f.cause!.task).toBe(1);
    expect(layoutFault(srcu)).toBeNull();
  });
});

describe('scene', () => {
  it('stacks lanes without overlap and places the fault on its lanes', () => {
    const scene = buildScene(trace, 9);
    for (let i = 1; i < scene.boxes.length; i++) {
      expect(scene.boxes[i]!.y).toBeCloseTo(scene.boxes[i - 1]!.y + scene.boxes[i - 1]!.h);
    }
    expect(scene.boxOf.get(boxId('task', 0))!.hot).toBe(true);
    const fr = faultRows(scene, 'x', 'y')!;
    const readerBox = scene.boxOf.get(boxId('task', 0))!;
    expect(fr.faultY).toBeGreaterThan(readerBox.y);
    expect(fr.faultY).toBeLessThan(readerBox.y + readerBox.h);
    expect(fr.resYs).toHaveLength(2);
    expect(taskPointY(scene, 1, 0)).toBeGreaterThan(0);
    expect(buildScene(trace, null).height).toBeGreaterThan(scene.height);
  });
});
