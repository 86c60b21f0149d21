/**
 * The Cadence QSPI + SPI-NOR + mtdchar stack of seed 000 (Stratix 10 SoCDK),
 * shared by `qspi-unbind` and `flash-unbind`: resources, locks, reference
 * counts, devres lists and the reader / eraser tasks, for each kernel. Paths
 * follow the 6.12.117 source (file:line in /work/notes/kernel-audit.md) and
 * kernel-facts.md model (1) and A.1-A.5.
 *
 * Modelling choices where the sources leave a choice:
 * - `while true; do cat /dev/mtd0; done` is unrolled to 2 runs of `cat`
 *   (READ_PASSES), each reading 2 chunks of 128 KiB (CHUNKS_PER_PASS): enough
 *   to place the unbind before, inside and between every step of a run and
 *   to see what the next open does. Each run of `cat` is a new process in
 *   reality; the model keeps one pid per loop.
 * - With cadence-quadspi one 128 KiB chunk is one spi-mem op and one
 *   `cqspi_indirect_read_execute()` (A.4); its FIFO drain is one I/O interval
 *   of `read` µs touching `ahb_base`, `iobase` and `cqspi_st`.
 * - `/dev/mtd0` is the first fixed partition when `parts` >= 1 (the board's
 *   device tree has two; CONFIG_MTD_PARTITIONED_MASTER is off in the arm64
 *   defconfig), else the whole flash (the master `mtd_info` inside
 *   `struct spi_nor`). A partition's `mtd_info` is its own allocation with its
 *   own kref, and its struct device holds a reference on spi0.0.
 * - `spi_nor_restore()` issues no EX4B here (that needs the DT property
 *   `broken-flash-reset`, which the SoCDK lacks); it would issue a soft reset
 *   only if the chip's SFDP sets BFPT DWORD16 bit 12, which no public dump
 *   shows: not modelled (a documented uncertainty).
 * - Stratix 10 has no PM domain on the QSPI nor on spi0.0: dev_pm_domain_detach()
 *   does nothing here.
 */
import type { KernelDef } from '../kernels.ts';
import { COMMITS } from '../kernels.ts';
import type { DeviceSource, FlagDef, LockDef, Node, Params, RefDef, ResourceDef, TaskSource } from '../source.ts';
import {
  check, checkZero, cpu, fn, free, get, goto, io, label, lock, put, putAboveOne, repeat, returnToUserFput, set, since, syscall, unlock, use, when,
} from '../tree.ts';

const MTDCHAR = 'drivers/mtd/mtdchar.c';
const MTDCORE = 'drivers/mtd/mtdcore.c';
const MTDPART = 'drivers/mtd/mtdpart.c';
const SPINOR = 'drivers/mtd/spi-nor/core.c';
const SPIMEM = 'drivers/spi/spi-mem.c';
const SPI = 'drivers/spi/spi.c';
const CQSPI = 'drivers/spi/spi-cadence-quadspi.c';
const DEVRES = 'drivers/base/devres.c';
const CORE = 'drivers/base/core.c';

/** The probe stack of spi0.0's driver memory (KASAN's "Allocated by task" lines), innermost first. */
const FLASH_PROBE = ['spi_mem_probe', 'spi_probe', 'really_probe', '__driver_probe_device', 'driver_probe_device'];
const DEVM = ['kasan_save_track', 'kasan_save_alloc_info', '__kasan_kmalloc', '__kmalloc_node_track_caller_noprof', 'devm_kmalloc'];

