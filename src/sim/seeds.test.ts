/**
 * The two Oopses of seed 000, frame by frame, and the default run of every
 * built-in scenario. The expected call traces are copied from the seed mail.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, SCENARIOS, SCENARIO_IDS, simulate } from './index.ts';

const SEED_CRASH_1 = `
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
 el0t_64_sync+0x198/0x1a0`;

const SEED_CRASH_2 = `
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
 el0t_64_sync+0x198/0x1a0`;

function callTrace(oops: string): string[] {
  const lines = oops.split('\n');
  const from = lines.indexOf('Call trace:') + 1;
  const to = lines.findIndex((l, i) => i >= from && !l.startsWith(' '));
  return lines.slice(from, to);
}

describe('seed 000 Oopses', () => {
  it('qspi-unbind default run: synchronous external abort in cqspi_indirect_read_execute, frame by frame', () => {
    const tr = simulate({ ...DEFAULT_VIEW, scenario: 'qspi-unbind' });
    expect(tr.fault?.kind).toBe('mmio-disabled');
    const oops = tr.oops!;
    expect(oops.split('\n')[0]).toBe('Internal error: synchronous external abort: 0000000096000210 [#1] PREEMPT SMP');
    expect(oops).toContain('Comm: cat');
    expect(oops).toContain('pc : cqspi_indirect_read_execute.isra.0+0x188/0x330');
    expect(oops).toContain('lr : cqspi_indirect_read_execute.isra.0+0x21c/0x330');
    expect(oops).toContain('Code: 927e7442 aa1a03e0 8b020342 d503201f (b9400321)');
    expect(callTrace(oops)).toEqual(SEED_CRASH_1.trim().split('\n').map((l) => ` ${l.trim()}`));
    expect(oops.endsWith('---[ end trace 0000000000000000 ]---')).toBe(true);
    // The cause: cqspi_remove() disabled the controller while the FIFO drain ran.
    const cause = tr.events[tr.fault!.causeEvent]!;
    expect(cause.what).toContain('CQSPI_REG_CONFIG_ENABLE_MASK');
  });

  it('flash-unbind default run: paging request at 0x12e8 in spi_mem_exec_op, frame by frame', () => {
    const tr = simulate({ ...DEFAULT_VIEW, scenario: 'flash-unbind' });
    expect(tr.fault?.kind).toBe('use-after-free');
    const oops = tr.oops!;
    expect(oops.split('\n').slice(0, 2)).toEqual([
      'Unable to handle kernel paging request at virtual address 00000000000012e8',
      'Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP',
    ]);
    expect(oops).toContain('pc : spi_mem_exec_op+0x3e8/0x478');
    expect(oops).toContain('Code: f9400842 d63f0040 2a0003f4 f94002a1 (f9417437)');
    expect(callTrace(oops)).toEqual(SEED_CRASH_2.trim().split('\n').map((l) => ` ${l.trim()}`));
    // struct spi_mem was freed by devres on spi0.0 while the op was in flight.
    const cause = tr.events[tr.fault!.causeEvent]!;
    expect(cause.type).toBe('res.free');
    expect(tr.program.resources[cause.res[0]!]!.label).toBe('struct spi_mem');
  });

  it.each(SCENARIO_IDS)('%s: the default run ends in the fault the scenario expects', (id) => {
    const tr = simulate({ ...DEFAULT_VIEW, scenario: id });
    expect(tr.oops).toContain(SCENARIOS[id].expect);
    expect(tr.diverged).toBeNull();
  });
});

describe('the unbind paths follow the driver core order (kernel-facts B.1)', () => {
  const order = (id: 'qspi-unbind' | 'flash-unbind', names: string[]) => {
    const tr = simulate({ ...DEFAULT_VIEW, scenario: id, params: { at: 100_000_000 } });
    const u = tr.program.unbindTask;
    const seen = tr.events.filter((e) => e.task === u && e.type === 'fn.enter').map((e) => tr.program.tasks[u]!.steps[e.pc]!.stack.at(-1)!.fn);
    return names.map((n) => seen.indexOf(n));
  };

  it('flash unbind: UNBIND_DRIVER notify, spi_nor_remove, dev_pm_domain_detach, devres_release_all', () => {
    const idx = order('flash-unbind', ['bus_notify', 'spi_nor_remove', 'dev_pm_domain_detach', 'devres_release_all']);
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('controller unbind: child flash torn down inside spi_unregister_controller, before the controller is disabled and its devres released', () => {
    const idx = order('qspi-unbind', ['spi_unregister_controller', 'device_del', 'spi_nor_remove', 'spidev_release', 'cqspi_controller_enable', 'platform_remove']);
    expect(idx.every((i) => i >= 0)).toBe(true);
    const tr = simulate({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', params: { at: 100_000_000 } });
    const frees = tr.events.filter((e) => e.type === 'res.free' || e.type === 'res.state').map((e) => tr.program.resources[e.res[0]!]!.id);
    expect(frees).toEqual(['rdesc', 'bouncebuf', 'spi_nor', 'spi_mem', 'spi_device', 'qspi_hw', 'qspi_clk', 'qspi_irq', 'ahb_base', 'iobase', 'qspi_clk', 'ctlr']);
  });
});
