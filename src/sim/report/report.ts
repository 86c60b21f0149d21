/**
 * What the modelled kernel prints for a fault, and nothing it would not.
 *
 * - The two crashes of seed 000, at the seed's sites on the seed's kernel:
 *   the seed's report line for line (its pc/lr offsets and Code bytes are the
 *   only such numbers racelanes prints). Crash #2 is what a kernel *without*
 *   KASAN prints once the freed `struct spi_mem` was reused.
 * - Any other use after free, double free or lock in freed memory: what a
 *   CONFIG_KASAN=y kernel prints (mm/kasan/report.c of 6.12), with the
 *   allocating stack (from the model's data) and the freeing stack (from the
 *   trace). Values that depend on the build (addresses, offsets, the slab
 *   cache) are written `<...>`, never made up.
 * - MMIO faults and NULL dereferences elsewhere: the arm64 fault report, its
 *   build-dependent numbers as `<...>`.
 * - What the kernel does not report at all (SPI traffic to a powered-off
 *   chip): a racelanes observation, not a kernel block.
 * Hardware and release names come from the program (scenario and kernel data).
 */
import type { Program } from '../engine/program.ts';
import type { Fault, Report, SimEvent } from '../engine/trace.ts';

/** The seed's two crash sites, with everything it printed for them (seed 000, 6.14-rc7). */
interface SeedSite {
  readonly kernel: string;
  readonly matches: (f: Fault, inner: string) => boolean;
  readonly header: readonly string[];
  readonly pstate: string | null;
  readonly pc: string;
  readonly lr: string;
  readonly code: string;
  /** `symbol+off/size` per frame, as the seed's call trace prints them. */
  readonly frames: Readonly<Record<string, string>>;
}

