/**
 * Kernel-style reports for simulated faults, in the format of the two Oopses
 * in seed 000 (arm64, 6.14-rc7). Symbol offsets are the ones printed in the
 * seed for the frames it shows; other frames are printed without an offset
 * rather than with an invented one.
 */
import type { Fault, Frame, Program } from './types.ts';

/** `symbol+off/size` as printed in seed 000 (call-site offsets). */
const SEED_SYMBOLS: Readonly<Record<string, string>> = {
  cqspi_indirect_read_execute: 'cqspi_indirect_read_execute.isra.0+0x188/0x330',
  cqspi_exec_mem_op: 'cqspi_exec_mem_op+0x8bc/0xe40',
  spi_mem_exec_op: 'spi_mem_exec_op+0x3e0/0x478',
  spi_mem_no_dirmap_read: 'spi_mem_no_dirmap_read+0xa8/0xc8',
  spi_mem_dirmap_read: 'spi_mem_dirmap_read+0xdc/0x150',
  spi_nor_read_data: 'spi_nor_read_data+0x120/0x198',
  spi_nor_read: 'spi_nor_read+0xf0/0x280',
  mtd_read_oob_std: 'mtd_read_oob_std+0x80/0x98',
  mtd_read_oob: 'mtd_read_oob+0x9c/0x168',
  mtd_read: 'mtd_read+0x6c/0xd8',
  mtdchar_read: 'mtdchar_read+0xdc/0x288',
  vfs_read: 'vfs_read+0xc8/0x2f8',
  ksys_read: 'ksys_read+0x70/0x110',
  __arm64_sys_read: '__arm64_sys_read+0x24/0x38',
  invoke_syscall: 'invoke_syscall+0x5c/0x130',
  'el0_svc_common.constprop.0': 'el0_svc_common.constprop.0+0x48/0xf8',
  do_el0_svc: 'do_el0_svc+0x28/0x40',
  el0_svc: 'el0_svc+0x30/0xd0',
  el0t_64_sync_handler: 'el0t_64_sync_handler+0x144/0x168',
  el0t_64_sync: 'el0t_64_sync+0x198/0x1a0',
};

/** The faulting pc of the two seed crash sites. */
const SEED_PC: Readonly<Record<string, { pc: string; lr: string; code: string }>> = {
  cqspi_indirect_read_execute: {
    pc: 'cqspi_indirect_read_execute.isra.0+0x188/0x330',
    lr: 'cqspi_indirect_read_execute.isra.0+0x21c/0x330',
    code: 'Code: 927e7442 aa1a03e0 8b020342 d503201f (b9400321)',
  },
  spi_mem_exec_op: {
    pc: 'spi_mem_exec_op+0x3e8/0x478',
    lr: 'spi_mem_exec_op+0x3e0/0x478',
    code: 'Code: f9400842 d63f0040 2a0003f4 f94002a1 (f9417437)',
  },
};

/** Static functions the seed build inlined: they never appear in its call traces. */
const INLINED = new Set(['spi_nor_spimem_read_data', 'cqspi_mem_process', 'cqspi_read']);

const sym = (f: Frame) => SEED_SYMBOLS[f.fn] ?? f.fn;
const hex16 = (n: number) => BigInt.asUintN(64, BigInt(Math.trunc(n))).toString(16).padStart(16, '0');

function header(prog: Program, f: Fault): string[] {
  const r = prog.resources[f.accessed]!;
  const bad = prog.resources[f.res]!;
  switch (f.kind) {
    case 'mmio-disabled':
    case 'mmio-unclocked':
    case 'mmio-powered-off':
      return ['Internal error: synchronous external abort: 0000000096000210 [#1] PREEMPT SMP'];
    case 'mmio-unmapped':
      return [
        `Unable to handle kernel paging request at virtual address ${hex16(r.addr ?? 0)}`,
        'Internal error: Oops: 0000000096000007 [#1] PREEMPT SMP',
      ];
    case 'double-free':
      return [`kernel BUG at mm/slub.c! (double free of ${bad.label})`, 'Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP'];
    case 'powered-off-access':
    case 'irq-powered-off': {
      // The kernel prints nothing here: the bus transfer to the unpowered chip is
      // simply lost and the device can no longer be quiesced (seed 001: "the
      // resulting interrupt storm is merely a side effect"). racelanes reports it
      // in WARNING form, marked as its own.
      const task = prog.tasks[f.task]!;
      const inner = f.stack[f.stack.length - 1];
      return [
        '------------[ cut here ]------------',
        `WARNING: CPU: ${task.cpu} PID: ${task.pid} at ${inner?.file ?? '?'} ${inner?.fn ?? '?'}`,
        `racelanes: ${r.label} accessed after ${bad.label} was powered off (dev_pm_domain_detach)`,
      ];
    }
    case 'use-after-free':
    case 'lock-in-freed-memory':
    default:
      return [
        `Unable to handle kernel paging request at virtual address ${hex16(f.addr)}`,
        'Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP',
      ];
  }
}

/** The report as the kernel would print it on the console. */
export function oopsReport(prog: Program, f: Fault): string {
  const task = prog.tasks[f.task]!;
  const frames = [...f.stack].reverse().filter((fr, i) => i === 0 || !INLINED.has(fr.fn));
  const inner = frames[0];
  // The seed's exact pc/lr/Code lines only where the simulated fault is the seed's:
  // the FIFO drain of a dead controller, or the reload of mem->spi after exec_op.
  const seedSite =
    (inner?.fn === 'cqspi_indirect_read_execute' && f.kind.startsWith('mmio-')) ||
    (inner?.fn === 'spi_mem_exec_op' && f.addr === 0x12e8);
  const site = inner && seedSite ? SEED_PC[inner.fn] : undefined;
  const lines = [...header(prog, f), 'Modules linked in:'];
  lines.push(`CPU: ${task.cpu} UID: 0 PID: ${task.pid} Comm: ${task.comm} Not tainted ${kernelRelease(prog)} #1`);
  lines.push(prog.scenario === 'devres-order' ? 'Hardware name: Generic DT based system (DT)' : 'Hardware name: SoCFPGA Stratix 10 SoCDK (DT)');
  if (f.kind !== 'irq-powered-off' && f.kind !== 'powered-off-access') {
    lines.push('pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)');
    lines.push(`pc : ${site?.pc ?? (inner ? sym(inner) : '?')}`);
    lines.push(`lr : ${site?.lr ?? (frames[1] ? sym(frames[1]) : '?')}`);
  }
  lines.push('Call trace:');
  frames.forEach((fr, i) => lines.push(` ${i === 0 && site ? site.pc : sym(fr)}${i === 0 ? ' (P)' : ''}`));
  if (site) lines.push(site.code);
  lines.push('---[ end trace 0000000000000000 ]---');
  return lines.join('\n');
}

function kernelRelease(prog: Program): string {
  return prog.scenario === 'devres-order' ? '6.12.0' : '6.14.0-rc7-yocto-standard+';
}
