/**
 * The two unbind paths of seed 000 as data: the driver core sequence of
 * kernel-facts B.1 around each bus's remove. Liwei's notifier hooks run inside
 * `notify` ops; the SRCU and devres-group fixes rewrite frames by name.
 */
import type { Node } from '../types.ts';
import { cpu, devresReleaseAll, fn, free, notify, state, syscall, use } from '../tree.ts';
import { spiNorRemove } from './spiNorStack.ts';

const DD = 'drivers/base/dd.c';
const CORE = 'drivers/base/core.c';
const SPI = 'drivers/spi/spi.c';
const CQSPI = 'drivers/spi/spi-cadence-quadspi.c';

/** echo <dev> > .../unbind: write(2) down to __device_release_driver (B.1). */
export function sysfsUnbind(dev: string, inner: Node): Node {
  return syscall('__arm64_sys_write', 'fs/read_write.c',
    fn('ksys_write', 'fs/read_write.c',
      fn('vfs_write', 'fs/read_write.c',
        fn('kernfs_fop_write_iter', 'fs/kernfs/file.c',
          fn('unbind_store', 'drivers/base/bus.c',
            cpu(3, `dev = bus_find_device_by_name(bus, NULL, "${dev}");`),
            fn('device_driver_detach', DD, inner))))));
}

/**
 * __device_release_driver(dev) with the bus remove given (B.1 steps 1-10, 6.12):
 * UNBIND_DRIVER notifier before remove, devres_release_all after it.
 */
export function releaseDriver(dev: string, bus: string, busRemove: Node): Node {
  return fn('device_release_driver_internal', DD,
    cpu(2, 'device_lock(dev);'),
    fn('__device_release_driver', DD,
      cpu(2, 'pm_runtime_get_sync(dev); driver_sysfs_remove(dev);'),
      notify(bus, 'BUS_NOTIFY_UNBIND_DRIVER', dev),
      cpu(2, 'pm_runtime_put_sync(dev);'),
      fn('device_remove', DD, busRemove),
      fn('device_unbind_cleanup', DD,
        devresReleaseAll(dev),
        cpu(1, 'dev->driver = NULL; dev_set_drvdata(dev, NULL);')),
      notify(bus, 'BUS_NOTIFY_UNBOUND_DRIVER', dev)),
    cpu(1, 'device_unlock(dev);'));
}

/** echo spi0.0 > /sys/class/mtd/mtd0/device/driver/unbind (model (3), F0-F6). */
export function flashUnbindBody(): Node {
  return sysfsUnbind('spi0.0', releaseDriver('spi0.0', 'spi', spiNorRemove()));
}

/** echo ff8d2000.spi > /sys/bus/platform/drivers/cadence-qspi/unbind (model (2), C0-C8, v6.14-v6.16 order). */
export function controllerUnbindBody(): Node {
  const spiUnregisterDevice = fn('spi_unregister_device', SPI,
    fn('device_del', CORE,
      notify('spi', 'BUS_NOTIFY_DEL_DEVICE', 'spi0.0'),
      fn('bus_remove_device', 'drivers/base/bus.c',
        fn('device_release_driver', DD, releaseDriver('spi0.0', 'spi', spiNorRemove())))),
    cpu(1, 'spi_cleanup(spi);'),
    fn('put_device', CORE,
      fn('spidev_release', SPI, free('spi_device', 'spi_controller_put(spi->controller); kfree(spi);'))));

  const cqspiRemove = fn('cqspi_remove', CQSPI,
    fn('spi_unregister_controller', SPI,
      cpu(1, 'mutex_lock(&ctlr->add_lock); /* takes neither bus_lock_mutex nor io_mutex */'),
      fn('device_for_each_child', CORE, fn('__unregister', SPI, spiUnregisterDevice)),
      fn('spi_destroy_queue', SPI, cpu(5, 'spi_stop_queue(ctlr); /* message queue only: exec_op bypasses it */')),
      cpu(3, 'device_del(&ctlr->dev); idr_remove(&spi_master_idr, id);')),
    fn('cqspi_controller_enable', CQSPI,
      use('iobase', 'reg = readl(reg_base + CQSPI_REG_CONFIG);'),
      state('qspi_hw', 'disabled', 'writel(reg & ~CQSPI_REG_CONFIG_ENABLE_MASK, reg_base + CQSPI_REG_CONFIG);')),
    cpu(2, 'pm_runtime_get_sync(&pdev->dev);'),
    state('qspi_clk', 'gated', 'clk_disable(cqspi->clk);'),
    cpu(2, 'pm_runtime_put_sync(&pdev->dev); pm_runtime_disable(&pdev->dev);'));

  const platformRemove = fn('platform_remove', 'drivers/base/platform.c',
    cqspiRemove,
    fn('dev_pm_domain_detach', 'drivers/base/power/common.c', cpu(2, 'dev->pm_domain->detach(dev, true); /* <= 6.16 */')));

  return sysfsUnbind('ff8d2000.spi', releaseDriver('ff8d2000.spi', 'platform', platformRemove));
}
