/**
 * Kernel (function, file) pairs stay true. Every frame any scenario, kernel or
 * fix names (in the source trees, the devres lists, the notifier blocks, and
 * in the compiled programs with what the compiler adds) must be defined in
 * that file according to kernel-functions.json, which
 * scripts/kernel-functions.mjs extracts from the real tree (Linux 6.12.117),
 * or be marked `patch` (a function only a patch adds). A patch mark on a
 * function the file does define fails too, so marks cannot hide typos.
 *
 * A new kernel file in the model: `node scripts/kernel-functions.mjs <file>`
 * (with the tree at /work/kernel/linux-source-6.12 or $KERNEL_TREE).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, resolveParams, type ParamOverrides } from '../index.ts';
import { FIX_IDS, FIX_RECORDS, KERNEL_IDS, SCENARIO_IDS, buildSource } from './index.ts';
import type { FixId, Node } from './source.ts';
import { isFn, isRepeat } from './tree.ts';
import kernelFunctions from './kernel-functions.json';

interface KernelFunctionList {
  readonly source: string;
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Functions only mainline has: file -> fn -> "mainline, checked in <path> at <commit>". */
  readonly mainline: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const LIST: KernelFunctionList = kernelFunctions as KernelFunctionList;
const SCRIPT = join(import.meta.dirname, '../../../scripts/kernel-functions.mjs');
const TREE = process.env.KERNEL_TREE || '/work/kernel/linux-source-6.12';

/** One (function, file) pair as the model names it, and where. */
interface Use {
  readonly fn: string;
  readonly file: string;
  /** The patch that alone defines it, when marked. */
  readonly patch: string | undefined;
  /** Fixes that tag the frame (`+` lines). */
  readonly fixes: Set<FixId>;
  /** The builds that name it. */
  readonly where: Where[];
}

/** One build of the model: a scenario on a kernel with a fix set and parameters. */
interface Where {
  readonly scenario: string;
  readonly kernel: string;
  readonly fixes: readonly FixId[];
  readonly params: string;
}

/** GCC clones (.constprop.N, .isra.N, .part.N) print the function they were made from. */
const baseName = (fn: string): string => fn.replace(/(\.(?:constprop|isra|part)\.\d+)+$/, '');

class Uses {
  readonly all = new Map<string, Use>();
  add(fn: string, file: string, patch: string | undefined, fix: FixId | undefined, where: Where): void {
    const key = `${file}\u0000${fn}\u0000${patch ?? ''}`;
    let u = this.all.get(key);
    if (!u) this.all.set(key, (u = { fn, file, patch, fixes: new Set(), where: [] }));
    if (fix !== undefined) u.fixes.add(fix);
    if (u.where.at(-1) !== where) u.where.push(where);
  }
  /** Every frame of a tree, including the release code of a `put`. */
  walk(nodes: readonly Node[], where: Where): void {
    for (const n of nodes) {
      if (isFn(n)) {
        this.add(n.fn, n.file, n.patch, n.fix, where);
        this.walk(n.body, where);
      } else if (isRepeat(n)) this.walk(n.body, where);
      else if (n.op === 'put') this.walk(n.release, where);
    }
  }
}

/** Every subset of the fixes, in catalogue order. */
const FIX_SUBSETS: FixId[][] = Array.from({ length: 1 << FIX_IDS.length }, (_, m) => FIX_IDS.filter((_, i) => (m & (1 << i)) !== 0));

/** Default parameters plus those that change the code: partitions (none, one, more), readers, an eraser. */
const VARIANTS: readonly (readonly [string, ParamOverrides])[] = [
  ['defaults', {}],
  ['parts=0', { parts: 0 }],
  ['parts=1', { parts: 1 }],
  ['parts=3', { parts: 3 }],
  ['readers=3 erase', { readers: 3, erase: 200_000 }],
  ['parts=0 readers=2 erase', { parts: 0, readers: 2, erase: 200_000 }],
];

