/**
 * The two unbind paths of seed 000 as data, per kernel: the driver core
 * sequence of kernel-facts B.1 around each bus's remove. Liwei's notifier
 * hooks run inside `notify` ops; the SRCU and devres-group fixes rewrite
 * frames by name. Sources: drivers/base/dd.c, drivers/spi/spi.c and
 * drivers/spi/spi-cadence-quadspi.c of 6.12.117 (file:line in the audit
 * notes), the applied diffs for 6.14-rc7 and mainline.
 */
import type { KernelDef } from '../kernels.ts';
import { COMMITS } from '../kernels.ts';
import type { DeviceSource, Node, Params } from '../source.ts';
import { cpu, devresReleaseAll, fn, notify, put, set, since, state, syscall, use, wait, when } from '../tree.ts';
import { noPmDomain, putController, putSpiDevice, spiNorRemove } from './spiNorStack.ts';

const DD = 'drivers/base/dd.c';
const CORE = 'drivers/base/core.c';
const SPI = 'drivers/spi/spi.c';
const CQSPI = 'drivers/spi/spi-cadence-quadspi.c';

/** echo <dev> > .../unbind: write(2) down to device_release_driver_internal (B.1). */
export function sysfsUnbind(dev: string, inner: Node): Node {
  return syscall('__arm64_sys_write', 'fs/read_write.c',
    fn('ksys_write', 'fs/read_write.c',
      fn('vfs_write', 'fs/read_write.c',
        fn('kernfs_fop_write_iter', 'fs/kernfs/file.c',
          fn('sysfs_kf_write', 'fs/sysfs/file.c',
            fn('drv_attr_store', 'drivers/base/bus.c',
              fn('unbind_store', 'drivers/base/bus.c',
                cpu(3, `dev = bus_find_device_by_name(bus, NULL, "${dev}");`),
                fn('device_driver_detach', DD, inner))))))));
}

/** The line of device_unbind_cleanup() that clears the driver: device_set_driver() from 04d3e5461c1f on. */
export function clearDriverLine(k: KernelDef): string {
  return k.deviceSetDriver ? 'device_set_driver(dev, NULL); dev_set_drvdata(dev, NULL);' : 'dev->driver = NULL; dev_set_drvdata(dev, NULL);';
}

/**
 * device_unbind_cleanup(dev) (dd.c): devres first, then the driver pointer is
 * cleared; mainline then detaches the PM domain here (f99508074e78), after the
 * driver's memory is gone. `detach` is the device's dev_pm_domain_detach().
 */
function unbindCleanup(k: KernelDef, dev: string, cleared: Node, detach: Node): Node {
  return fn('device_unbind_cleanup', DD,
    devresReleaseAll(dev),
    cpu(1, 'arch_teardown_dma_ops(dev); kfree(dev->dma_range_map); dev->dma_range_map = NULL;'),
    k.deviceSetDriver ? since(COMMITS.deviceSetDriver.id, cleared) : cleared,
    ...when(k.pmDetachInCleanup, since(COMMITS.pmDetachCleanup.id, detach)));
}

/**
 * device_release_driver_internal(dev) -> __device_release_driver (B.1 steps 1-10):
 * UNBIND_DRIVER notifier before remove, devres_release_all after it. `detach`
 * is the device's dev_pm_domain_detach() (the bus remove calls it before
 * mainline; `busRemove` includes it there); `cleared` is the step clearing the
 * driver pointer when it matters to another task.
 */
export function releaseDriver(k: KernelDef, dev: string, bus: string, busRemove: Node, detach: Node, cleared: Node = cpu(1, clearDriverLine(k))): Node {
  return fn('device_release_driver_internal', DD,
    cpu(2, 'device_lock(dev);'),
    fn('__device_release_driver', DD,
      cpu(2, 'pm_runtime_get_sync(dev); driver_sysfs_remove(dev);'),
      notify(bus, 'BUS_NOTIFY_UNBIND_DRIVER', dev),
      cpu(2, 'pm_runtime_put_sync(dev);'),
      fn('device_remove', DD, busRemove),
      unbindCleanup(k, dev, cleared, detach),
      notify(bus, 'BUS_NOTIFY_UNBOUND_DRIVER', dev)),
    cpu(1, 'device_unlock(dev);'));
}

/** echo spi0.0 > /sys/class/mtd/mtd0/device/driver/unbind (model (3), F0-F6). */
export function flashUnbindBody(k: KernelDef, p: Params): Node {
  return sysfsUnbind('spi0.0', releaseDriver(k, 'spi0.0', 'spi', spiNorRemove(k, p), noPmDomain('spi0.0')));
}

/** ff8d2000.spi's devres list in cqspi_probe order (released LIFO after cqspi_remove). */
export const CONTROLLER_DEVRES: DeviceSource = {
  id: 'ff8d2000.spi',
  label: 'ff8d2000.spi (cadence-qspi)',
  devres: [
    {
      res: 'ctlr', release: 'devm_spi_release_controller', file: SPI, what: 'spi_controller_put(ctlr);', to: 'alive',
      action: [putController('spi_controller_put(ctlr); /* devm_spi_alloc_host\'s reference */')],
    },
    { res: 'qspi_clk', release: 'devm_clk_release', file: 'drivers/clk/clk-devres.c', what: 'clk_put(cqspi->clk);', to: 'alive' },
    { res: 'iobase', release: 'devm_ioremap_release', file: 'lib/devres.c', what: 'iounmap(cqspi->iobase);', to: 'unmapped' },
    { res: 'ahb_base', release: 'devm_ioremap_release', file: 'lib/devres.c', what: 'iounmap(cqspi->ahb_base);', to: 'unmapped' },
    { res: 'qspi_irq', release: 'devm_irq_release', file: 'kernel/irq/devres.c', what: 'free_irq(irq, cqspi);' },
  ],
};

