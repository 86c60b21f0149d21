/**
 * The fixes argued on the lists, one record each (kernel-facts models (4)-(6)):
 * what it is, where it comes from, on which kernels it applies, and its
 * transform. A transform rewrites frames by function name, the way a patch
 * is read, and tags what it adds so the code view shows `+` lines. Fixes
 * compose in catalogue order.
 */
import type { FixRecord } from './catalog.ts';
import type { KernelDef } from './kernels.ts';
import type { Fn, Node, ScenarioSource, TaskSource } from './source.ts';
import { check, fn, hasFn, label, lock, put, rewriteFn, set, sleep, tagFix, unlock, use } from './tree.ts';

const SPINOR = 'drivers/mtd/spi-nor/core.c';
const MTDCORE = 'drivers/mtd/mtdcore.c';
const ERR = '$err';

function mapTasks(src: ScenarioSource, f: (body: readonly Node[], t: TaskSource) => readonly Node[]): ScenarioSource {
  return { ...src, tasks: src.tasks.map((t) => ({ ...t, body: [...f(t.body, t)] })) };
}

const added = (fix: string, nodes: Node[]): Node[] => nodes.map((n) => tagFix(n, fix));

/** The patches, as the records below name them: a function only a patch adds carries its name (`Fn.patch`). */
const LIWEI_V2 = 'Liwei Song v2 (20250331161542.3040005-1-liwei.song.lsong@gmail.com)';
const SRCU_SKETCH = 'racelanes sketch (model (5))';
/** A function that exists in no kernel tree, only in `patch` (functions.test.ts checks both ways). */
const patchOnly = (patch: string, f: Fn): Fn => ({ ...f, patch });

const isNorStack = (src: ScenarioSource) => src.devices.some((d) => d.id === 'spi0.0');

/**
 * Liwei Song's v2 (seed 000): a notifier on spi_bus_type for BUS_NOTIFY_DEL_DEVICE
 * and BUS_NOTIFY_UNBIND_DRIVER takes nor->lock, sets the flag, drops it and
 * msleep()s; readers test the flag in spi_nor_prep() *before*
 * mutex_lock(&nor->lock), and in __get_mtd_device(). The flag lives in struct
 * spi_nor, so reading it after the free is itself a use after free.
 */
function notifierSleep(src: ScenarioSource): ScenarioSource {
  const F = 'notifier-sleep';
  const nor = isNorStack(src);
  const body: Node[] = nor
    ? [patchOnly(LIWEI_V2, fn('spi_nor_remove_notifier_call', SPINOR,
        use('spi_device', 'if (!of_match_device(spi_nor_of_table, dev)) return 0;', 8),
        use(['spi_device', 'spi_mem', 'spi_nor'], 'spi = to_spi_device(dev); mem = spi_get_drvdata(spi); nor = spi_mem_get_drvdata(mem);', 8),
        lock('nor_lock', 'mutex_lock(&nor->lock);'),
        set('mtd_event_remove', true, 'nor->mtd.mtd_event_remove = true;'),
        unlock('nor_lock', 'mutex_unlock(&nor->lock);'),
        sleep({ param: 'sleep' }, 'msleep(300);')))]
    : [patchOnly(LIWEI_V2, fn('spi_nor_remove_notifier_call', SPINOR, { op: 'cpu', dur: 1, what: 'if (!of_match_device(spi_nor_of_table, dev)) return 0; /* not a spi-nor */' }))];
  let out: ScenarioSource = {
    ...src,
    flags: nor ? [...src.flags, { id: 'mtd_event_remove', label: 'nor->mtd.mtd_event_remove', initial: false, in: 'spi_nor' }] : src.flags,
    notifiers: [...src.notifiers, { bus: 'spi', name: 'spi_nor_remove_nb', events: ['BUS_NOTIFY_DEL_DEVICE', 'BUS_NOTIFY_UNBIND_DRIVER'], fix: F, body: added(F, body) }],
  };
  if (!nor) return out;
  out = mapTasks(out, (b) => rewriteFn(b, 'spi_nor_prep', (body) => [
    ...added(F, [check('mtd_event_remove', true, 'label:read_out|erase_out', 'if (nor->mtd.mtd_event_remove) return -ENODEV;')]),
    ...body,
  ]));
  out = mapTasks(out, (b) => rewriteFn(b, '__get_mtd_device', (body) => [
    ...added(F, [check('mtd_event_remove', true, 'label:get_out', 'if (master->mtd_event_remove) return -ENODEV;')]),
    ...body,
    ...added(F, [label('get_out')]),
  ]));
  return out;
}

