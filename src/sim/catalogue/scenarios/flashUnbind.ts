import type { ScenarioDef } from '../catalog.ts';
import { FLASH_DEVRES, SPI_NOR_LOCKS, eraserTask, readerTask, spiNorFlags, spiNorRefs, spiNorResources } from './spiNorStack.ts';
import { flashUnbindBody } from './unbindPaths.ts';

/** Seed 000, second trace: unbinding the flash (spi-nor) driver under a reader. */
export const flashUnbind: ScenarioDef = {
  id: 'flash-unbind',
  title: 'spi-nor flash unbind vs cat /dev/mtd0',
  summary:
    'devres_release_all(spi0.0) frees struct spi_nor and struct spi_mem while a reader is inside ' +
    'spi_mem_exec_op(); when exec_op returns, spi_mem_access_end() reloads mem->spi from freed memory: ' +
    'paging request.',
  seed: 'seed 000: Liwei Song, [PATCH v2] mtd: core: add sync between read/write and unbind device',
  source: (k, p) => ({
    id: 'flash-unbind',
    title: 'spi-nor flash unbind vs cat /dev/mtd0',
    summary: '',
    seed: '',
    hardware: 'SoCFPGA Stratix 10 SoCDK (DT)',
    resources: spiNorResources(p),
    locks: SPI_NOR_LOCKS,
    flags: spiNorFlags(k),
    refs: spiNorRefs(k, p),
    srcu: [],
    devices: [FLASH_DEVRES],
    notifiers: [],
    tasks: [
      // The seed's crash #2 report: CPU: 2 UID: 0 PID: 459 Comm: cat.
      readerTask(k, p, 459, 2),
      eraserTask(p),
      // racelanes' choice: the seed does not show the shell's pid or CPU.
      { id: 'unbind', kind: 'unbind', comm: 'sh', command: 'echo spi0.0 > /sys/class/mtd/mtd0/device/driver/unbind', pid: 420, cpu: 0, start: 'at', body: [flashUnbindBody(k, p)] },
    ],
    defaults: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 2000, parts: 2, lat: 0 },
    expect: 'Unable to handle kernel paging request',
  }),
};