export function spiNorResources(p: Params): ResourceDef[] {
  const part: ResourceDef[] = p.parts > 0
    ? [{ id: 'part', label: 'mtd0 partition (struct mtd_info)', kind: 'heap', owner: 'kzalloc in allocate_partition(); freed by the last kref put', file: MTDPART,
        alloc: ['kasan_save_track', 'kasan_save_alloc_info', '__kasan_kmalloc', '__kmalloc_cache_noprof', 'allocate_partition', 'add_mtd_partitions', 'parse_mtd_partitions', 'mtd_device_parse_register', 'spi_nor_probe'] }]
    : [];
  return [
    ...part,
    { id: 'spi_nor', label: 'struct spi_nor', kind: 'heap', owner: 'devm_kzalloc on spi0.0 (spi_nor_probe): master mtd_info, nor->lock, chrdev_lock', file: SPINOR, alloc: [...DEVM, 'spi_nor_probe', ...FLASH_PROBE] },
    { id: 'spi_mem', label: 'struct spi_mem', kind: 'heap', owner: 'devm_kzalloc on spi0.0 (spi_mem_probe)', file: SPIMEM, alloc: [...DEVM, ...FLASH_PROBE] },
    { id: 'rdesc', label: 'nor->dirmap.rdesc', kind: 'heap', owner: 'kzalloc in spi_mem_dirmap_create, devres on spi0.0', file: SPIMEM,
      alloc: ['kasan_save_track', 'kasan_save_alloc_info', '__kasan_kmalloc', '__kmalloc_cache_noprof', 'spi_mem_dirmap_create', 'devm_spi_mem_dirmap_create', 'spi_nor_probe', ...FLASH_PROBE] },
    { id: 'bouncebuf', label: 'nor->bouncebuf', kind: 'heap', owner: 'devm_kmalloc on spi0.0', file: SPINOR, alloc: [...DEVM, 'spi_nor_probe', ...FLASH_PROBE] },
    { id: 'spi_device', label: 'struct spi_device (spi0.0)', kind: 'heap', owner: 'kzalloc in spi_alloc_device; kfree in spidev_release (last reference)', file: SPI,
      alloc: ['kasan_save_track', 'kasan_save_alloc_info', '__kasan_kmalloc', '__kmalloc_cache_noprof', 'spi_alloc_device', 'of_register_spi_device', 'of_register_spi_devices', 'spi_register_controller', 'cqspi_probe'] },
    { id: 'ctlr', label: 'spi_controller + cqspi_st', kind: 'heap', owner: 'devm_spi_alloc_host on ff8d2000.spi; kfree in spi_controller_release (last reference)', file: CQSPI,
      alloc: ['kasan_save_track', 'kasan_save_alloc_info', '__kasan_kmalloc', '__kmalloc_noprof', '__spi_alloc_controller', '__devm_spi_alloc_controller', 'cqspi_probe'] },
    { id: 'qspi_hw', label: 'QSPI controller (enable bit)', kind: 'hw', owner: 'cqspi_controller_enable()', file: CQSPI },
    { id: 'qspi_clk', label: 'qspi clock', kind: 'clock', owner: 'devm_clk_get + clk_prepare_enable', file: CQSPI },
    { id: 'iobase', label: 'iobase (registers)', kind: 'mmio', owner: 'devm_platform_ioremap_resource(pdev, 0)', file: CQSPI, dependsOn: ['qspi_clk'] },
    { id: 'ahb_base', label: 'ahb_base (data window)', kind: 'mmio', owner: 'devm_platform_get_and_ioremap_resource(pdev, 1)', file: CQSPI, dependsOn: ['qspi_hw', 'qspi_clk'] },
    { id: 'qspi_irq', label: 'cqspi IRQ', kind: 'irq', owner: 'devm_request_irq(cqspi_irq_handler)', file: CQSPI },
    { id: 'pdev_driver', label: 'ff8d2000.spi dev->driver', kind: 'pointer', owner: 'set at bind; NULL in device_unbind_cleanup()', file: 'drivers/base/dd.c' },
  ];
}

export const SPI_NOR_LOCKS: readonly LockDef[] = [
  { id: 'mtd_table_mutex', label: 'mtd_table_mutex' },
  { id: 'chrdev_lock', label: 'master->master.chrdev_lock', in: 'spi_nor' },
  { id: 'partitions_lock', label: 'master->master.partitions_lock', in: 'spi_nor' },
  { id: 'nor_lock', label: 'nor->lock', in: 'spi_nor' },
  { id: 'bus_lock', label: 'ctlr->bus_lock_mutex', in: 'ctlr' },
  { id: 'io_mutex', label: 'ctlr->io_mutex', in: 'ctlr' },
];

