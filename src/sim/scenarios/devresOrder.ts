/**
 * Seed 001 (Dmitry Torokhov, 2021, his ad7877 example): a SPI touchscreen whose
 * driver is all devm (no .remove): input device, a devm action ad7877_disable
 * (disable_irq + del_timer_sync, no chip I/O), a threaded IRQ whose handler does
 * spi_sync() to the chip, and the managed input registration.
 * In 6.12 spi_remove() runs dev_pm_domain_detach() right after the (absent)
 * driver remove, so the IRQ stays requested for the whole devres teardown after
 * the chip's PM domain is gone: an IRQ in that window runs ad7877_irq against a
 * powered-off device. Kernel-facts B.2, B.5 and model (6).
 */
import type { ScenarioSource } from '../types.ts';
import { check, cpu, fn, io, label, lock, repeat, set, state, unlock, use } from '../tree.ts';
import { releaseDriver, sysfsUnbind } from './unbindPaths.ts';

const AD = 'drivers/input/touchscreen/ad7877.c';
const DEVRES = 'drivers/base/devres.c';
const INPUT = 'drivers/input/input.c';

export const devresOrder: ScenarioSource = {
  id: 'devres-order',
  title: 'ad7877 (all devm) unbind: PM domain detached before devres',
  summary:
    'spi_remove() detaches the PM domain before device_unbind_cleanup() releases the driver\'s devm ' +
    'resources, so IRQ 42 stays requested while input_unregister_device() runs on a powered-off ' +
    'device: an interrupt in that window runs ad7877_irq() and spi_sync() into a dead chip.',
  kernel: '6.12 (spi_remove: sdrv->remove, then dev_pm_domain_detach; no devres group)',
  seed: 'seed 001: Dmitry Torokhov, Re: [PATCH] spi: ensure timely release of driver-allocated resources',
  resources: [
    { id: 'ts', label: 'struct ad7877', kind: 'heap', owner: 'devm_kzalloc on spi1.0', file: AD, addr: 0xffff000082c41000 },
    { id: 'input', label: 'input_dev (ts->input)', kind: 'heap', owner: 'devm_input_allocate_device', file: 'drivers/input/input.c', addr: 0xffff000082c42000 },
    { id: 'irq', label: 'IRQ 42 (ad7877_irq)', kind: 'irq', owner: 'devm_request_threaded_irq', file: AD },
    { id: 'pd', label: 'PM domain of spi1.0', kind: 'power', owner: 'dev_pm_domain_attach in spi_probe', file: 'drivers/spi/spi.c' },
    { id: 'chip', label: 'AD7877 registers (over SPI)', kind: 'device', owner: 'spi1.0', file: AD, dependsOn: ['pd'] },
  ],
  // Not a mutex in the kernel: synchronize_irq() waiting for a running threaded
  // handler is modelled as taking and dropping the handler's "running" lock.
  locks: [{ id: 'irq_thread', label: 'IRQ 42 thread (synchronize_irq)' }],
  flags: [{ id: 'irq_requested', label: 'IRQ 42 has a handler', initial: true }],
  srcu: [],
  devices: [
    {
      // ad7877_probe() order; released LIFO by devres_release_all().
      id: 'spi1.0',
      label: 'spi1.0 (ad7877)',
      devres: [
        { res: 'ts', release: 'devm_kmalloc_release', file: DEVRES, what: 'kfree(ts)', group: 'driver' },
        { res: 'input', release: 'devm_input_device_release', file: INPUT, what: 'input_put_device(input_dev)', group: 'driver' },
        {
          res: 'ts', release: 'devm_action_release', file: DEVRES, what: 'ad7877_disable(ts)', group: 'driver', to: 'alive',
          action: [fn('ad7877_disable', AD,
            use('ts', 'mutex_lock(&ts->mutex); ts->disabled = true;'),
            lock('irq_thread', 'disable_irq(ts->spi->irq); /* synchronize_irq: waits for a running handler */'),
            unlock('irq_thread', 'del_timer_sync(&ts->timer); mutex_unlock(&ts->mutex); /* no chip I/O */'))],
        },
        {
          res: 'irq', release: 'devm_irq_release', file: 'kernel/irq/devres.c', what: 'free_irq(spi->irq, ts)', group: 'driver',
          action: [
            lock('irq_thread', 'free_irq(): synchronize_irq(irq); /* waits for a running ad7877_irq */'),
            set('irq_requested', false, 'free_irq(): desc->action = NULL; irq_shutdown(desc);'),
            unlock('irq_thread', 'free_irq(): kthread_stop(action->thread);')],
        },
        {
          res: 'input', release: 'devm_input_device_unregister', file: INPUT, what: 'input_unregister_device(input_dev)', group: 'driver', to: 'alive',
          action: [fn('__input_unregister_device', INPUT,
            cpu(200, 'input_disconnect_device(dev); device_del(&dev->dev); /* handlers, sysfs, uevent */'))],
        },
      ],
    },
  ],
  notifiers: [],
  tasks: [
    {
      id: 'unbind',
      kind: 'unbind',
      comm: 'sh',
      command: 'echo spi1.0 > /sys/bus/spi/drivers/ad7877/unbind',
      pid: 377,
      cpu: 0,
      start: 'at',
      body: [sysfsUnbind('spi1.0', releaseDriver('spi1.0', 'spi',
        fn('spi_remove', 'drivers/spi/spi.c',
          cpu(1, 'if (sdrv->remove) sdrv->remove(spi); /* ad7877 has none: all devm */'),
          fn('dev_pm_domain_detach', 'drivers/base/power/common.c',
            state('pd', 'off', 'dev->pm_domain->detach(dev, true); /* genpd may power off */')))))],
    },
    {
      id: 'irq',
      kind: 'irq',
      comm: 'irq/42-ad7877',
      command: 'pen down: AD7877 raises IRQ 42 (threaded handler ad7877_irq)',
      pid: 112,
      cpu: 1,
      start: 0,
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
  ],
  defaults: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 1300 },
  expect: 'racelanes: AD7877 registers (over SPI) accessed after PM domain of spi1.0 was powered off',
};
