import type { ScenarioSource } from '../types.ts';
import { CONTROLLER_DEVRES, FLASH_DEVRES, SPI_NOR_FLAGS, SPI_NOR_LOCKS, SPI_NOR_RESOURCES, eraserTask, readerTask } from './spiNorStack.ts';
import { controllerUnbindBody } from './unbindPaths.ts';

/** Seed 000, first trace: unbinding the Cadence QSPI controller under a reader. */
export const qspiUnbind: ScenarioSource = {
  id: 'qspi-unbind',
  title: 'cadence-qspi controller unbind vs cat /dev/mtd0',
  summary:
    'cqspi_remove() unregisters the controller (freeing the flash\'s spi_nor/spi_mem and spi_device), then ' +
    'disables the controller and gates its clock while a reader is still draining the FIFO in ' +
    'cqspi_indirect_read_execute(): synchronous external abort.',
  kernel: '6.14-rc7 (cqspi_remove order of v6.14-v6.16, no cqspi refcount)',
  seed: 'seed 000: Liwei Song, [PATCH v2] mtd: core: add sync between read/write and unbind device',
  resources: SPI_NOR_RESOURCES,
  locks: SPI_NOR_LOCKS,
  flags: SPI_NOR_FLAGS,
  srcu: [],
  devices: [FLASH_DEVRES, CONTROLLER_DEVRES],
  notifiers: [],
  tasks: [
    readerTask(),
    eraserTask(),
    {
      id: 'unbind',
      kind: 'unbind',
      comm: 'sh',
      command: 'echo ff8d2000.spi > /sys/bus/platform/drivers/cadence-qspi/unbind',
      pid: 466,
      cpu: 3,
      start: 'at',
      body: [controllerUnbindBody()],
    },
  ],
  defaults: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 2000 },
  expect: 'Internal error: synchronous external abort',
};