/**
 * Model (5), the gpiolib pattern (d83cee3d2bb1: long-lived gpio_device,
 * driver-owned gpio_chip): a handle H owned by the MTD core, which outlives
 * the driver, holds an srcu_struct, the backend pointer and the controller
 * module's owner. Every entry that reaches driver memory runs inside
 * srcu_read_lock(&H->srcu) and backs off when the backend is gone: the
 * character device's read and ioctl (before chrdev_lock, which lives in
 * struct spi_nor), open (__get_mtd_device) and close (__put_mtd_device).
 * mtd_device_unregister() revokes (publishes "gone") and synchronize_srcu()s
 * before returning to the driver core, so devres frees nothing a reader is
 * still using. A close after the revoke still drops the partition's kref
 * and the module reference open took (module_put(H->owner)) without touching
 * driver memory: no leaked module reference.
 * Guarding only mtd_read()/mtd_erase() (the first version of this sketch) is
 * not enough: mtdchar_read() reads the mtd_info and the ioctl takes
 * chrdev_lock before either is reached.
 */
function srcuDrain(src: ScenarioSource): ScenarioSource {
  const F = 'srcu-drain';
  if (!src.tasks.some((t) => hasFn(t.body, 'mtd_device_unregister'))) return src;
  const enter = (out: string) => added(F, [
    { op: 'srcu_read_lock', srcu: 'mtd_srcu', what: 'idx = srcu_read_lock(&H->srcu);' },
    check('backend_gone', true, `label:${out}`, 'be = srcu_dereference(H->backend, &H->srcu); if (!be) { ret = -ENODEV; goto out; }'),
  ]);
  const leave = (out: string) => added(F, [label(out), { op: 'srcu_read_unlock', srcu: 'mtd_srcu', what: 'out: srcu_read_unlock(&H->srcu, idx);' }]);
  /** A guarded entry: the whole body inside the read section; the caller sees -ENODEV when gone. */
  const guard = (name: string, out: string, after: Node[] = []) => (b: readonly Node[]) =>
    rewriteFn(b, name, (body) => [...enter(out), ...body, ...leave(out), ...added(F, after)]);

  let out: ScenarioSource = {
    ...src,
    srcu: [...src.srcu, { id: 'mtd_srcu', label: 'H->srcu (mtd handle)' }],
    flags: [...src.flags, { id: 'backend_gone', label: 'H->backend == NULL', initial: false }],
  };
  out = mapTasks(out, guard('mtdchar_read', 'srcu_read_out', [check(ERR, true, 'catch:cat_exit', 'if (ret == -ENODEV) return ret; /* cat: No such device */')]));
  out = mapTasks(out, guard('mtdchar_unlocked_ioctl', 'srcu_ioctl_out', [check(ERR, true, 'catch:cat_exit', 'return -ENODEV;')]));
  out = mapTasks(out, guard('__get_mtd_device', 'srcu_get_out'));
  // Open records the module it pinned in H, so a close after the revoke can drop it.
  out = mapTasks(out, (b) => rewriteFn(b, 'spi_nor_get_device', (body) => [...body, ...added(F, [{ op: 'cpu', dur: 1, what: 'H->owner = dev->driver->owner; /* for a close after the revoke */' }])]));
  // Close: the live path is the original; the gone path touches only H and the partition.
  const hasPart = src.refs.some((r) => r.id === 'part_kref');
  out = mapTasks(out, (b) => rewriteFn(b, '__put_mtd_device', (body) => [
    ...added(F, [
      { op: 'srcu_read_lock', srcu: 'mtd_srcu', what: 'idx = srcu_read_lock(&H->srcu);' },
      check('backend_gone', true, 'label:srcu_put_gone', 'be = srcu_dereference(H->backend, &H->srcu); if (!be) goto gone;'),
    ]),
    ...body,
    ...added(F, [
      label('srcu_put_gone'),
      check(ERR, false, 'label:srcu_put_done', 'if (be) goto out;'),
      check(ERR, true, 'catch:srcu_put_gone_body', 'gone: /* the backend is gone: touch only H and the partition */'),
      label('srcu_put_gone_body'),
      ...(hasPart ? [put('part_kref', 'kref_put(&mtd->refcnt, mtd_device_release);', ...partRelease(body))] : []),
      put('ctlr_module', 'module_put(H->owner);'),
      label('srcu_put_done'),
      { op: 'srcu_read_unlock', srcu: 'mtd_srcu', what: 'out: srcu_read_unlock(&H->srcu, idx);' },
    ]),
  ]));
  out = mapTasks(out, (b) => rewriteFn(b, 'mtd_device_unregister', (body) => [
    ...added(F, [patchOnly(SRCU_SKETCH, fn('mtd_revoke_backend', MTDCORE,
      set('backend_gone', true, 'rcu_assign_pointer(H->backend, NULL);'),
      { op: 'synchronize_srcu', srcu: 'mtd_srcu', what: 'synchronize_srcu(&H->srcu); /* waits for every reader that entered before */' }))]),
    ...body,
  ]));
  return out;
}