export function spiNorFlags(k: KernelDef): FlagDef[] {
  return [
    { id: 'mtd0_in_idr', label: 'mtd0 in mtd_idr', initial: true },
    ...(k.cqspiRefcount ? [{ id: 'cqspi_dying', label: '!refcount_read(&cqspi->refcount)', initial: false, in: 'ctlr' }] : []),
    { id: 'cqspi_idle', label: 'QSPI IDLE bit', initial: true },
  ];
}

/** The reference counts of the stack: who keeps what alive. */
export function spiNorRefs(k: KernelDef, p: Params): RefDef[] {
  return [
    ...(p.parts > 0 ? [{ id: 'part_kref', label: 'mtd0 kref', initial: 1, in: 'part', refcountT: true }] : []),
    // Its registration, plus each partition's struct device (a child of spi0.0 holds a reference on its parent).
    { id: 'spidev_ref', label: 'spi0.0 refcount', initial: 1 + p.parts, in: 'spi_device', refcountT: true },
    // devm_spi_alloc_host's reference, plus the one spi_alloc_device takes for spi0.0.
    { id: 'ctlr_ref', label: 'controller refcount', initial: 2, in: 'ctlr', refcountT: true },
    { id: 'ctlr_module', label: 'cadence-qspi module refs (beyond its own)', initial: 0 },
    // cqspi_probe(): refcount_set(&cqspi->inflight_ops, 1).
    ...(k.cqspiRefcount ? [{ id: 'inflight', label: 'cqspi->inflight_ops', initial: 1, in: 'ctlr', refcountT: true }] : []),
  ];
}

/** spi0.0's devres list in probe order (released LIFO). All of it comes from the driver's probe. */
export const FLASH_DEVRES: DeviceSource = {
  id: 'spi0.0',
  label: 'spi0.0 (mt25qu02g)',
  devres: [
    { res: 'spi_mem', release: 'devm_kmalloc_release', file: DEVRES, what: 'kfree(dr); /* struct spi_mem */', freeIn: 'release_nodes', group: 'driver' },
    { res: 'spi_nor', release: 'devm_kmalloc_release', file: DEVRES, what: 'kfree(dr); /* struct spi_nor */', freeIn: 'release_nodes', group: 'driver' },
    { res: 'bouncebuf', release: 'devm_kmalloc_release', file: DEVRES, what: 'kfree(dr); /* nor->bouncebuf */', freeIn: 'release_nodes', group: 'driver' },
    { res: 'rdesc', release: 'devm_spi_mem_dirmap_release', file: SPIMEM, what: 'spi_mem_dirmap_destroy(desc): kfree(desc);', group: 'driver' },
  ],
};

// ---------------------------------------------------------------------------
// Reference drops and what the last one runs
// ---------------------------------------------------------------------------

/** spi_controller_put(): the last reference frees the controller and cqspi_st. */
export function putController(what: string): Node {
  return put('ctlr_ref', what,
    fn('spi_controller_release', SPI, free('ctlr', 'kfree(ctlr); /* with cqspi_st */')));
}

/** put_device(&spi->dev): the last reference runs spidev_release(). */
export function putSpiDevice(what: string): Node {
  return put('spidev_ref', what,
    fn('spidev_release', SPI,
      putController('spi_controller_put(spi->controller);'),
      free('spi_device', 'kfree(spi);')));
}

/** kref_put(&mtd0->refcnt, mtd_device_release): the last one unregisters and frees the partition. */
function putPartition(what: string): Node {
  return put('part_kref', what,
    fn('mtd_device_release', MTDCORE,
      fn('device_unregister', CORE,
        fn('device_del', CORE, putSpiDevice('put_device(parent); /* the partition\'s reference on spi0.0 */')),
        fn('mtd_release', MTDCORE,
          set('mtd0_in_idr', false, 'idr_remove(&mtd_idr, mtd->index);'),
          fn('release_mtd_partition', MTDPART,
            fn('free_partition', MTDPART, free('part', 'kfree(mtd->name); kfree(mtd);')))))));
}

