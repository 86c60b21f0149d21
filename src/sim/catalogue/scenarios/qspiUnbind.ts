import type { ScenarioDef } from '../catalog.ts';
import { FLASH_DEVRES, SPI_NOR_LOCKS, eraserTask, readerTask, spiNorFlags, spiNorRefs, spiNorResources } from './spiNorStack.ts';
import { CONTROLLER_DEVRES, controllerUnbindBody } from './unbindPaths.ts';

/** Seed 000, first trace: unbinding the Cadence QSPI controller under a reader. */
export const qspiUnbind: ScenarioDef = {
  id: 'qspi-unbind',
  title: 'cadence-qspi controller unbind vs cat /dev/mtd0',
  summary:
    'cqspi_remove() unregisters the controller (the flash\'s spi_nor and spi_mem go with its driver), then disables ' +
    'the controller and gates its clock while a reader is still draining the FIFO in cqspi_indirect_read_execute(): ' +
    'synchronous external abort.',
  seed: 'seed 000: Liwei Song, [PATCH v2] mtd: core: add sync between read/write and unbind device',
  source: (k, p) => ({
    id: 'qspi-unbind',
    title: 'cadence-qspi controller unbind vs cat /dev/mtd0',
    summary: '',
    seed: '',
    hardware: 'SoCFPGA Stratix 10 SoCDK (DT)',
    resources: spiNorResources(p),
    locks: SPI_NOR_LOCKS,
    flags: spiNorFlags(k),
    refs: spiNorRefs(k, p),
    srcu: [],
    devices: [FLASH_DEVRES, CONTROLLER_DEVRES],
    notifiers: [],
    tasks: [
      // The seed's crash #1 report: CPU: 3 UID: 0 PID: 466 Comm: cat.
      readerTask(k, p, 466, 3),
      eraserTask(p),
      // racelanes' choice: the seed does not show the shell's pid or CPU.
      { id: 'unbind', kind: 'unbind', comm: 'sh', command: 'echo ff8d2000.spi > /sys/bus/platform/drivers/cadence-qspi/unbind', pid: 420, cpu: 0, start: 'at', body: [controllerUnbindBody(k, p)] },
    ],
    defaults: QSPI_DEFAULTS,
    expect: 'Internal error: synchronous external abort',
  }),
};

const QSPI_DEFAULTS = { read: 5000, sleep: 300_000, readers: 1, erase: null, at: 2000, parts: 2, lat: 0 } as const;
