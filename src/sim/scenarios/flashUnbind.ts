import type { ScenarioSource } from '../types.ts';
import { FLASH_DEVRES, SPI_NOR_FLAGS, SPI_NOR_LOCKS, SPI_NOR_RESOURCES, eraserTask, readerTask } from './spiNorStack.ts';
import { flashUnbindBody } from './unbindPaths.ts';

/** Seed 000, second trace: unbinding the flash (spi-nor) driver under a reader. */
export const flashUnbind: ScenarioSource = {
  id: 'flash-unbind',
  title: 'spi-nor flash unbind vs cat /dev/mtd0',
  summary:
    'devres_release_all(spi0.0) frees struct spi_nor and struct spi_mem while a reader is inside ' +
    'spi_mem_exec_op(); when exec_op returns, spi_mem_access_end() reloads mem->spi from freed memory: ' +
    'paging request.',
  kernel: '6.14-rc7 (SPI bus as in 6.12: dev_pm_domain_detach in spi_remove)',
  seed: 'seed 000: Liwei Song, [PATCH v2] mtd: core: add sync between read/write and unbind device',
  resources: SPI_NOR_RESOURCES,
  locks: SPI_NOR_LOCKS,
  flags: SPI_NOR_FLAGS,
  srcu: [],
  devices: [FLASH_DEVRES],
  notifiers: [],
  tasks: [
    readerTask(),
    eraserTask(),
    {
      id: 'unbind',
      kind: 'unbind',
      comm: 'sh',
      command: 'echo spi0.0 > /sys/class/mtd/mtd0/device/driver/unbind',
      pid: 466,
      cpu: 3,
      start: 'at',
      body: [flashUnbindBody()],
    },
  ],
  defaults: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 2000 },
  expect: 'Unable to handle kernel paging request',
};