function collectUses(): Uses {
  const uses = new Uses();
  for (const s of SCENARIO_IDS) {
    for (const k of KERNEL_IDS) {
      for (const fixes of FIX_SUBSETS) {
        for (const [label, o] of VARIANTS) {
          const where: Where = { scenario: s, kernel: k, fixes, params: label };
          const src = buildSource(s, k, fixes, resolveParams(s, o));
          for (const t of src.tasks) uses.walk(t.body, where);
          for (const b of src.notifiers) uses.walk(b.body, where);
          for (const d of src.devices) {
            for (const e of d.devres) {
              uses.add(e.release, e.file, undefined, undefined, where);
              uses.walk(e.action ?? [], where);
            }
          }
          // What the compiler adds (bus_notify, notifier_call_chain, devres_release_all, release_nodes, ...).
          const p = buildProgram(s, k, fixes, o);
          for (const t of p.tasks) for (const st of t.steps) for (const f of st.stack) uses.add(f.fn, f.file, f.patch, f.fix, where);
          for (const [key, c] of Object.entries(p.code)) uses.add(key.replace(/~\d+$/, ''), c.file, c.patch, undefined, where);
        }
      }
    }
  }
  return uses;
}

/** What is wrong with one use, or null. */
function problemOf(u: Use, list: KernelFunctionList, patches: ReadonlyMap<FixId, string>): string | null {
  const fn = baseName(u.fn);
  const known = new Set([...(list.files[u.file] ?? []), ...Object.keys(list.mainline[u.file] ?? {})]);
  const listed = u.file in list.files || u.file in list.mainline;
  const elsewhere = () => {
    const files = Object.keys(list.files).filter((f) => f !== u.file && list.files[f]!.includes(fn));
    return files.length ? `; defined in ${files.join(', ')}` : '';
  };
  if (!listed) return `${u.file} is not in kernel-functions.json (run node scripts/kernel-functions.mjs ${u.file})`;
  if (u.patch !== undefined) {
    if (known.has(fn)) return `marked patch-only (${u.patch}) but ${list.source} defines it in ${u.file}`;
    const own = [...u.fixes].map((f) => patches.get(f));
    if (![...patches.values()].includes(u.patch)) return `marked with patch "${u.patch}", which no fix record names`;
    if (own.length && !own.includes(u.patch)) return `marked with patch "${u.patch}" but added by ${[...u.fixes].join(', ')}`;
    return null;
  }
  if (known.has(fn)) return null;
  return `not defined in ${u.file} (${list.source})${fn !== u.fn ? ` as ${fn}` : ''} and not marked patch-only${elsewhere()}`;
}

/** Which scenarios, kernels and fixes name a use, for the failure message. */
function namedBy(u: Use): string {
  const uniq = (xs: string[]) => [...new Set(xs)].join(', ');
  const w = u.where;
  // The fixes every build naming it has: the ones that bring it in.
  const needs = FIX_IDS.filter((f) => w.every((x) => x.fixes.includes(f)));
  const first = w[0]!;
  return `named by ${uniq(w.map((x) => x.scenario))} on ${uniq(w.map((x) => x.kernel))}` +
    (needs.length ? `, only with ${needs.join('+')}` : '') +
    (u.fixes.size ? ` (a line of ${[...u.fixes].join(', ')})` : '') +
    ` in ${w.length} builds, e.g. ${first.scenario} on ${first.kernel}${first.fixes.length ? ` with ${first.fixes.join('+')}` : ''} (${first.params})`;
}

function report(uses: Iterable<Use>, list: KernelFunctionList): string[] {
  const patches = new Map(FIX_RECORDS.map((f) => [f.id, f.patch] as const));
  const out: string[] = [];
  for (const u of uses) {
    const p = problemOf(u, list, patches);
    if (p === null) continue;
    out.push(`${u.file}: ${u.fn}: ${p}; ${namedBy(u)}`);
  }
  return out.sort();
}