// ---------------------------------------------------------------------------
// Reader: while true; do cat /dev/mtd0 >/dev/null; done
// ---------------------------------------------------------------------------

/** The task's own error register: a check that takes an error path sets it; a check of ERR consumes it. */
export const ERR = '$err';

/** What `mtd_get_master(mtd)` reads: the partition's parent pointer, then the master's (inside struct spi_nor). */
const master = (p: Params) => (p.parts > 0 ? ['part', 'spi_nor'] : ['spi_nor']);
/** The mtd_info the file was opened on. */
const mtd0 = (p: Params) => (p.parts > 0 ? 'part' : 'spi_nor');
const NOR_CHAIN = ['spi_nor', 'spi_mem', 'spi_device', 'ctlr'];
/**
 * `dev->driver->owner` with dev->driver NULL reads address 0x10 (owner is the
 * third pointer of struct device_driver): the address Khairul Anuar Romli's
 * real 6.12 report of this path prints (spi_nor_put_device, Jul 2025).
 */
const DRIVER_OWNER = 0x10;

/** open("/dev/mtd0"): mtdchar_open -> get_mtd_device -> __get_mtd_device (A.1, R0). */
function openMtd(p: Params): Node {
  return syscall('__arm64_sys_openat', 'fs/open.c',
    fn('do_sys_openat2', 'fs/open.c',
      fn('do_filp_open', 'fs/namei.c',
        fn('path_openat', 'fs/namei.c',
          fn('do_open', 'fs/namei.c',
            fn('vfs_open', 'fs/open.c',
              fn('do_dentry_open', 'fs/open.c',
                fn('chrdev_open', 'fs/char_dev.c',
                  fn('mtdchar_open', MTDCHAR,
                    fn('get_mtd_device', MTDCORE,
                      lock('mtd_table_mutex', 'mutex_lock(&mtd_table_mutex);'),
                      check('mtd0_in_idr', false, 'label:open_unlock', 'mtd = idr_find(&mtd_idr, num); if (!mtd) goto out;'),
                      fn('__get_mtd_device', MTDCORE,
                        use(master(p), 'struct mtd_info *master = mtd_get_master(mtd);', 8),
                        use('spi_nor', 'if (master->_get_device) {', 8),
                        fn('spi_nor_get_device', SPINOR,
                          use(NOR_CHAIN, 'dev = nor->spimem->spi->controller->dev.parent;', 8),
                          { op: 'use', res: ['pdev_driver'], what: 'if (!try_module_get(dev->driver->owner))', size: 8, addr: DRIVER_OWNER },
                          get('ctlr_module', 'try_module_get(dev->driver->owner); /* pins the controller driver\'s module, not its device */')),
                        use('spi_nor', 'if (!try_module_get(master->owner)) {', 8),
                        ...when(p.parts > 0, get('part_kref', 'kref_get(&mtd->refcnt); /* the partition, not the master */'))),
                      label('open_unlock'),
                      unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'),
                      check(ERR, true, 'pass', 'return ret; /* the mtd, or ERR_PTR(-ENODEV): cat: No such device */')))))))))));
}

