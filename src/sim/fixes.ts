/**
 * Fixes are pure transformations of scenario data (kernel-facts models (4)-(6)).
 * Each one rewrites frames by function name, the way a patch is read, and tags
 * what it adds so the code view can show `+` lines. They compose in FIX_IDS order.
 */
import { check, fn, label, lock, set, sleep, tagFix, rewriteFn, use, hasFn } from './tree.ts';
import type { FixId, Node, ScenarioSource, TaskSource } from './types.ts';
import { FIX_IDS } from './types.ts';

const SPINOR = 'drivers/mtd/spi-nor/core.c';
const MTDCORE = 'drivers/mtd/mtdcore.c';

export interface FixInfo {
  readonly id: FixId;
  /** One line for the toggle. */
  readonly title: string;
  readonly source: string;
}

export const FIXES: Readonly<Record<FixId, FixInfo>> = {
  'notifier-sleep': {
    id: 'notifier-sleep',
    title: 'spi bus notifier sets mtd_event_remove under nor->lock, then msleep(300) (Liwei Song v2)',
    source: 'seed 000; kernel-facts model (4)',
  },
  'srcu-drain': {
    id: 'srcu-drain',
    title: 'readers in an SRCU section check "gone"; remover revokes, synchronize_srcu(), then frees',
    source: 'kernel-facts model (5), after gpiolib d83cee3d2bb1 and revocable',
  },
  'devres-group': {
    id: 'devres-group',
    title: 'spi bus opens a devres group at probe, releases it right after remove, before dev_pm_domain_detach',
    source: 'seed 001 (Dmitry Torokhov); kernel-facts model (6); as i2c 5b5475826c52',
  },
};

function mapTasks(src: ScenarioSource, f: (body: readonly Node[], t: TaskSource) => readonly Node[]): ScenarioSource {
  return { ...src, tasks: src.tasks.map((t) => ({ ...t, body: [...f(t.body, t)] })) };
}

const added = (fix: FixId, nodes: Node[]): Node[] => nodes.map((n) => tagFix(n, fix));

/**
 * Liwei Song's v2 (seed 000): a notifier on spi_bus_type for BUS_NOTIFY_DEL_DEVICE
 * and BUS_NOTIFY_UNBIND_DRIVER; readers test the flag in spi_nor_prep() *before*
 * mutex_lock(&nor->lock), and in __get_mtd_device(). The flag lives in struct
 * spi_nor, so reading it after the free is itself a use after free.
 */