const SEED_FRAMES: Readonly<Record<string, string>> = {
  cqspi_exec_mem_op: 'cqspi_exec_mem_op+0x8bc/0xe40',
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

const SEED_SITES: readonly SeedSite[] = [
  {
    // Crash #1: the FIFO drain of a disabled / unclocked controller.
    kernel: '6.14-rc7',
    matches: (f, inner) => inner === 'cqspi_indirect_read_execute' && (f.kind === 'mmio-disabled' || f.kind === 'mmio-unclocked'),
    header: ['Internal error: synchronous external abort: 0000000096000210 [#1] PREEMPT SMP'],
    pstate: null,
    pc: 'cqspi_indirect_read_execute.isra.0+0x188/0x330',
    lr: 'cqspi_indirect_read_execute.isra.0+0x21c/0x330',
    code: 'Code: 927e7442 aa1a03e0 8b020342 d503201f (b9400321)',
    frames: { ...SEED_FRAMES, cqspi_indirect_read_execute: 'cqspi_indirect_read_execute.isra.0+0x188/0x330', spi_mem_exec_op: 'spi_mem_exec_op+0x3e0/0x478' },
  },
  {
    // Crash #2: spi_mem_access_end() reloads mem->spi from the freed, reused struct spi_mem.
    kernel: '6.14-rc7',
    matches: (f, inner) => inner === 'spi_mem_exec_op' && f.addr === 0x12e8 && f.kind === 'use-after-free',
    header: ['Unable to handle kernel paging request at virtual address 00000000000012e8', 'Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP'],
    pstate: 'pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)',
    pc: 'spi_mem_exec_op+0x3e8/0x478',
    lr: 'spi_mem_exec_op+0x3e0/0x478',
    code: 'Code: f9400842 d63f0040 2a0003f4 f94002a1 (f9417437)',
    frames: { ...SEED_FRAMES, spi_mem_exec_op: 'spi_mem_exec_op+0x3e8/0x478' },
  },
];

/** Static functions the seed's build inlined: they never appear in its call traces. */
const SEED_INLINED = new Set(['spi_nor_spimem_read_data', 'cqspi_mem_process', 'cqspi_read']);

/** Said beside every report racelanes prints for the kernel. */
const PLACEHOLDERS = '<...> marks what depends on the build (addresses, symbol offsets, code bytes, the slab cache): racelanes does not make these up.';

const hex16 = (n: number) => n.toString(16).padStart(16, '0');

function cpuLine(p: Program, f: Fault): string {
  const t = p.tasks[f.task]!;
  return `CPU: ${t.cpu} UID: 0 PID: ${t.pid} Comm: ${t.comm} Not tainted ${p.kernel.release ?? '<release>'} #1`;
}

function hardware(p: Program): string {
  return `Hardware name: ${p.hardware ?? '<board>'}`;
}

/** The model's frames of a stack, innermost first. */
const innermostFirst = (f: Fault) => [...f.stack].reverse().map((fr) => fr.fn);

function seedReport(p: Program, f: Fault, site: SeedSite): Report {
  const frames = [...f.stack].reverse().filter((fr, i) => i === 0 || !SEED_INLINED.has(fr.fn));
  const lines = [...site.header, 'Modules linked in:', cpuLine(p, f), hardware(p)];
  if (site.pstate) lines.push(site.pstate);
  lines.push(`pc : ${site.pc}`, `lr : ${site.lr}`, 'Call trace:');
  frames.forEach((fr, i) => lines.push(` ${site.frames[fr.fn] ?? fr.fn}${i === 0 && p.kernel.traceMarkers ? ' (P)' : ''}`));
  lines.push(site.code, '---[ end trace 0000000000000000 ]---');
  return { kind: 'kernel', text: lines.join('\n'), notes: [] };
}

/** The free that killed the resource, from the trace: its stack, innermost first, and the task. */
function freeingStack(p: Program, f: Fault, events: readonly SimEvent[]): { pid: number; frames: string[] } | null {
  const e = events[f.causeEvent];
  if (!e) return null;
  const step = p.tasks[e.task]?.steps[e.pc];
  return { pid: p.tasks[e.task]!.pid, frames: [...(step?.stack ?? [])].reverse().map((fr) => fr.fn) };
}

function kasanReport(p: Program, f: Fault, events: readonly SimEvent[]): Report {
  const t = p.tasks[f.task]!;
  const res = p.resources[f.res];
  const fn = f.stack.at(-1)?.fn ?? '<function>';
  const bug = f.kind === 'double-free' ? 'double-free' : 'slab-use-after-free';
  const size = f.size > 0 ? String(f.size) : '<size>';
  const access = f.kind === 'double-free'
    ? `Free of addr <addr> by task ${t.comm}/${t.pid}`
    : `${f.write || f.kind === 'lock-in-freed-memory' ? 'Write' : 'Read'} of size ${size} at addr <addr in ${res?.label ?? 'the object'}> by task ${t.comm}/${t.pid}`;
  const lines = [
    '==================================================================',
    `BUG: KASAN: ${bug} in ${fn}`,
    access,
    '',
    cpuLine(p, f),
    hardware(p),
    'Call trace:',
    ...innermostFirst(f).map((x) => ` ${x}`),
    '',
    'Allocated by task <pid>:',
    ...(res?.alloc ?? ['<the allocating stack>']).map((x) => ` ${x}`),
    '',
  ];
  const freed = freeingStack(p, f, events);
  if (freed) {
    lines.push(`Freed by task ${freed.pid}:`, ' kasan_save_track', ' kasan_save_free_info', ' __kasan_slab_free', ' kfree', ...freed.frames.map((x) => ` ${x}`), '');
  }
  lines.push(
    'The buggy address belongs to the object at <addr>',
    ' which belongs to the cache kmalloc-<size> of size <size>',
    '==================================================================',
  );
  return {
    kind: 'kernel',
    text: lines.join('\n'),
    notes: [
      'Printed as a CONFIG_KASAN=y kernel prints it (KASAN\'s own frames above the faulting function, the memory dump and the page lines are left out).',
      `Without KASAN nothing is printed here: a kfree'd slab object stays mapped, so this ${f.kind === 'double-free' ? 'second free corrupts the slab' : 'access reads stale data'} and the kernel may crash later, once the memory is reused (as in crash #2 of seed 000).`,
      PLACEHOLDERS,
    ],
  };
}

function faultHeader(p: Program, f: Fault): string[] {
  const label = p.resources[f.accessed]?.label ?? 'the resource';
  switch (f.kind) {
    case 'mmio-disabled': case 'mmio-unclocked': case 'mmio-powered-off':
      return ['Internal error: synchronous external abort: <esr> [#1] PREEMPT SMP'];
    case 'mmio-unmapped':
      return [`Unable to handle kernel paging request at virtual address <addr in ${label}>`, 'Internal error: Oops: <esr> [#1] PREEMPT SMP'];
    case 'null-deref':
      // Khairul Anuar Romli's real 6.12 report of this access prints 0x10 and ESR 0x96000004.
      return f.addr
        ? [`Unable to handle kernel NULL pointer dereference at virtual address ${hex16(f.addr)}`, 'Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP']
        : ['Unable to handle kernel NULL pointer dereference at virtual address <addr>', 'Internal error: Oops: <esr> [#1] PREEMPT SMP'];
    default:
      return ['Internal error: <esr> [#1] PREEMPT SMP'];
  }
}

function faultReport(p: Program, f: Fault): Report {
  const frames = innermostFirst(f);
  const lines = [...faultHeader(p, f), 'Modules linked in:', cpuLine(p, f), hardware(p), `pc : ${frames[0] ?? '<pc>'}+<off>`, `lr : ${frames[1] ?? '<lr>'}+<off>`, 'Call trace:'];
  lines.push(...frames.map((x) => ` ${x}+<off>`), 'Code: <code bytes>', '---[ end trace 0000000000000000 ]---');
  return { kind: 'kernel', text: lines.join('\n'), notes: ['The arm64 fault report this access gives; symbol offsets and the registers\' values depend on the build.', PLACEHOLDERS] };
}

/** lib/refcount.c's refcount_warn_saturate() lines in the 6.12.117 tree (the other kernels: not checked, so `<line>`). */
const REFCOUNT_LINES: Partial<Record<string, { add: number; sub: number }>> = { '6.12.117': { add: 25, sub: 28 } };

/** The WARN_ONCE of lib/refcount.c: a put below zero, or a get on a count already at zero. */
function refcountReport(p: Program, f: Fault): Report {
  const t = p.tasks[f.task]!;
  const add = f.kind === 'ref-add-on-zero';
  const line = REFCOUNT_LINES[p.kernel.id]?.[add ? 'add' : 'sub'] ?? '<line>';
  const lines = [
    '------------[ cut here ]------------',
    add ? 'refcount_t: addition on 0; use-after-free.' : 'refcount_t: underflow; use-after-free.',
    `WARNING: CPU: ${t.cpu} PID: ${t.pid} at lib/refcount.c:${line} refcount_warn_saturate+<off>`,
    'Modules linked in:',
    cpuLine(p, f),
    hardware(p),
    'Call trace:',
    ' refcount_warn_saturate+<off>',
    ...innermostFirst(f).map((x) => ` ${x}+<off>`),
    '---[ end trace 0000000000000000 ]---',
  ];
  const why = add
    ? 'As the kernel warns when refcount_inc() finds the count at 0 (lib/refcount.c, REFCOUNT_ADD_UAF). The kernel then carries on with the count saturated; racelanes stops the run at the warning.'
    : 'As the kernel warns when a refcount_t drops below zero (Guocai He reported this warning from del_mtd_device on Stratix 10, Nov 2025).';
  return { kind: 'kernel', text: lines.join('\n'), notes: [why, 'The register dump (pstate, pc, lr, x0-x29) is left out.', PLACEHOLDERS] };
}

function observation(p: Program, f: Fault): Report {
  const t = p.tasks[f.task]!;
  const acc = p.resources[f.accessed]?.label ?? 'a device';
  const dead = p.resources[f.res]?.label ?? 'its power';
  const fn = f.stack.at(-1)?.fn ?? '?';
  return {
    kind: 'observation',
    text: `racelanes observation: ${t.comm} (pid ${t.pid}) in ${fn}() reaches ${acc} after ${dead} was ${f.state === 'off' ? 'powered off' : f.state}.`,
    notes: [
      'The kernel prints nothing for this: the bus transfer to an unpowered chip is simply lost, and the device can no longer be quiesced ' +
      '(seed 001: "the resulting interrupt storm is merely a side effect"). This line is racelanes\', not the kernel\'s.',
    ],
  };
}

/**
 * The report of a fault, as the program's kernel prints it (or racelanes' observation).
 * @example reportFor(trace.program, trace.fault!, trace.events).text.split('\n')[0]
 */
export function reportFor(p: Program, f: Fault, events: readonly SimEvent[]): Report {
  const inner = f.stack.at(-1)?.fn ?? '';
  const site = SEED_SITES.find((s) => s.kernel === p.kernel.id && s.matches(f, inner));
  if (site) return seedReport(p, f, site);
  switch (f.kind) {
    case 'use-after-free': case 'double-free': case 'lock-in-freed-memory':
      return kasanReport(p, f, events);
    case 'ref-underflow': case 'ref-add-on-zero':
      return refcountReport(p, f);
    case 'powered-off-access': case 'irq-powered-off':
      return observation(p, f);
    default:
      return faultReport(p, f);
  }
}