/** cqspi_exec_mem_op(): the refcount checks of 7446284023e8 where the kernel has them. */
function cqspiExecMemOp(k: KernelDef): Node {
  const rc = COMMITS.cqspiRefcount.id;
  const pm = (what: string) => (k.cqspiNoRuntimePm ? [] : [use(['ctlr', 'iobase'], what)]);
  return fn('cqspi_exec_mem_op', CQSPI,
    use('ctlr', 'cqspi = spi_controller_get_devdata(mem->spi->controller);', 8),
    ...when(k.cqspiRefcount,
      since(rc, checkZero('inflight', 'label:cqspi_out', 'if (refcount_read(&cqspi->inflight_ops) == 0) return -ENODEV;', '-ENODEV')),
      since(rc, check('cqspi_dying', true, 'label:cqspi_out', 'if (!refcount_read(&cqspi->refcount)) return -EBUSY;', '-EBUSY')),
      since(rc, get('inflight', 'refcount_inc(&cqspi->inflight_ops);')),
      since(rc, check('cqspi_dying', true, 'label:cqspi_busy', 'if (!refcount_read(&cqspi->refcount)) {', '-EBUSY'))),
    ...pm('ret = pm_runtime_resume_and_get(dev);'),
    fn('cqspi_mem_process', CQSPI,
      fn('cqspi_configure', CQSPI, use(['ctlr', 'iobase'], 'cqspi_chipselect(f_pdata); cqspi_config_baudrate_div(cqspi);')),
      fn('cqspi_read', CQSPI,
        fn('cqspi_read_setup', CQSPI, use(['ctlr', 'iobase'], 'writel(reg, reg_base + CQSPI_REG_RD_INSTR);')),
        fn('cqspi_indirect_read_execute', CQSPI,
          ...when(k.cqspiRefcount, since(rc, check('cqspi_dying', true, 'label:cqspi_ind_out', 'if (!refcount_read(&cqspi->refcount)) return -ENODEV;'))),
          use(['ctlr', 'iobase'], 'writel(from_addr, reg_base + CQSPI_REG_INDIRECTRDSTARTADDR);'),
          set('cqspi_idle', false, 'writel(CQSPI_REG_INDIRECTRD_START_MASK, reg_base + CQSPI_REG_INDIRECTRD); /* the controller is busy */'),
          io(['ctlr', 'iobase', 'ahb_base'], { param: 'read' },
            'while (remaining > 0) { wait_for_completion_timeout(...); bytes = cqspi_get_rd_sram_level(cqspi); ioread32_rep(ahb_base, rxbuf, bytes / 4); }'),
          use(['ctlr', 'iobase'], 'cqspi_wait_for_bit(reg_base + CQSPI_REG_INDIRECTRD, CQSPI_REG_INDIRECTRD_DONE_MASK, 0);'),
          set('cqspi_idle', true, 'writel(CQSPI_REG_INDIRECTRD_DONE_MASK, reg_base + CQSPI_REG_INDIRECTRD); /* idle again */'),
          ...when(k.cqspiRefcount, label('cqspi_ind_out'))))),
    ...pm('pm_runtime_mark_last_busy(dev); pm_runtime_put_autosuspend(dev);'),
    ...when(k.cqspiRefcount,
      since(rc, putAboveOne('inflight', 'dec_inflight_refcount: if (refcount_read(&cqspi->inflight_ops) > 1) refcount_dec(&cqspi->inflight_ops);')),
      since(rc, goto('cqspi_out', 'return ret;')),
      // The -EBUSY path after refcount_inc(): drops its own reference unless the count is already 0.
      since(rc, label('cqspi_busy')),
      since(rc, put('inflight', 'if (refcount_read(&cqspi->inflight_ops)) refcount_dec(&cqspi->inflight_ops); return -EBUSY; }')),
      since(rc, label('cqspi_out'))));
}