/** spi_unregister_controller() (spi.c): the flash child, then the controller's own device; no bus_lock, no io_mutex. */
function spiUnregisterController(k: KernelDef, p: Params): Node {
  const spiUnregisterDevice = fn('spi_unregister_device', SPI,
    cpu(1, 'if (spi->dev.of_node) { of_node_clear_flag(spi->dev.of_node, OF_POPULATED); of_node_put(spi->dev.of_node); }'),
    fn('device_del', CORE,
      notify('spi', 'BUS_NOTIFY_DEL_DEVICE', 'spi0.0'),
      fn('bus_remove_device', 'drivers/base/bus.c',
        fn('device_release_driver', DD, releaseDriver(k, 'spi0.0', 'spi', spiNorRemove(k, p), noPmDomain('spi0.0')))),
      devresReleaseAll('spi0.0')),
    cpu(1, 'spi_cleanup(spi);'),
    fn('put_device', CORE, putSpiDevice('put_device(&spi->dev); /* its registration\'s reference */')));
  return fn('spi_unregister_controller', SPI,
    cpu(1, 'mutex_lock(&ctlr->add_lock); /* takes neither bus_lock_mutex nor io_mutex */'),
    fn('device_for_each_child', CORE, fn('__unregister', SPI, spiUnregisterDevice)),
    cpu(1, 'if (ctlr->queued) spi_destroy_queue(ctlr); /* cadence-quadspi sets only mem_ops: not queued, nothing waits */'),
    cpu(3, 'list_del(&ctlr->list); device_del(&ctlr->dev); idr_remove(&spi_master_idr, id); mutex_unlock(&ctlr->add_lock);'),
    cpu(1, 'if (!ctlr->devm_allocated) put_device(&ctlr->dev); /* devm: the reference stays with devres */'));
}

/** cqspi_remove() for each kernel (kernel-facts B.3; the audit's 2a-2e). */
function cqspiRemove(k: KernelDef, p: Params): Node {
  const rc = COMMITS.cqspiRefcount.id;
  const dropRefcount = k.cqspiRefcount
    ? [
        since(rc, set('cqspi_dying', true, 'refcount_set(&cqspi->refcount, 0);')),
        since(rc, put('inflight', 'if (!refcount_dec_and_test(&cqspi->inflight_ops))')),
        since(rc, fn('cqspi_wait_idle', CQSPI,
          wait('cqspi_idle', 'cqspi_wait_idle(cqspi): polls the controller\'s IDLE bit (500 ms timeout), not inflight_ops', 500_000))),
      ]
    : [];
  const unregister = spiUnregisterController(k, p);
  const disable = fn('cqspi_controller_enable', CQSPI,
    use('iobase', 'reg = readl(reg_base + CQSPI_REG_CONFIG);'),
    state('qspi_hw', 'disabled', 'writel(reg & ~CQSPI_REG_CONFIG_ENABLE_MASK, reg_base + CQSPI_REG_CONFIG);'));
  const clocks: Node[] = k.cqspiDisableUnderPm
    ? [
        k.cqspiNoRuntimePm
          ? cpu(1, 'if (ret >= 0) { /* socfpga: CQSPI_DISABLE_RUNTIME_PM, so ret = 0 without pm_runtime_get_sync() */')
          : cpu(2, 'if (pm_runtime_get_sync(&pdev->dev) >= 0) {'),
        since(COMMITS.cqspiUnclocked.id, disable),
        k.cqspiBulkClocks
          ? state('qspi_clk', 'gated', 'clk_bulk_disable_unprepare(CLK_QSPI_NUM, cqspi->clks); }')
          : since(COMMITS.cqspiPmUnbalance.id, state('qspi_clk', 'gated', 'clk_disable(cqspi->clk); }')),
      ]
    : [disable, cpu(1, 'if (cqspi->rx_chan) dma_release_channel(cqspi->rx_chan); /* no DMA channel on socfpga */'), state('qspi_clk', 'gated', 'clk_disable_unprepare(cqspi->clk);')];
  return fn('cqspi_remove', CQSPI,
    // 6.14: unregister first (no refcount yet); 6.12.117: refcount, wait, unregister; mainline: 964ee9793760 puts unregister first again.
    ...(k.cqspiUnregisterFirst ? [k.cqspiRefcount ? since(COMMITS.cqspiDeregister.id, unregister) : unregister, ...dropRefcount] : [...dropRefcount, unregister]),
    ...when(k.cqspiDisableUnderPm, cpu(1, 'if (cqspi->rx_chan) dma_release_channel(cqspi->rx_chan); /* no DMA channel on socfpga */')),
    ...clocks,
    ...when(!k.cqspiNoRuntimePm, cpu(2, 'pm_runtime_put_sync(&pdev->dev); pm_runtime_disable(&pdev->dev);')));
}

/** echo ff8d2000.spi > /sys/bus/platform/drivers/cadence-qspi/unbind (model (2), C0-C8). */
export function controllerUnbindBody(k: KernelDef, p: Params): Node {
  const platformRemove = fn('platform_remove', 'drivers/base/platform.c',
    cqspiRemove(k, p),
    ...when(!k.pmDetachInCleanup, noPmDomain('ff8d2000.spi')));
  return sysfsUnbind('ff8d2000.spi', releaseDriver(k, 'ff8d2000.spi', 'platform', platformRemove, noPmDomain('ff8d2000.spi'),
    state('pdev_driver', 'null', clearDriverLine(k))));
}