/** The release code of the partition's kref_put in `__put_mtd_device` (the gone path runs the same). */
function partRelease(body: readonly Node[]): Node[] {
  for (const n of body) if ('op' in n && n.op === 'put' && n.ref === 'part_kref') return [...n.release];
  return [];
}

/**
 * Model (6), Dmitry's 2021 patch: spi_probe() opens a devres group around
 * sdrv->probe() (the entries marked `group: 'driver'`), and spi_remove()
 * releases it right after sdrv->remove(), before dev_pm_domain_detach().
 */
function devresGroup(src: ScenarioSource, k: KernelDef): ScenarioSource {
  const F = 'devres-group';
  const dev = src.devices.find((d) => d.id.startsWith('spi') && d.devres.some((e) => e.group === 'driver'));
  if (!dev || k.pmDetachInCleanup) return src;
  return mapTasks(src, (b) => rewriteFn(b, 'spi_remove', (body) => body.flatMap((c) =>
    'fn' in c && c.fn === 'dev_pm_domain_detach'
      ? [...added(F, [{ op: 'devres_release_group', dev: dev.id, group: 'driver' }]), c]
      : [c])));
}

export const FIX_RECORDS: readonly FixRecord[] = [
  {
    id: 'notifier-sleep',
    title: 'spi bus notifier sets mtd_event_remove under nor->lock, then msleep(300) (Liwei Song v2)',
    source: 'seed 000: [PATCH v2] mtd: core: add sync between read/write and unbind device (not merged); kernel-facts model (4)',
    description:
      'A timing bet: it waits for the reader holding nor->lock, then sleeps. A reader that passed the flag check ' +
      'before the lock, a read longer than the sleep, a queue of readers or an erase can still be in flight when devres frees.',
    kernels: ['6.14-rc7', '6.12.117', 'mainline'],
    notOn: {},
    patch: LIWEI_V2,
    transform: notifierSleep,
  },
  {
    id: 'srcu-drain',
    title: 'readers in an SRCU section check "gone"; remover revokes, synchronize_srcu(), then frees',
    source: 'racelanes\' sketch after gpiolib d83cee3d2bb1 and the revocable proposal; kernel-facts model (5) (no such patch exists)',
    description:
      'A handle that outlives the driver guards every entry that reaches driver memory (read, ioctl, open, close); ' +
      'unregister revokes and waits for the readers inside, however long they take; close after the revoke drops ' +
      'its references through the handle.',
    kernels: ['6.14-rc7', '6.12.117', 'mainline'],
    notOn: {},
    caveats: {
      '6.12.117':
        'cadence-quadspi\'s own refcount window stays open: cqspi_remove() sets refcount to 0 and drops inflight_ops before ' +
        'spi_unregister_controller() reaches the mtd revoke, so a reader between its refcount checks and refcount_inc() ' +
        'hits "refcount_t: addition on 0" (mainline\'s 964ee9793760 unregisters first, which closes it); no mtd-level drain can reach it',
    },
    patch: SRCU_SKETCH,
    transform: (s) => srcuDrain(s),
  },
  {
    id: 'devres-group',
    title: 'spi bus opens a devres group at probe, releases it right after remove, before dev_pm_domain_detach',
    source: 'seed 001: Dmitry Torokhov, [PATCH] spi: ensure timely release of driver-allocated resources (not merged for SPI; as i2c 5b5475826c52)',
    description:
      'Fixes teardown order: the driver\'s devm resources go before the PM domain. It does not wait for an in-flight reader.',
    kernels: ['6.14-rc7', '6.12.117'],
    notOn: {
      mainline: 'mainline already detaches the PM domain after devres_release_all() (f99508074e78, c42e36a488c7): spi_remove() has no dev_pm_domain_detach() for the group to go before, so the patch changes nothing',
    },
    patch: 'Dmitry Torokhov 2021 (YFf2RD931nq3RudJ@google.com)',
    transform: devresGroup,
  },
];