/** The spi-mem op of one chunk: spi_mem_dirmap_read -> spi_mem_exec_op -> cqspi (R5-R9). */
function spiMemRead(k: KernelDef): Node {
  return fn('spi_mem_dirmap_read', SPIMEM,
    use(['rdesc', 'spi_mem', 'spi_device', 'ctlr'], 'struct spi_controller *ctlr = desc->mem->spi->controller;', 8),
    use('rdesc', 'if (desc->nodirmap) return spi_mem_no_dirmap_read(desc, offs, len, buf);', 1),
    fn('spi_mem_no_dirmap_read', SPIMEM,
      use(['rdesc', 'spi_mem'], 'struct spi_mem_op op = desc->info.op_tmpl; ... spi_mem_exec_op(desc->mem, &op);'),
      fn('spi_mem_exec_op', SPIMEM,
        use(['spi_mem', 'spi_device', 'ctlr'], 'struct spi_controller *ctlr = mem->spi->controller;', 8),
        lock('bus_lock', 'spi_mem_access_start(mem): mutex_lock(&ctlr->bus_lock_mutex);'),
        lock('io_mutex', 'spi_mem_access_start(mem): mutex_lock(&ctlr->io_mutex);'),
        cqspiExecMemOp(k),
        // The seed's crash #2 site: spi_mem_access_end() is inlined; it reloads
        // mem->spi (offset 0 of struct spi_mem) and then spi->controller (+0x2e8).
        { op: 'use', res: ['spi_mem'], what: 'spi_mem_access_end(mem): ctlr = mem->spi->controller;', size: 8, addr: 0x12e8 },
        unlock('io_mutex', 'spi_mem_access_end(mem): mutex_unlock(&ctlr->io_mutex);'),
        unlock('bus_lock', 'spi_mem_access_end(mem): mutex_unlock(&ctlr->bus_lock_mutex);'),
        use(['spi_mem', 'spi_device'], 'spi_mem_add_op_stats(mem->spi->pcpu_statistics, op, ret);', 8))));
}

/** One read() chunk: mtdchar_read -> mtd_read -> mtd_read_oob -> spi_nor_read (R1-R11). */
function readChunk(k: KernelDef, p: Params): Node {
  return syscall('__arm64_sys_read', 'fs/read_write.c',
    fn('ksys_read', 'fs/read_write.c',
      fn('vfs_read', 'fs/read_write.c',
        fn('mtdchar_read', MTDCHAR,
          use(mtd0(p), 'if (*ppos + count > mtd->size) ...; kbuf = mtd_kmalloc_up_to(mtd, &size);', 8),
          fn('mtd_read', MTDCORE,
            fn('mtd_read_oob', MTDCORE,
              use(master(p), 'struct mtd_info *master = mtd_get_master(mtd); struct mtd_ecc_stats old_stats = master->ecc_stats;', 8),
              use(mtd0(p), 'ret_code = mtd_check_oob_ops(mtd, from, ops);'),
              fn('mtd_read_oob_std', MTDCORE,
                use(master(p), 'from = mtd_get_master_ofs(mtd, from); ret = master->_read(master, from, ops->len, &ops->retlen, ops->datbuf);', 8),
                fn('spi_nor_read', SPINOR,
                  use('spi_nor', 'struct spi_nor *nor = mtd_to_spi_nor(mtd);'),
                  fn('spi_nor_prep_and_lock_rd', SPINOR,
                    fn('spi_nor_prep', SPINOR, use('spi_nor', 'if (nor->controller_ops && nor->controller_ops->prepare) ...;', 8)),
                    lock('nor_lock', 'mutex_lock(&nor->lock);')),
                  fn('spi_nor_read_data', SPINOR,
                    fn('spi_nor_spimem_read_data', SPINOR,
                      use(['spi_nor', 'rdesc'], 'op = SPI_MEM_OP(nor->read_opcode, nor->addr_nbytes, nor->read_dummy ...); ... spi_mem_dirmap_read(nor->dirmap.rdesc, ...);', 8),
                      spiMemRead(k))),
                  check(ERR, true, 'label:read_unlock', 'if (ret < 0) goto read_err;', '-EBUSY'),
                  label('read_unlock'),
                  fn('spi_nor_unlock_and_unprep_rd', SPINOR,
                    unlock('nor_lock', 'mutex_unlock(&nor->lock);'),
                    use('spi_nor', 'spi_nor_unprep(nor);'))),
                label('read_out')),
              use(master(p), 'mtd_update_ecc_stats(mtd, master, &old_stats); /* reads master->ecc_stats again */', 8))),
          check(ERR, true, 'catch:cat_exit', 'if (ret) { ... return ret; } /* cat: read error: it exits */', '-EIO'),
          cpu(20, 'copy_to_user(buf, kbuf, retlen);')))));
}