function notifierSleep(src: ScenarioSource): ScenarioSource {
  const F: FixId = 'notifier-sleep';
  const isNor = src.devices.some((d) => d.id === 'spi0.0') && src.flags.some((f) => f.id === 'mtd_registered');
  const body: Node[] = isNor
    ? [fn('spi_nor_remove_notifier_call', SPINOR,
        use('spi_device', 'if (!of_match_device(spi_nor_of_table, dev)) return 0;'),
        use(['spi_device', 'spi_mem', 'spi_nor'], 'mem = spi_get_drvdata(spi); nor = spi_mem_get_drvdata(mem);'),
        lock('nor_lock', 'mutex_lock(&nor->lock);'),
        set('mtd_event_remove', true, 'nor->mtd.mtd_event_remove = true;'),
        { op: 'unlock', lock: 'nor_lock', what: 'mutex_unlock(&nor->lock);' },
        sleep({ param: 'sleep' }, 'msleep(300);'))]
    : [fn('spi_nor_remove_notifier_call', SPINOR, { op: 'cpu', dur: 1, what: 'if (!of_match_device(spi_nor_of_table, dev)) return 0; /* not a spi-nor */' })];
  let out: ScenarioSource = {
    ...src,
    flags: isNor ? [...src.flags, { id: 'mtd_event_remove', label: 'nor->mtd.mtd_event_remove', initial: false, in: 'spi_nor' }] : src.flags,
    notifiers: [...src.notifiers, { bus: 'spi', name: 'spi_nor_remove_nb', events: ['BUS_NOTIFY_DEL_DEVICE', 'BUS_NOTIFY_UNBIND_DRIVER'], fix: F, body: added(F, body) }],
  };
  if (!isNor) return out;
  out = mapTasks(out, (b) => rewriteFn(b, 'spi_nor_prep', (body) => [
    ...added(F, [check('mtd_event_remove', true, 'label:srcu_read_out|srcu_erase_out|cat_exit', 'if (nor->mtd.mtd_event_remove) return -ENODEV;')]),
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
 * Model (5): a long-lived handle H (srcu_struct + __rcu backend) owned by the MTD
 * core. Every operation that reaches driver memory runs inside
 * srcu_read_lock(&H->srcu) and bails out if the backend is gone; the remover,
 * in mtd_device_unregister() before returning to the driver core, publishes
 * "gone" and synchronize_srcu()s, so devres frees nothing a reader still uses.
 * With cqspi_remove()'s order (spi_unregister_controller() first) this also
 * covers the controller's registers and clock.
 */
function srcuDrain(src: ScenarioSource): ScenarioSource {
  const F: FixId = 'srcu-drain';
  const readers = src.tasks.some((t) => hasFn(t.body, 'mtd_device_unregister'));
  if (!readers) return src;
  const guard = (name: string, out: string, after: Node[]) => (b: readonly Node[]) => rewriteFn(b, name, (body) => [
    ...added(F, [
      { op: 'srcu_read_lock', srcu: 'mtd_srcu', what: 'idx = srcu_read_lock(&H->srcu);' },
      check('backend_gone', true, `label:${out}`, 'be = srcu_dereference(H->backend, &H->srcu); if (!be) goto out;'),
    ]),
    ...body,
    ...added(F, [label(out), { op: 'srcu_read_unlock', srcu: 'mtd_srcu', what: 'out: srcu_read_unlock(&H->srcu, idx);' }, ...after]),
  ]);
  let out: ScenarioSource = {
    ...src,
    srcu: [...src.srcu, { id: 'mtd_srcu', label: 'H->srcu (mtd handle)' }],
    flags: [...src.flags, { id: 'backend_gone', label: 'H->backend == NULL' , initial: false }],
  };
  out = mapTasks(out, guard('mtd_read', 'srcu_read_out', [check('$err', true, 'label:cat_exit', 'if (!be) return -ENODEV;')]));
  out = mapTasks(out, guard('mtd_erase', 'srcu_erase_out', [check('$err', true, 'label:cat_exit', 'if (!be) return -ENODEV;')]));
  out = mapTasks(out, guard('__get_mtd_device', 'srcu_get_out', []));
  out = mapTasks(out, guard('__put_mtd_device', 'srcu_put_out', [check('$err', true, 'label:srcu_put_done', '/* backend gone: only H is put */'), label('srcu_put_done')]));
  out = mapTasks(out, (b) => rewriteFn(b, 'mtd_device_unregister', (body) => [
    ...added(F, [fn('mtd_revoke_backend', MTDCORE,
      set('backend_gone', true, 'rcu_assign_pointer(H->backend, NULL);'),
      { op: 'synchronize_srcu', srcu: 'mtd_srcu', what: 'synchronize_srcu(&H->srcu); /* waits for readers that entered before */' })]),
    ...body,
  ]));
  return out;
}

/**
 * Model (6), Dmitry's 2021 patch: spi_probe() opens a devres group around
 * sdrv->probe() (the entries marked `group: 'driver'`), and spi_remove()
 * releases it right after sdrv->remove(), before dev_pm_domain_detach().
 */
function devresGroup(src: ScenarioSource): ScenarioSource {
  const F: FixId = 'devres-group';
  const dev = src.devices.find((d) => d.id.startsWith('spi') && d.devres.some((e) => e.group === 'driver'));
  if (!dev) return src;
  return mapTasks(src, (b) => rewriteFn(b, 'spi_remove', (body) => body.flatMap((c) =>
    'fn' in c && c.fn === 'dev_pm_domain_detach'
      ? [...added(F, [{ op: 'devres_release_group', dev: dev.id, group: 'driver' }]), c]
      : [c])));
}

const TRANSFORMS: Readonly<Record<FixId, (s: ScenarioSource) => ScenarioSource>> = {
  'notifier-sleep': notifierSleep,
  'srcu-drain': srcuDrain,
  'devres-group': devresGroup,
};

/** Applies a set of fixes (order-independent: always applied in FIX_IDS order). */
export function applyFixes(src: ScenarioSource, fixes: readonly FixId[]): ScenarioSource {
  return FIX_IDS.filter((f) => fixes.includes(f)).reduce((s, f) => TRANSFORMS[f](s), src);
}