describe('kernel functions', () => {
  let uses = new Uses();
  beforeAll(() => { uses = collectUses(); });

  it('every (function, file) pair the model names is defined there in the real source, or marked patch-only', () => {
    const problems = report(uses.all.values(), LIST);
    expect(problems, `${problems.length} kernel (function, file) pair(s) wrong:\n${problems.join('\n')}`).toEqual([]);
  });

  it('the list holds only files the model names, and mainline entries say where they were checked', () => {
    const named = new Set([...uses.all.values()].map((u) => u.file));
    expect(Object.keys(LIST.files).filter((f) => !named.has(f))).toEqual([]);
    const bad = Object.entries(LIST.mainline).flatMap(([file, fns]) => Object.entries(fns)
      .filter(([fn, where]) => !where.startsWith('mainline, checked in ') || (LIST.files[file] ?? []).includes(fn))
      .map(([fn]) => `${file}: ${fn}`));
    expect(bad).toEqual([]);
  });

  it('the check catches a typo, a wrong file, an unmarked patch function and a mark on a real function', () => {
    const patches = new Map(FIX_RECORDS.map((f) => [f.id, f.patch] as const));
    const use = (fn: string, file: string, patch?: string, fix?: FixId): Use =>
      ({ fn, file, patch, fixes: new Set(fix === undefined ? [] : [fix]), where: [] });
    const spiNor = 'drivers/mtd/spi-nor/core.c';
    const notifier = FIX_RECORDS.find((f) => f.id === 'notifier-sleep')!;
    expect(problemOf(use('spi_nor_prep', spiNor), LIST, patches)).toBeNull();
    expect(problemOf(use('el0_svc_common.constprop.0', 'arch/arm64/kernel/syscall.c'), LIST, patches)).toBeNull();
    expect(problemOf(use('el0t_64_sync', 'arch/arm64/kernel/entry.S'), LIST, patches)).toBeNull();
    expect(problemOf(use('__arm64_sys_read', 'fs/read_write.c'), LIST, patches)).toBeNull();
    expect(problemOf(use('spi_nor_perp', spiNor), LIST, patches)).toMatch(/not defined in/);
    expect(problemOf(use('spi_mem_exec_op', spiNor), LIST, patches)).toMatch(/defined in drivers\/spi\/spi-mem\.c/);
    expect(problemOf(use('spi_nor_remove_notifier_call', spiNor), LIST, patches)).toMatch(/not marked patch-only/);
    expect(problemOf(use('spi_nor_remove_notifier_call', spiNor, notifier.patch, notifier.id), LIST, patches)).toBeNull();
    expect(problemOf(use('spi_nor_prep', spiNor, notifier.patch), LIST, patches)).toMatch(/marked patch-only/);
    expect(problemOf(use('spi_nor_remove_notifier_call', spiNor, 'some patch'), LIST, patches)).toMatch(/no fix record/);
    expect(problemOf(use('x', 'drivers/nowhere.c'), LIST, patches)).toMatch(/not in kernel-functions\.json/);
  });

  it('the script finds the definitions in a C and an assembly sample', async () => {
    const parser = (await import(SCRIPT)) as { functionsOf: (path: string, text: string) => string[] };
    const c = [
      '/* int commented_out(void) { return 0; } */',
      '#define MACRO_FN(x) static int x##_gen(void) \\',
      '\t{ return 0; }',
      'static int __init simple(void)',
      '{',
      '\tif (x) { return 1; }',
      '\treturn 0;',
      '}',
      'static int',
      'split_header(struct foo *f, int a)',
      '\t__must_hold(&f->lock)',
      '{',
      '\treturn a;',
      '}',
      'static const struct ops o = { .fn = simple };',
      'int prototype_only(int);',
      'struct foo { int (*cb)(int); };',
      'SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)',
      '{',
      '\treturn 0;',
      '}',
      'UNHANDLED(el1t, 64, sync)',
      'static void after_macro(void) { const char *s = "not_a_fn(void) {"; }',
    ].join('\n');
    expect(parser.functionsOf('sample.c', c)).toEqual(['__arm64_sys_ioctl', '__do_sys_ioctl', '__se_sys_ioctl', 'after_macro', 'simple', 'split_header']);
    const asm = [
      '\t.macro entry_handler el:req, ht:req, regsize:req, label:req',
      'SYM_CODE_START_LOCAL(el\\el\\ht\\()_\\regsize\\()_\\label)',
      '\tb\tret_to_user',
      'SYM_CODE_END(el\\el\\ht\\()_\\regsize\\()_\\label)',
      '\t.endm',
      '\tentry_handler\t0, t, 64, sync',
      'SYM_FUNC_START(cpu_switch_to)',
    ].join('\n');
    expect(parser.functionsOf('sample.S', asm)).toEqual(['cpu_switch_to', 'el0t_64_sync']);
  });

  it.runIf(existsSync(join(TREE, 'Makefile')))('the tree defines every pair the model names (and, on the list\'s own version, is the list)', async () => {
    const script = (await import(SCRIPT)) as {
      buildList: (tree: string, files: readonly string[], mainline: KernelFunctionList['mainline']) => KernelFunctionList;
    };
    const fromTree = script.buildList(TREE, Object.keys(LIST.files), LIST.mainline);
    // Debian's linux-source-6.12 moves on (6.12.118 and later): the model's pairs must hold there too.
    const problems = report(uses.all.values(), fromTree);
    expect(problems, `${fromTree.source}: ${problems.join('\n')}`).toEqual([]);
    // The same version: the committed list is exactly what the script gives (stale or hand-edited lists fail).
    if (fromTree.source === LIST.source) expect(fromTree.files).toEqual(LIST.files);
  });
});
