/**
 * Seed 001 (Dmitry Torokhov, 2021, his ad7877 example): a SPI touchscreen whose
 * driver is all devm (no .remove): input device, a devm action ad7877_disable
 * (disable_irq + del_timer_sync, no chip I/O), a threaded IRQ whose handler does
 * spi_sync() to the chip, and the managed input registration.
 *
 * Before mainline, spi_remove() runs dev_pm_domain_detach() right after the
 * (absent) driver remove. genpd's detach only queues the power-off work
 * (genpd_queue_power_off_work, drivers/pmdomain/core.c); a pm_wq worker powers
 * the domain off some time later, while devres still has IRQ 42 requested: an
 * interrupt in that window runs ad7877_irq() against a powered-off chip. The
 * kernel prints nothing for that (the transfer is lost, the device can no
 * longer be quiesced): racelanes reports it as its own observation.
 * Mainline (f99508074e78, c42e36a488c7) detaches in device_unbind_cleanup()
 * after devres_release_all(). Kernel-facts B.2, B.5 and model (6).
 */
import type { ScenarioDef } from '../catalog.ts';
import type { KernelDef } from '../kernels.ts';
import type { Node } from '../source.ts';
import { check, cpu, fn, io, label, lock, repeat, set, state, unlock, use, wait, when } from '../tree.ts';
import { releaseDriver, sysfsUnbind } from './unbindPaths.ts';

const AD = 'drivers/input/touchscreen/ad7877.c';
const DEVRES = 'drivers/base/devres.c';
const INPUT = 'drivers/input/input.c';
const GENPD = 'drivers/pmdomain/core.c';
const COMMON = 'drivers/base/power/common.c';

/** dev_pm_domain_detach() with a genpd domain: the device leaves it and the power-off is only queued. */
function pmDomainDetach(what: string): Node {
  return fn('dev_pm_domain_detach', COMMON,
    fn('genpd_dev_pm_detach', GENPD,
      cpu(5, 'genpd_remove_device(pd, dev); /* powers nothing off */'),
      set('pd_off_queued', true, `genpd_queue_power_off_work(pd); /* queue_work(pm_wq, &genpd->power_off_work) */ ${what}`)));
}

function spiRemove(k: KernelDef): Node {
  return fn('spi_remove', 'drivers/spi/spi.c',
    cpu(1, 'if (sdrv->remove) sdrv->remove(spi); /* ad7877 has none: all devm */'),
    ...when(!k.pmDetachInCleanup, pmDomainDetach('')));
}

