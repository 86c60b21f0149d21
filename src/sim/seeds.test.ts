/**
 * The two Oopses of seed 000, line for line, at the seed's sites on the
 * seed's kernel; what every kernel does on the default runs; and the unbind
 * orders of each kernel. The expected reports are copied from the seed mail
 * (Liwei Song, [PATCH v2], quoted in Pratyush Yadav's reply).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, KERNEL_IDS, SCENARIO_IDS, scenarioDef, kernelDef, buildSource, resolveParams, simulate, counterexampleView, questionOf, type ViewState } from './index.ts';
import { verdictOf } from './verdictRun.ts';

const SEED_CRASH_1 = `Internal error: synchronous external abort: 0000000096000210 [#1] PREEMPT SMP
Modules linked in:
CPU: 3 UID: 0 PID: 466 Comm: cat Not tainted 6.14.0-rc7-yocto-standard+ #1
Hardware name: SoCFPGA Stratix 10 SoCDK (DT)
pc : cqspi_indirect_read_execute.isra.0+0x188/0x330
lr : cqspi_indirect_read_execute.isra.0+0x21c/0x330
Call trace:
 cqspi_indirect_read_execute.isra.0+0x188/0x330 (P)
 cqspi_exec_mem_op+0x8bc/0xe40
 spi_mem_exec_op+0x3e0/0x478
 spi_mem_no_dirmap_read+0xa8/0xc8
 spi_mem_dirmap_read+0xdc/0x150
 spi_nor_read_data+0x120/0x198
 spi_nor_read+0xf0/0x280
 mtd_read_oob_std+0x80/0x98
 mtd_read_oob+0x9c/0x168
 mtd_read+0x6c/0xd8
 mtdchar_read+0xdc/0x288
 vfs_read+0xc8/0x2f8
 ksys_read+0x70/0x110
 __arm64_sys_read+0x24/0x38
 invoke_syscall+0x5c/0x130
 el0_svc_common.constprop.0+0x48/0xf8
 do_el0_svc+0x28/0x40
 el0_svc+0x30/0xd0
 el0t_64_sync_handler+0x144/0x168
 el0t_64_sync+0x198/0x1a0
Code: 927e7442 aa1a03e0 8b020342 d503201f (b9400321)
---[ end trace 0000000000000000 ]---`;

const SEED_CRASH_2 = `Unable to handle kernel paging request at virtual address 00000000000012e8
Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP
Modules linked in:
CPU: 2 UID: 0 PID: 459 Comm: cat Not tainted 6.14.0-rc7-yocto-standard+ #1
Hardware name: SoCFPGA Stratix 10 SoCDK (DT)
pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)
pc : spi_mem_exec_op+0x3e8/0x478
lr : spi_mem_exec_op+0x3e0/0x478
Call trace:
 spi_mem_exec_op+0x3e8/0x478 (P)
 spi_mem_no_dirmap_read+0xa8/0xc8
 spi_mem_dirmap_read+0xdc/0x150
 spi_nor_read_data+0x120/0x198
 spi_nor_read+0xf0/0x280
 mtd_read_oob_std+0x80/0x98
 mtd_read_oob+0x9c/0x168
 mtd_read+0x6c/0xd8
 mtdchar_read+0xdc/0x288
 vfs_read+0xc8/0x2f8
 ksys_read+0x70/0x110
 __arm64_sys_read+0x24/0x38
 invoke_syscall+0x5c/0x130
 el0_svc_common.constprop.0+0x48/0xf8
 do_el0_svc+0x28/0x40
 el0_svc+0x30/0xd0
 el0t_64_sync_handler+0x144/0x168
 el0t_64_sync+0x198/0x1a0
Code: f9400842 d63f0040 2a0003f4 f94002a1 (f9417437)
---[ end trace 0000000000000000 ]---`;

const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...v });

describe('seed 000 Oopses, line for line', () => {
  it('qspi-unbind default run: crash #1 as the seed prints it (CPU 3, PID 466, no pstate line)', () => {
    const tr = simulate(view({ scenario: 'qspi-unbind' }));
    expect(tr.fault?.kind).toBe('mmio-disabled');
    expect(tr.report?.kind).toBe('kernel');
    expect(tr.report?.text).toBe(SEED_CRASH_1);
    expect(tr.report?.notes).toEqual([]);
    // The cause: cqspi_remove() disabled the controller while the FIFO drain ran.
    expect(tr.events[tr.fault!.causeEvent]!.what).toContain('CQSPI_REG_CONFIG_ENABLE_MASK');
  });

  it('flash-unbind default run: crash #2 as the seed prints it (CPU 2, PID 459, with pstate)', () => {
    const tr = simulate(view({ scenario: 'flash-unbind' }));
    expect(tr.fault?.kind).toBe('use-after-free');
    expect(tr.report?.text).toBe(SEED_CRASH_2);
    // struct spi_mem was freed by devres on spi0.0 (release_nodes' kfree) while the op was in flight.
    const cause = tr.events[tr.fault!.causeEvent]!;
    expect(cause.type).toBe('res.free');
    expect(tr.program.resources[cause.res[0]!]!.label).toBe('struct spi_mem');
    expect(tr.program.tasks[cause.task]!.steps[cause.pc]!.stack.at(-1)!.fn).toBe('release_nodes');
  });

  it('the shell has its own CPU and pid, apart from the seed\'s cat', () => {
    for (const scenario of ['qspi-unbind', 'flash-unbind']) {
      const tr = simulate(view({ scenario }));
      const [cat, sh] = [tr.program.tasks[0]!, tr.program.tasks[tr.program.unbindTask]!];
      expect(sh.comm).toBe('sh');
      expect(sh.cpu).not.toBe(cat.cpu);
      expect(sh.pid).not.toBe(cat.pid);
    }
  });

  it('the seed\'s numbers appear only at the seed\'s sites on the seed\'s kernel', () => {
    for (const kernel of KERNEL_IDS.filter((k) => k !== '6.14-rc7')) {
      for (const scenario of ['qspi-unbind', 'flash-unbind']) {
        const text = simulate(view({ scenario, kernel })).report?.text ?? '';
        expect(text, `${scenario} on ${kernel}`).not.toMatch(/0x3e8|0x188|927e7442|f9400842|0000000096000210/);
      }
    }
  });

  it.each(SCENARIO_IDS)('%s: the default run ends in the fault the scenario expects', (id) => {
    const tr = simulate(view({ scenario: id }));
    const expectText = scenarioDef(id).source(kernelDef('6.14-rc7'), resolveParams(id, {})).expect;
    expect(tr.report?.text).toContain(expectText);
    expect(tr.diverged).toBeNull();
  });
});

describe('the unbind paths follow each kernel\'s order', () => {
  const entered = (scenario: string, kernel: string) => {
    const tr = simulate(view({ scenario, kernel, params: { at: 100_000_000 } }));
    const u = tr.program.unbindTask;
    return { tr, seen: tr.events.filter((e) => e.task === u && e.type === 'fn.enter').map((e) => tr.program.tasks[u]!.steps[e.pc]!.stack.at(-1)!.fn) };
  };
  const inOrder = (seen: string[], names: string[]) => {
    const idx = names.map((n) => seen.indexOf(n));
    expect(idx.every((i) => i >= 0), `${names.join(' ')} in ${seen.join(' ')}`).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  };

  it('flash unbind on 6.14-rc7: UNBIND_DRIVER notify, spi_nor_remove, del_mtd_partitions, dev_pm_domain_detach, devres_release_all', () => {
    inOrder(entered('flash-unbind', '6.14-rc7').seen, ['bus_notify', 'spi_nor_remove', 'del_mtd_partitions', 'dev_pm_domain_detach', 'devres_release_all']);
  });

  it('flash unbind on mainline: dev_pm_domain_detach moved into device_unbind_cleanup, after devres_release_all', () => {
    inOrder(entered('flash-unbind', 'mainline').seen, ['spi_nor_remove', 'devres_release_all', 'dev_pm_domain_detach']);
  });

  it('controller unbind on 6.14-rc7: the flash torn down inside spi_unregister_controller, then the controller disabled and its devres released', () => {
    const { tr, seen } = entered('qspi-unbind', '6.14-rc7');
    inOrder(seen, ['cqspi_remove', 'spi_unregister_controller', 'device_del', 'spi_nor_remove', 'cqspi_controller_enable', 'devm_ioremap_release']);
    expect(seen).not.toContain('spi_destroy_queue');
    expect(seen).not.toContain('cqspi_wait_idle');
    const killed = tr.events.filter((e) => e.type === 'res.free' || e.type === 'res.state').map((e) => tr.program.resources[e.res[0]!]!.id);
    // No opener holds mtd0 at 100 s: the partitions and spi0.0 go inside spi_unregister_controller;
    // the controller memory last, with the platform device's devres.
    expect(killed).toEqual(['part', 'rdesc', 'bouncebuf', 'spi_nor', 'spi_mem', 'spi_device', 'qspi_hw', 'qspi_clk', 'qspi_irq', 'ahb_base', 'iobase', 'ctlr', 'pdev_driver']);
  });

  it('controller unbind on 6.12.117: refcount dropped and IDLE waited for before spi_unregister_controller', () => {
    inOrder(entered('qspi-unbind', '6.12.117').seen, ['cqspi_remove', 'cqspi_wait_idle', 'spi_unregister_controller', 'cqspi_controller_enable']);
  });

  it('controller unbind on mainline: spi_unregister_controller first (964ee9793760), then the refcount and the wait', () => {
    inOrder(entered('qspi-unbind', 'mainline').seen, ['cqspi_remove', 'spi_unregister_controller', 'cqspi_wait_idle', 'cqspi_controller_enable']);
  });

  it('6.14-rc7 gates the clock with clk_disable_unprepare; 6.12.117 with clk_disable; mainline its clk_bulk array', () => {
    const what = (kernel: string) => simulate(view({ scenario: 'qspi-unbind', kernel, params: { at: 100_000_000 } })).events
      .filter((e) => e.type === 'res.state' && e.to === 'gated').map((e) => e.what);
    expect(what('6.14-rc7')).toEqual(['clk_disable_unprepare(cqspi->clk);']);
    expect(what('6.12.117')).toEqual(['clk_disable(cqspi->clk); }']);
    expect(what('mainline')).toEqual(['clk_bulk_disable_unprepare(CLK_QSPI_NUM, cqspi->clks); }']);
  });

  it('the driver pointer is cleared with dev->driver = NULL on 6.14-rc7, device_set_driver() on the others', () => {
    const line = (kernel: string) => simulate(view({ scenario: 'qspi-unbind', kernel, params: { at: 100_000_000 } })).events
      .find((e) => e.type === 'res.state' && e.to === 'null')?.what;
    expect(line('6.14-rc7')).toBe('dev->driver = NULL; dev_set_drvdata(dev, NULL);');
    expect(line('6.12.117')).toBe('device_set_driver(dev, NULL); dev_set_drvdata(dev, NULL);');
    expect(line('mainline')).toBe('device_set_driver(dev, NULL); dev_set_drvdata(dev, NULL);');
  });

  it('mainline detaches spi1.0 from its PM domain once, after devres; older kernels in spi_remove()', () => {
    const detaches = (kernel: string) => {
      const t = simulate(view({ scenario: 'devres-order', kernel, params: { at: 100_000_000 } }));
      return t.events.filter((e) => e.type === 'fn.enter' && t.program.tasks[e.task]!.steps[e.pc]!.stack.at(-1)?.fn === 'dev_pm_domain_detach')
        .map((e) => t.program.tasks[e.task]!.steps[e.pc]!.stack.map((f) => f.fn));
    };
    const main = detaches('mainline');
    expect(main).toHaveLength(1);
    expect(main[0]).toContain('device_unbind_cleanup');
    for (const k of ['6.14-rc7', '6.12.117']) {
      expect(detaches(k)).toHaveLength(1);
      expect(detaches(k)[0]).toContain('spi_remove');
      expect(detaches(k)[0]).not.toContain('device_unbind_cleanup');
    }
  });

  it('every kernel builds every scenario', () => {
    for (const s of SCENARIO_IDS) for (const k of KERNEL_IDS) expect(buildSource(s, k, [], resolveParams(s, {})).tasks.length).toBeGreaterThan(1);
  });
});

describe('6.12.117: the cadence-quadspi refcounts as the stable tree has them', () => {
  const run = (at: number) => simulate(view({ scenario: 'qspi-unbind', kernel: '6.12.117', mode: 'timed', params: { at } }));
  const inExecOp = (t: ReturnType<typeof run>, type: string) => t.events.filter((e) =>
    e.type === type && t.program.tasks[e.task]!.steps[e.pc]!.stack.at(-1)?.fn === 'cqspi_exec_mem_op');

  it('an op that arrives after cqspi_remove() dropped inflight_ops to 0 gets -ENODEV from the first check', () => {
    const hits = [0, 1, 2, 3, 4, 5].map(run).flatMap((t) => inExecOp(t, 'flag.check').filter((e) => e.value));
    expect(hits.map((e) => e.what)).toContain('if (refcount_read(&cqspi->inflight_ops) == 0) return -ENODEV;');
  });

  it('the op in flight never drops the last reference (if (refcount_read(&inflight_ops) > 1) refcount_dec)', () => {
    const t = simulate(view({ scenario: 'qspi-unbind', kernel: '6.12.117', mode: 'timed' }));
    const puts = inExecOp(t, 'ref.put');
    expect(puts.length).toBeGreaterThan(0);
    for (const p of puts) expect(p.count).toBeGreaterThanOrEqual(1);
  });

  it('refcount_inc() on an inflight_ops cqspi_remove() just dropped to 0 warns as lib/refcount.c does', () => {
    // The shortest faulting execution of the timed question: a tie at the unbind's start.
    const q = view({ scenario: 'qspi-unbind', kernel: '6.12.117', mode: 'timed' });
    const t = simulate(counterexampleView(q, questionOf(q), verdictOf(q).counterexample!));
    expect(t.fault?.kind).toBe('ref-add-on-zero');
    expect(t.fault?.what).toBe('refcount_inc(&cqspi->inflight_ops);');
    const lines = t.report!.text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '------------[ cut here ]------------',
      'refcount_t: addition on 0; use-after-free.',
      'WARNING: CPU: 3 PID: 466 at lib/refcount.c:25 refcount_warn_saturate+<off>',
    ]);
    expect(lines).toContain(' cqspi_exec_mem_op+<off>');
    expect(t.report!.kind).toBe('kernel');
  });
});
