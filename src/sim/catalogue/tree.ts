/**
 * Helpers to write scenario trees tersely, and pure transforms that fixes use
 * to rewrite them. Nothing here executes anything.
 */
import type { Dur, FailTo, FixId, Fn, Node, OpNode, ResState, Repeat } from './source.ts';

/** A kernel function frame. */
export function fn(name: string, file: string, ...body: Node[]): Fn {
  return { fn: name, file, body };
}

/** An access; `size` is the bytes it reads (KASAN's "Read of size N"), when the source shows it. */
export const use = (res: string | string[], what: string, size?: number): OpNode =>
  size === undefined
    ? { op: 'use', res: typeof res === 'string' ? [res] : res, what }
    : { op: 'use', res: typeof res === 'string' ? [res] : res, what, size };
/** A store (KASAN's "Write of size N"). */
export const store = (res: string | string[], what: string, size: number): OpNode =>
  ({ op: 'use', res: typeof res === 'string' ? [res] : res, what, size, write: true });
export const io = (res: string[], dur: Dur, what: string): OpNode => ({ op: 'io', res, dur, what });
export const cpu = (dur: Dur, what: string): OpNode => ({ op: 'cpu', dur, what });
export const lock = (l: string, what: string): OpNode => ({ op: 'lock', lock: l, what });
export const unlock = (l: string, what: string): OpNode => ({ op: 'unlock', lock: l, what });
export const set = (flag: string, value: boolean, what: string): OpNode => ({ op: 'set', flag, value, what });
export const check = (flag: string, failWhen: boolean, to: FailTo, what: string, errno = '-ENODEV'): OpNode =>
  ({ op: 'check', flag, failWhen, to, errno, what });
/** `if (refcount_read(&ref) == 0) <error>`: fails when the count is zero. */
export const checkZero = (ref: string, to: FailTo, what: string, errno = '-ENODEV'): OpNode =>
  ({ op: 'check', flag: '', ref, failWhen: true, to, errno, what });
export const free = (res: string, what: string): OpNode => ({ op: 'free', res, what });
export const state = (res: string, to: ResState, what: string): OpNode => ({ op: 'state', res, to, what });
export const sleep = (dur: Dur, what: string): OpNode => ({ op: 'sleep', dur, what });
export const wait = (flag: string, what: string, timeout?: Dur): OpNode =>
  (timeout === undefined ? { op: 'wait', flag, what } : { op: 'wait', flag, what, timeout });
export const get = (ref: string, what: string): OpNode => ({ op: 'get', ref, what });
export const put = (ref: string, what: string, ...release: Node[]): OpNode => ({ op: 'put', ref, what, release });
/** `if (refcount_read(&ref) > 1) refcount_dec(&ref)`: never drops the last reference. */
export const putAboveOne = (ref: string, what: string): OpNode => ({ op: 'put', ref, what, release: [], keepLast: true });
export const notify = (bus: string, event: string, dev: string): OpNode => ({ op: 'notify', bus, event, dev });
export const devresReleaseAll = (dev: string): OpNode => ({ op: 'devres_release_all', dev });
export const devresReleaseGroup = (dev: string, group: string): OpNode => ({ op: 'devres_release_group', dev, group });
export const label = (name: string): OpNode => ({ op: 'label', name });
export const goto = (to: string, what: string): OpNode => ({ op: 'goto', label: to, what });
export const repeat = (times: Repeat['repeat'], body: Node[], pass = false): Repeat =>
  pass ? { repeat: times, body, pass } : { repeat: times, body };

export function isFn(n: Node): n is Fn {
  return (n as Fn).fn !== undefined;
}
export function isRepeat(n: Node): n is Repeat {
  return (n as Repeat).repeat !== undefined;
}

/** Tags every node of a subtree as added by a fix. */
export function tagFix<T extends Node>(n: T, fix: FixId): T {
  if (isFn(n)) return { ...n, fix, body: n.body.map((c) => tagFix(c, fix)) };
  if (isRepeat(n)) return { ...n, body: n.body.map((c) => tagFix(c, fix)) } as T;
  if ('op' in n && n.op === 'put') return { ...n, fix, release: n.release.map((c) => tagFix(c, fix)) } as T;
  return { ...n, fix } as T;
}

/** Tags a line as this kernel's own, brought by `commit` (shown beside it in the code view). */
export function since<T extends Node>(commit: string, n: T): T {
  return { ...n, since: commit } as T;
}

/** The nodes when `cond` holds, else nothing: kernel variants written inline. */
export const when = (cond: boolean, ...nodes: Node[]): Node[] => (cond ? nodes : []);

/**
 * Rewrites the body of every frame named `name` (anywhere in the trees).
 * The rewrite gets the old body and returns the new one; frames are matched
 * by function name because that is how a patch is read: "in spi_nor_prep, ...".
 */
export function rewriteFn(nodes: readonly Node[], name: string, rewrite: (body: readonly Node[], f: Fn) => readonly Node[]): Node[] {
  return nodes.map((n) => {
    if (isFn(n)) {
      const body = rewriteFn(n.body, name, rewrite);
      return n.fn === name ? { ...n, body: [...rewrite(body, n)] } : { ...n, body };
    }
    if (isRepeat(n)) return { ...n, body: rewriteFn(n.body, name, rewrite) };
    if (n.op === 'put') return { ...n, release: rewriteFn(n.release, name, rewrite) };
    return n;
  });
}

/** Inserts nodes right after every direct child frame named `after` inside frames named `parent`. */
export function insertAfterCall(nodes: readonly Node[], parent: string, after: string, added: readonly Node[]): Node[] {
  return rewriteFn(nodes, parent, (body) => body.flatMap((c) => (isFn(c) && c.fn === after ? [c, ...added] : [c])));
}

/** Does any frame in these trees have this name? */
export function hasFn(nodes: readonly Node[], name: string): boolean {
  return nodes.some((n) => (isFn(n) ? n.fn === name || hasFn(n.body, name) : isRepeat(n) ? hasFn(n.body, name) : n.op === 'put' ? hasFn(n.release, name) : false));
}

// ---------------------------------------------------------------------------
// arm64 entry frames (as in the seed Oopses)
// ---------------------------------------------------------------------------

const ENTRY = 'arch/arm64/kernel/entry-common.c';
const SYSCALL = 'arch/arm64/kernel/syscall.c';

/** el0t_64_sync -> ... -> invoke_syscall -> <sys> : the frames under every syscall in the seed traces. */
export function syscall(sys: string, sysFile: string, ...body: Node[]): Fn {
  const inner: Fn = { ...fn(sys, sysFile, ...body), syscall: true };
  return fn('el0t_64_sync', 'arch/arm64/kernel/entry.S',
    fn('el0t_64_sync_handler', ENTRY,
      fn('el0_svc', ENTRY,
        fn('do_el0_svc', SYSCALL,
          fn('el0_svc_common.constprop.0', SYSCALL,
            fn('invoke_syscall', SYSCALL, inner))))));
}

/** The deferred fput on return to user space: where mtdchar_close really runs after close(). */
export function returnToUserFput(...body: Node[]): Fn {
  const inner: Fn = { ...fn('__fput', 'fs/file_table.c', ...body), syscall: true };
  return fn('el0t_64_sync', 'arch/arm64/kernel/entry.S',
    fn('el0t_64_sync_handler', ENTRY,
      fn('el0_svc', ENTRY,
        fn('exit_to_user_mode', ENTRY,
          fn('task_work_run', 'kernel/task_work.c',
            fn('____fput', 'fs/file_table.c', inner))))));
}