export const devresOrder: ScenarioDef = {
  id: 'devres-order',
  title: 'ad7877 (all devm) unbind: PM domain detached before devres',
  summary:
    'spi_remove() detaches the PM domain before device_unbind_cleanup() releases the driver\'s devm resources; ' +
    'genpd powers the domain off from its worker while IRQ 42 is still requested, so an interrupt in that window ' +
    'runs ad7877_irq() and spi_sync() into a dead chip.',
  seed: 'seed 001: Dmitry Torokhov, Re: [PATCH] spi: ensure timely release of driver-allocated resources',
  source: (k) => ({
    id: 'devres-order',
    title: 'ad7877 (all devm) unbind: PM domain detached before devres',
    summary: '',
    seed: '',
    // Dmitry's example names no board.
    hardware: null,
    resources: [
      { id: 'ts', label: 'struct ad7877', kind: 'heap', owner: 'devm_kzalloc on spi1.0', file: AD },
      { id: 'input', label: 'input_dev (ts->input)', kind: 'heap', owner: 'devm_input_allocate_device', file: INPUT },
      { id: 'irq', label: 'IRQ 42 (ad7877_irq)', kind: 'irq', owner: 'devm_request_threaded_irq', file: AD },
      { id: 'pd', label: 'PM domain of spi1.0', kind: 'power', owner: 'dev_pm_domain_attach in spi_probe', file: 'drivers/spi/spi.c' },
      { id: 'chip', label: 'AD7877 registers (over SPI)', kind: 'device', owner: 'spi1.0', file: AD, dependsOn: ['pd'] },
    ],
    // Not a mutex in the kernel: synchronize_irq() waiting for a running threaded
    // handler is modelled as taking and dropping the handler's "running" lock.
    locks: [{ id: 'irq_thread', label: 'IRQ 42 thread (synchronize_irq)' }],
    flags: [
      { id: 'irq_requested', label: 'IRQ 42 has a handler', initial: true },
      { id: 'pd_off_queued', label: 'genpd power_off_work queued', initial: false },
    ],
    refs: [],
    srcu: [],
    devices: [
      {
        // ad7877_probe() order; released LIFO by devres_release_all().
        id: 'spi1.0',
        label: 'spi1.0 (ad7877)',
        devres: [
          { res: 'ts', release: 'devm_kmalloc_release', file: DEVRES, what: 'kfree(dr); /* struct ad7877 */', freeIn: 'release_nodes', group: 'driver' },
          { res: 'input', release: 'devm_input_device_release', file: INPUT, what: 'input_put_device(input_dev);', group: 'driver' },
          {
            res: 'ts', release: 'devm_action_release', file: DEVRES, what: 'ad7877_disable(ts);', group: 'driver', to: 'alive',
            action: [fn('ad7877_disable', AD,
              use('ts', 'mutex_lock(&ts->mutex); ts->disabled = true;'),
              lock('irq_thread', 'disable_irq(ts->spi->irq); /* synchronize_irq: waits for a running handler */'),
              unlock('irq_thread', `if (${k.timerDeleteSync ? 'timer_delete_sync' : 'del_timer_sync'}(&ts->timer)) ad7877_ts_event_release(ts); mutex_unlock(&ts->mutex); /* no chip I/O */`))],
          },
          {
            res: 'irq', release: 'devm_irq_release', file: 'kernel/irq/devres.c', what: 'free_irq(spi->irq, ts);', group: 'driver',
            action: [
              set('irq_requested', false, '__free_irq(): *action_ptr = action->next; irq_shutdown(desc); /* the last action: the line is masked */'),
              lock('irq_thread', '__free_irq(): __synchronize_irq(desc); /* waits for a running ad7877_irq */'),
              unlock('irq_thread', '__free_irq(): irq_stop_thread(action);')],
          },
          {
            res: 'input', release: 'devm_input_device_unregister', file: INPUT, what: 'input_unregister_device(input_dev);', group: 'driver', to: 'alive',
            action: [fn('__input_unregister_device', INPUT,
              cpu(200, 'input_disconnect_device(dev); device_del(&dev->dev); /* handlers, sysfs, uevent */'))],
          },
        ],
      },
    ],
    notifiers: [],
    tasks: [
      {
        id: 'unbind', kind: 'unbind', comm: 'sh', command: 'echo spi1.0 > /sys/bus/spi/drivers/ad7877/unbind', pid: 377, cpu: 0, start: 'at',
        body: [sysfsUnbind('spi1.0', releaseDriver(k, 'spi1.0', 'spi', spiRemove(k), pmDomainDetach('/* after devres */')))],
      },
      {
        id: 'irq', kind: 'irq', comm: 'irq/42-ad7877', command: 'pen down: AD7877 raises IRQ 42 (threaded handler ad7877_irq)', pid: 112, cpu: 1, start: 0,
        body: [repeat(2, [
          cpu(700, 'AD7877 conversion done: IRQ 42 asserted (falling edge)'),
          fn('irq_thread', 'kernel/irq/manage.c',
            lock('irq_thread', 'irq_thread(): handler running (synchronize_irq() waits for it)'),
            check('irq_requested', false, 'label:irq_done', 'if (!desc->action) return IRQ_NONE; /* free_irq ran */', 'IRQ_NONE'),
            fn('irq_thread_fn', 'kernel/irq/manage.c',
              fn('ad7877_irq', AD,
                use('ts', 'struct ad7877 *ts = handle;'),
                io(['ts', 'chip'], 40, 'error = spi_sync(ts->spi, &ts->msg); /* read the conversion results */'),
                use(['ts', 'input'], 'ad7877_process_data(ts); mod_timer(&ts->timer, jiffies + TS_PEN_UP_TIMEOUT);'))),
            label('irq_done'),
            unlock('irq_thread', 'irq_thread(): handler done'),
            check('$err', true, 'task', 'if (!desc->action) /* no handler left: the line stays masked */', 'IRQ_NONE')),
        ])],
      },
      {
        // pm_wq runs genpd's queued power-off some time after the detach (any time, in mode any).
        id: 'genpd', kind: 'worker', comm: 'kworker/u8:1', command: 'pm_wq: genpd_power_off_work_fn', pid: 45, cpu: 2, start: 0,
        body: [fn('genpd_power_off_work_fn', GENPD,
          wait('pd_off_queued', 'worker: runs once genpd_queue_power_off_work() queued it'),
          fn('genpd_power_off', GENPD,
            state('pd', 'off', 'genpd->power_off(genpd); /* no device left in the domain: it powers off */')))],
      },
    ],
    defaults: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 1300, parts: 2, lat: 0 },
    expect: 'reaches AD7877 registers (over SPI) after PM domain of spi1.0 was powered off',
  }),
};
