/**
 * The kernels people run, as data. A scenario is written once; each kernel
 * record says which of the changes that matter here it carries, with the
 * commit that brought each, and the scenario builders read these flags. The
 * code view shows a kernel's own lines with their commit ids.
 *
 * Sources: /work/notes audit of the 6.12.117 tree, kernel-facts.md sections
 * B (unbind paths), C.7 and D (what landed after the thread).
 */
import type { KernelId } from './source.ts';

/** A change to the code racelanes models, as it landed upstream. */
export interface Commit {
  readonly id: string;
  readonly title: string;
}

export const COMMITS = {
  cqspiRefcount: { id: '7446284023e8', title: 'spi: cadence-quadspi: Implement refcount to handle unbind during busy' },
  cqspiExecOpErrors: { id: '59e1be1278f0', title: 'spi: cadence-quadspi: Fix exec_mem_op error handling (PM reference after the refcount checks)' },
  cqspiPmUnbalance: { id: 'b07f349d1864', title: 'spi: spi-cadence-quadspi: Fix pm runtime unbalance' },
  cqspiUnclocked: { id: '233db2cb14db', title: 'spi: cadence-quadspi: fix unclocked access on unbind' },
  cqspiDeregister: { id: '964ee9793760', title: 'spi: cadence-quadspi: fix controller deregistration' },
  pmDetachCleanup: { id: 'f99508074e78', title: 'PM: domains: Detach on device_unbind_cleanup()' },
  spiDropDetach: { id: 'c42e36a488c7', title: 'spi: Drop dev_pm_domain_detach() call' },
  platformDropDetach: { id: 'ba2ebd52a22e', title: 'driver core: platform: Drop dev_pm_domain_detach() call' },
  deviceSetDriver: { id: '04d3e5461c1f', title: 'driver core: introduce device_set_driver() helper' },
  timerDeleteSync: { id: '8fa7292fee5c', title: 'treewide: Switch/rename to timer_delete[_sync]()' },
} as const satisfies Record<string, Commit>;

export interface KernelDef {
  readonly id: KernelId;
  /** For the selector, after the id: what it is. */
  readonly title: string;
  /** What follows "Not tainted" in a report; null when racelanes does not know the build's string. */
  readonly release: string | null;
  /** arm64 call traces mark the faulting frame `(P)` (6.14 on; 6.12 prints no markers). */
  readonly traceMarkers: boolean;
  /** cqspi_exec_mem_op()/cqspi_indirect_read_execute() check cqspi->refcount; cqspi_remove() drops it and waits for the IDLE bit. */
  readonly cqspiRefcount: boolean;
  /** cqspi_remove() calls spi_unregister_controller() before anything else. */
  readonly cqspiUnregisterFirst: boolean;
  /** cqspi_remove() disables the controller only after pm_runtime_get_sync() succeeded, and gates the clock with clk_disable(). */
  readonly cqspiDisableUnderPm: boolean;
  /** The socfpga quirk CQSPI_DISABLE_RUNTIME_PM: no runtime PM calls on Stratix 10. */
  readonly cqspiNoRuntimePm: boolean;
  /** dev_pm_domain_detach() runs in device_unbind_cleanup(), after devres_release_all(); the buses no longer call it. */
  readonly pmDetachInCleanup: boolean;
  /** device_unbind_cleanup() clears the driver with device_set_driver(dev, NULL) (v6.15, backported to 6.12.y and 6.14.y), not `dev->driver = NULL`. */
  readonly deviceSetDriver: boolean;
  /** del_timer_sync() is called timer_delete_sync() (v6.15's tree-wide rename). */
  readonly timerDeleteSync: boolean;
  /** The cadence-quadspi clocks are a clk_bulk array (clk_bulk_disable_unprepare), not one cqspi->clk. */
  readonly cqspiBulkClocks: boolean;
  /** The commits behind the flags this kernel has, for the code view and the docs. */
  readonly commits: readonly Commit[];
  readonly notes: string;
}

export const KERNELS: readonly KernelDef[] = [
  {
    id: '6.14-rc7',
    title: "the seed's kernel (Liwei Song's reports)",
    release: '6.14.0-rc7-yocto-standard+',
    traceMarkers: true,
    cqspiRefcount: false,
    cqspiUnregisterFirst: true,
    cqspiDisableUnderPm: false,
    cqspiNoRuntimePm: false,
    pmDetachInCleanup: false,
    deviceSetDriver: false,
    timerDeleteSync: false,
    cqspiBulkClocks: false,
    commits: [],
    notes:
      'cqspi_remove() of v6.14-v6.15 (rebuilt from the diff context of 7446284023e8 and b07f349d1864): ' +
      'spi_unregister_controller(), cqspi_controller_enable(0), clk_disable_unprepare(). spi_remove() and ' +
      'platform_remove() call dev_pm_domain_detach() after the driver\'s remove.',
  },
  {
    id: '6.12.117',
    title: 'stable, with the cadence-quadspi refcount backport',
    release: '6.12.117',
    traceMarkers: false,
    cqspiRefcount: true,
    cqspiUnregisterFirst: false,
    cqspiDisableUnderPm: true,
    cqspiNoRuntimePm: false,
    pmDetachInCleanup: false,
    deviceSetDriver: true,
    timerDeleteSync: false,
    cqspiBulkClocks: false,
    commits: [COMMITS.cqspiRefcount, COMMITS.cqspiExecOpErrors, COMMITS.cqspiPmUnbalance, COMMITS.cqspiUnclocked, COMMITS.deviceSetDriver],
    notes:
      'Verbatim from the 6.12.117 tree: cqspi_remove() sets refcount to 0 and waits for the controller\'s IDLE bit ' +
      '(not for inflight_ops) before spi_unregister_controller(); the read path checks the refcount only at the top ' +
      'of cqspi_exec_mem_op() and cqspi_indirect_read_execute(). No 964ee9793760, no CQSPI_DISABLE_RUNTIME_PM.',
  },
  {
    id: 'mainline',
    title: 'as of 2026: controller deregistered first, PM domain detached after devres',
    release: null,
    traceMarkers: true,
    cqspiRefcount: true,
    cqspiUnregisterFirst: true,
    cqspiDisableUnderPm: true,
    cqspiNoRuntimePm: true,
    pmDetachInCleanup: true,
    deviceSetDriver: true,
    timerDeleteSync: true,
    cqspiBulkClocks: true,
    commits: [
      COMMITS.cqspiRefcount, COMMITS.cqspiExecOpErrors, COMMITS.cqspiPmUnbalance, COMMITS.cqspiUnclocked, COMMITS.cqspiDeregister,
      COMMITS.pmDetachCleanup, COMMITS.spiDropDetach, COMMITS.platformDropDetach, COMMITS.deviceSetDriver, COMMITS.timerDeleteSync,
    ],
    notes:
      'Rebuilt from the applied diffs (no full 2026 file was available): 964ee9793760 moves spi_unregister_controller() ' +
      'before the refcount drop; f99508074e78, c42e36a488c7 and ba2ebd52a22e move dev_pm_domain_detach() into ' +
      'device_unbind_cleanup() after devres_release_all(); socfpga has CQSPI_DISABLE_RUNTIME_PM. The clocks are a clk_bulk ' +
      'array (clk_bulk_disable_unprepare in cqspi_remove); their devres entry is shown as 6.12\'s devm_clk_get (not checked against 2026 source).',
  },
];

export const DEFAULT_KERNEL: KernelId = '6.14-rc7';