/** close(): the last fput runs mtdchar_close -> put_mtd_device -> __put_mtd_device (R12). */
function closeMtd(p: Params): Node {
  return returnToUserFput(
    fn('mtdchar_close', MTDCHAR,
      fn('put_mtd_device', MTDCORE,
        lock('mtd_table_mutex', 'mutex_lock(&mtd_table_mutex);'),
        fn('__put_mtd_device', MTDCORE,
          use(master(p), 'struct mtd_info *master = mtd_get_master(mtd);', 8),
          ...when(p.parts > 0, putPartition('kref_put(&mtd->refcnt, mtd_device_release);')),
          use('spi_nor', 'module_put(master->owner);', 8),
          use('spi_nor', 'if (master->_put_device) master->_put_device(master);', 8),
          fn('spi_nor_put_device', SPINOR,
            use(NOR_CHAIN, 'dev = nor->spimem->spi->controller->dev.parent;', 8),
            { op: 'use', res: ['pdev_driver'], what: 'module_put(dev->driver->owner);', size: 8, addr: DRIVER_OWNER },
            put('ctlr_module', 'module_put(dev->driver->owner);'))),
        unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'))));
}

export const READ_PASSES = 2;
export const CHUNKS_PER_PASS = 2;

/** The reader, with the pid and CPU the scenario's seed report shows. */
export function readerTask(k: KernelDef, p: Params, pid: number, cpuNo: number): TaskSource {
  return {
    id: 'reader', kind: 'reader', comm: 'cat', command: 'while true; do cat /dev/mtd0 >/dev/null; done', pid, cpu: cpuNo, start: 0,
    body: [repeat(READ_PASSES, [openMtd(p), repeat(CHUNKS_PER_PASS, [readChunk(k, p)]), label('cat_exit'), closeMtd(p)], true)],
  };
}

/** flash_erase /dev/mtd0 0 2: MEMERASE per eraseblock through mtdchar_unlocked_ioctl (chrdev_lock), nor->lock held across each erase (A.3, E.3). */
export function eraserTask(p: Params): TaskSource {
  const eraseOne = syscall('__arm64_sys_ioctl', 'fs/ioctl.c',
    fn('mtdchar_unlocked_ioctl', MTDCHAR,
      use(master(p), 'struct mtd_info *master = mtd_get_master(mtd);', 8),
      lock('chrdev_lock', 'mutex_lock(&master->master.chrdev_lock);'),
      fn('mtdchar_ioctl', MTDCHAR,
        fn('mtd_erase', MTDCORE,
          use(master(p), 'struct mtd_info *master = mtd_get_master(mtd); ... ret = master->_erase(master, &adjinstr);', 8),
          fn('spi_nor_erase', SPINOR,
            fn('spi_nor_prep_and_lock_pe', SPINOR,
              fn('spi_nor_prep', SPINOR, use('spi_nor', 'if (nor->controller_ops && nor->controller_ops->prepare) ...;', 8)),
              lock('nor_lock', 'mutex_lock(&nor->lock);')),
            fn('spi_nor_erase_sector', SPINOR,
              io(['spi_nor', 'spi_mem', 'spi_device', 'ctlr', 'iobase'], { param: 'erase' },
                'spi_mem_exec_op(nor->spimem, &op); /* SE 64 KiB */ spi_nor_wait_till_ready(nor);')),
            fn('spi_nor_unlock_and_unprep_pe', SPINOR,
              unlock('nor_lock', 'mutex_unlock(&nor->lock);'))),
          label('erase_out'))),
      unlock('chrdev_lock', 'mutex_unlock(&master->master.chrdev_lock);'),
      check(ERR, true, 'catch:cat_exit', 'return ret; /* flash_erase: the error ends it */', '-EIO')));
  return {
    id: 'eraser', kind: 'eraser', comm: 'flash_erase', command: 'flash_erase /dev/mtd0 0 2', pid: 471, cpu: 1, start: 0,
    body: [repeat(1, [openMtd(p), repeat(2, [eraseOne]), label('cat_exit'), closeMtd(p)], true)],
  };
}

// ---------------------------------------------------------------------------
// The flash driver's remove (B.4 step 2): spi_remove -> spi_mem_remove -> spi_nor_remove
// ---------------------------------------------------------------------------

/** del_mtd_device(mtd): notifiers, then the registration's kref_put (no wait, no -EBUSY since 6.6). */
function delMtdDevice(body: Node): Node {
  return fn('del_mtd_device', MTDCORE,
    lock('mtd_table_mutex', 'mutex_lock(&mtd_table_mutex);'),
    cpu(2, 'if (idr_find(&mtd_idr, mtd->index) != mtd) { ret = -ENODEV; goto out_error; } list_for_each_entry(not, &mtd_notifiers, list) not->remove(mtd);'),
    body,
    unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'));
}

/** mtd_device_unregister(&nor->mtd): the partitions (mtdpart.c), or the master when it was registered itself. */
function mtdDeviceUnregister(p: Params): Node {
  const others: Node[] = [];
  for (let i = 1; i < p.parts; i++) {
    others.push(fn('del_mtd_device', MTDCORE, cpu(2, `/* mtd${i}: nobody holds it open */ kref_put(&mtd->refcnt, mtd_device_release);`),
      fn('mtd_device_release', MTDCORE, putSpiDevice(`put_device(parent); /* mtd${i}'s reference on spi0.0 */`))));
  }
  const partitions = p.parts > 0
    ? [fn('del_mtd_partitions', MTDPART,
        lock('partitions_lock', 'mutex_lock(&master->master.partitions_lock);'),
        fn('__del_mtd_partitions', MTDPART,
          cpu(2, 'pr_info("Deleting %s MTD partition\\n", child->name); list_del_init(&child->part.node);'),
          delMtdDevice(putPartition('kref_put(&mtd->refcnt, mtd_device_release); /* an open file keeps mtd0 */')),
          ...others),
        unlock('partitions_lock', 'mutex_unlock(&master->master.partitions_lock);'))]
    : [];
  const masterItself = p.parts === 0
    ? [delMtdDevice(fn('mtd_device_release', MTDCORE,
        fn('mtd_release', MTDCORE, set('mtd0_in_idr', false, 'idr_remove(&mtd_idr, mtd->index); /* opens take no kref on the master */'))))]
    : [];
  return fn('mtd_device_unregister', MTDCORE,
    cpu(2, 'if (master->_reboot) { ... } /* spi-nor sets no _reboot */ nvmem_unregister(master->otp_user_nvmem); nvmem_unregister(master->otp_factory_nvmem);'),
    ...partitions,
    ...masterItself);
}

/** dev_pm_domain_detach() of a Stratix 10 device: neither the QSPI controller nor spi0.0 has a PM domain. */
export function noPmDomain(dev: string): Node {
  return fn('dev_pm_domain_detach', 'drivers/base/power/common.c',
    cpu(2, `if (dev->pm_domain && dev->pm_domain->detach) ...; /* ${dev}: no PM domain on Stratix 10 */`));
}

/** spi_remove -> spi_mem_remove -> spi_nor_remove, then (before mainline) dev_pm_domain_detach. */
export function spiNorRemove(k: KernelDef, p: Params): Node {
  return fn('spi_remove', SPI,
    fn('spi_mem_remove', SPIMEM,
      fn('spi_nor_remove', SPINOR,
        fn('spi_nor_restore', SPINOR, use('spi_nor', 'if (nor->addr_nbytes == 4 && ... && nor->flags & SNOR_F_BROKEN_RESET) /* no broken-flash-reset in the SoCDK DT */; if (nor->flags & SNOR_F_SOFT_RESET) /* SFDP: not modelled */;')),
        mtdDeviceUnregister(p))),
    ...when(!k.pmDetachInCleanup, noPmDomain('spi0.0')));
}
