/**
 * Random small programs for property tests (test-only): identical readers
 * (symmetry), an unbind, a worker, locks, flags (waits with a timeout, flags
 * cleared again), a reference count with release code, an SRCU domain, I/O
 * intervals, revives, the error register (a get skipped on an error path, a
 * put skipped when the register is set), a path only a set flag takes, both
 * modes, latency windows.
 */
import fc from 'fast-check';
import { check, checkZero, cpu, fn, free, get, io, label, lock, put, putAboveOne, set, sleep, state, unlock, use, wait } from '../catalogue/tree.ts';
import type { Mode, Node, ResourceDef } from '../catalogue/source.ts';
import { mini, prog, task } from './testkit.ts';

export const F = 'drivers/test.c';
export const heap = (id: string): ResourceDef => ({ id, label: id, kind: 'heap', owner: 'test', file: F });

const readerOp = fc.oneof(
  fc.constantFrom<Node>(use('a', 'use a'), use('b', 'use b'), use(['a', 'b'], 'use a b'), cpu(3, 'cpu')),
  fc.constantFrom<Node>(io(['a'], 5, 'io a'), io(['b'], 2, 'io b'), sleep(4, 'msleep')),
  fc.constantFrom<Node>(check('gone', true, 'task', 'if (gone) return'), get('r', 'get r'), put('r', 'put r'), checkZero('r', 'task', 'if (!r) return')),
  // A wait with a timeout (its arrival reads the flag), a flag cleared again, a revive of what the unbind disables.
  fc.constantFrom<Node>(wait('gone', 'wait_event_timeout(gone)', 3), set('gone', false, 'gone = false'), state('b', 'alive', 'enable b')),
  // A reader that frees what the unbind (or another reader) may free too: a double free; `a` also meets the
  // worker's state change, which faults on freed memory.
  fc.constantFrom<Node>(free('c', 'kfree(c)'), free('a', 'kfree(a)')),
  // The task's error register: an open whose error path skips its get (and sets the register), a close that skips
  // its put when the register is set, as get_mtd_device() and its callers do.
  fc.constantFrom<Node>(
    fn('open', F, check('gone', true, 'label:out', 'if (gone) goto out'), get('r', 'get r'), label('out')),
    fn('close', F, check('$err', true, 'label:skip', 'if (ret) goto skip'), put('r', 'put r'), label('skip')),
    // A path only a set flag takes (a flag that is set later: the futures must not take it as settled).
    fn('teardown', F, check('gone', false, 'label:alive', 'if (!gone) goto alive'), use('c', 'use c'), label('alive')),
  ),
);
const unbindOp = fc.constantFrom<Node>(
  free('a', 'kfree(a)'), free('b', 'kfree(b)'), state('b', 'disabled', 'disable b'), set('gone', true, 'gone = true'), cpu(4, 'cpu'),
  put('r', 'put r', free('a', 'release: kfree(a)')), putAboveOne('r', 'put r above one'), sleep(3, 'msleep'), free('c', 'kfree(c)'),
  { op: 'synchronize_srcu', srcu: 'S', what: 'synchronize_srcu' },
  // The unbind's own use after its free (a task that faults with nobody else moving).
  use('a', 'use a'),
);
/** A body, possibly with its middle under the mutex, possibly inside an SRCU read section. */
const body = (op: fc.Arbitrary<Node>, max: number, srcu: boolean) =>
  fc.tuple(fc.array(op, { minLength: 1, maxLength: max }), fc.boolean(), fc.boolean()).map(([ops, locked, inSrcu]): Node[] => {
    const b = locked && ops.length > 1 ? [ops[0]!, lock('L', 'lock'), ...ops.slice(1), unlock('L', 'unlock')] : ops;
    return srcu && inSrcu
      ? [{ op: 'srcu_read_lock', srcu: 'S', what: 'srcu_read_lock' }, ...b, { op: 'srcu_read_unlock', srcu: 'S', what: 'srcu_read_unlock' }]
      : b;
  });

/** Random small programs with one to maxReaders readers and a latency window drawn from lats (µs; 0 = none). */
export const miniArb = (maxReaders = 2, lats: readonly number[] = [0, 0, 2]) => fc.record({
  reader: body(readerOp, 3, true),
  readers: fc.integer({ min: 1, max: maxReaders }),
  unbind: body(unbindOp, 3, false),
  worker: fc.boolean(),
  refcountT: fc.boolean(),
  start: fc.integer({ min: 0, max: 6 }),
  mode: fc.constantFrom<Mode>('any', 'timed'),
  every: fc.boolean(),
  lat: fc.constantFrom(...lats),
}).map(({ reader, readers, unbind, worker, refcountT, start, mode, every, lat }) => {
  const src = mini({
    resources: [heap('a'), { ...heap('b'), kind: 'hw' }, heap('c')],
    locks: [{ id: 'L', label: 'L' }],
    flags: [{ id: 'gone', label: 'gone', initial: false }],
    refs: [{ id: 'r', label: 'r', initial: 2, refcountT }],
    srcu: [{ id: 'S', label: 'S' }],
    tasks: [
      ...Array.from({ length: readers }, (_, i) => task(`R${i}`, 0, [fn('reader', F, ...reader)])),
      ...(worker ? [task('W', 1, [fn('worker', F, wait('gone', 'wait for gone'), state('a', 'off', 'power off'))], 'worker')] : []),
      task('U', 'at', [fn('unbind', F, ...unbind)], 'unbind'),
    ],
  });
  return { program: prog(src, { lat }), mode, at: mode === 'timed' && every ? null : start };
});

