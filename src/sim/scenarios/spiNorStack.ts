/**
 * The Cadence QSPI + SPI-NOR + mtdchar stack of seed 000 (Stratix 10, 6.14-rc7),
 * shared by `qspi-unbind` and `flash-unbind`: resources, locks, devres lists and
 * the reader / eraser tasks. Paths follow kernel-facts.md model (1) and A.1-A.5.
 *
 * Modelling choices (kernel-facts "uncertain" points):
 * - `while true; do cat /dev/mtd0; done` is unrolled to 2 runs of `cat`, each
 *   reading 2 chunks of 128 KiB: enough to place the unbind before, inside and
 *   between every step of a pass; more passes repeat the same cases.
 * - With cadence-quadspi one 128 KiB chunk is one spi-mem op and one
 *   `cqspi_indirect_read_execute()` (A.4); its FIFO drain is one I/O interval of
 *   `read` µs touching `ahb_base`, `iobase` and `cqspi_st`.
 * - `spi_nor_restore()` issues no flash op for this flash (no SNOR_F_BROKEN_RESET /
 *   SNOR_F_SOFT_RESET), so the remover never waits for the reader's ctlr mutexes.
 * - The mtd idr entry is treated as gone at `del_mtd_device()`; with 6.6+ krefs it
 *   can linger until the last close, which only adds faulting interleavings.
 */
import type { DeviceSource, FlagDef, LockDef, Node, ResourceDef, TaskSource } from '../types.ts';
import { check, cpu, fn, io, label, lock, repeat, returnToUserFput, syscall, unlock, use } from '../tree.ts';

const MTDCHAR = 'drivers/mtd/mtdchar.c';
const MTDCORE = 'drivers/mtd/mtdcore.c';
const SPINOR = 'drivers/mtd/spi-nor/core.c';
const SPIMEM = 'drivers/spi/spi-mem.c';
const CQSPI = 'drivers/spi/spi-cadence-quadspi.c';

export const SPI_NOR_RESOURCES: readonly ResourceDef[] = [
  { id: 'spi_nor', label: 'struct spi_nor', kind: 'heap', owner: 'devm_kzalloc on spi0.0 (spi_nor_probe)', file: SPINOR, addr: 0xffff00008a2b4000 },
  { id: 'spi_mem', label: 'struct spi_mem', kind: 'heap', owner: 'devm_kzalloc on spi0.0 (spi_mem_probe)', file: SPIMEM, addr: 0x1000 },
  { id: 'rdesc', label: 'nor->dirmap.rdesc', kind: 'heap', owner: 'devm_spi_mem_dirmap_create on spi0.0', file: SPIMEM, addr: 0xffff00008a2b6800 },
  { id: 'bouncebuf', label: 'nor->bouncebuf', kind: 'heap', owner: 'devm_kmalloc on spi0.0', file: SPINOR, addr: 0xffff00008a2c0000 },
  { id: 'spi_device', label: 'struct spi_device (spi0.0)', kind: 'heap', owner: 'refcounted; kfree in spidev_release', file: 'drivers/spi/spi.c', addr: 0xffff000081f3c000 },
  { id: 'ctlr', label: 'spi_controller + cqspi_st', kind: 'heap', owner: 'devm_spi_alloc_host on ff8d2000.spi', file: CQSPI, addr: 0xffff000081e80000 },
  { id: 'qspi_hw', label: 'QSPI controller (enable bit)', kind: 'hw', owner: 'cqspi_controller_enable()', file: CQSPI },
  { id: 'qspi_clk', label: 'qspi clock', kind: 'clock', owner: 'devm_clk_get + clk_prepare_enable', file: CQSPI },
  { id: 'iobase', label: 'iobase (registers)', kind: 'mmio', owner: 'devm_platform_ioremap_resource(pdev, 0)', file: CQSPI, dependsOn: ['qspi_clk'], addr: 0xffff800082a3c000 },
  { id: 'ahb_base', label: 'ahb_base (data window)', kind: 'mmio', owner: 'devm_platform_get_and_ioremap_resource(pdev, 1)', file: CQSPI, dependsOn: ['qspi_hw', 'qspi_clk'], addr: 0xffff800083000000 },
  { id: 'qspi_irq', label: 'cqspi IRQ', kind: 'irq', owner: 'devm_request_irq(cqspi_irq_handler)', file: CQSPI },
];

export const SPI_NOR_LOCKS: readonly LockDef[] = [
  { id: 'mtd_table_mutex', label: 'mtd_table_mutex' },
  { id: 'nor_lock', label: 'nor->lock', in: 'spi_nor' },
  { id: 'bus_lock', label: 'ctlr->bus_lock_mutex', in: 'ctlr' },
  { id: 'io_mutex', label: 'ctlr->io_mutex', in: 'ctlr' },
];

export const SPI_NOR_FLAGS: readonly FlagDef[] = [
  { id: 'mtd_registered', label: 'mtd0 in mtd_idr', initial: true },
];

/** spi0.0's devres list in probe order (released LIFO). All of it comes from the driver's probe. */
export const FLASH_DEVRES: DeviceSource = {
  id: 'spi0.0',
  label: 'spi0.0 (mt25qu02g)',
  devres: [
    { res: 'spi_mem', release: 'devm_kmalloc_release', file: 'drivers/base/devres.c', what: 'kfree(mem)', group: 'driver' },
    { res: 'spi_nor', release: 'devm_kmalloc_release', file: 'drivers/base/devres.c', what: 'kfree(nor)', group: 'driver' },
    { res: 'bouncebuf', release: 'devm_kmalloc_release', file: 'drivers/base/devres.c', what: 'kfree(nor->bouncebuf)', group: 'driver' },
    { res: 'rdesc', release: 'devm_spi_mem_dirmap_release', file: SPIMEM, what: 'spi_mem_dirmap_destroy(desc)', group: 'driver' },
  ],
};

/** ff8d2000.spi's devres list in cqspi_probe order (released LIFO after cqspi_remove). */
export const CONTROLLER_DEVRES: DeviceSource = {
  id: 'ff8d2000.spi',
  label: 'ff8d2000.spi (cadence-qspi)',
  devres: [
    { res: 'ctlr', release: 'devm_spi_release_controller', file: 'drivers/spi/spi.c', what: 'spi_controller_put(ctlr) -> kfree(ctlr)' },
    { res: 'qspi_clk', release: 'devm_clk_release', file: 'drivers/clk/clk-devres.c', what: 'clk_put(cqspi->clk)' },
    { res: 'iobase', release: 'devm_ioremap_release', file: 'lib/devres.c', what: 'iounmap(cqspi->iobase)', to: 'unmapped' },
    { res: 'ahb_base', release: 'devm_ioremap_release', file: 'lib/devres.c', what: 'iounmap(cqspi->ahb_base)', to: 'unmapped' },
    { res: 'qspi_irq', release: 'devm_irq_release', file: 'kernel/irq/devres.c', what: 'free_irq(irq, cqspi)' },
  ],
};

// ---------------------------------------------------------------------------
// Reader: while true; do cat /dev/mtd0 >/dev/null; done
// ---------------------------------------------------------------------------

const NOR_ALL = ['spi_nor', 'spi_mem', 'spi_device', 'ctlr'];

/** The task's own error register: a check that takes an error path sets it; a check of ERR consumes it. */
export const ERR = '$err';
/** Where a failed read goes: `cat` gets the errno, stops reading and exits (its fd is closed). */
export const READ_FAIL = 'label:cat_exit';

/** open("/dev/mtd0"): mtdchar_open -> get_mtd_device -> __get_mtd_device (A.1, R0). */
function openMtd(): Node {
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
                      check('mtd_registered', false, 'label:open_unlock', 'mtd = idr_find(&mtd_idr, num); if (!mtd) goto out;'),
                      fn('__get_mtd_device', MTDCORE,
                        use('spi_nor', 'master = mtd_get_master(mtd);'),
                        fn('spi_nor_get_device', SPINOR,
                          use(NOR_ALL, 'dev = nor->spimem->spi->controller->dev.parent;'),
                          use(NOR_ALL, 'try_module_get(dev->driver->owner);')),
                        use('spi_nor', 'kref_get(&master->refcnt);')),
                      label('open_unlock'),
                      unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'),
                      check(ERR, true, 'pass', 'return ret; /* cat: No such device */')))))))))));
}

/** The spi-mem op of one chunk: spi_mem_exec_op -> cqspi_exec_mem_op -> indirect read (R5-R9). */
function spiMemRead(): Node {
  return fn('spi_mem_dirmap_read', SPIMEM,
    use('rdesc', 'if (desc->nodirmap) return spi_mem_no_dirmap_read(desc, offs, len, buf);'),
    fn('spi_mem_no_dirmap_read', SPIMEM,
      use('rdesc', 'struct spi_mem_op op = desc->info.op_tmpl;'),
      fn('spi_mem_exec_op', SPIMEM,
        use(['spi_mem', 'spi_device', 'ctlr'], 'ctlr = mem->spi->controller;'),
        lock('bus_lock', 'spi_mem_access_start(mem): mutex_lock(&ctlr->bus_lock_mutex);'),
        lock('io_mutex', 'spi_mem_access_start(mem): mutex_lock(&ctlr->io_mutex);'),
        fn('cqspi_exec_mem_op', CQSPI,
          use('ctlr', 'cqspi = spi_controller_get_devdata(mem->spi->controller);'),
          use(['ctlr', 'iobase'], 'pm_runtime_resume_and_get(dev);'),
          fn('cqspi_mem_process', CQSPI,
            fn('cqspi_configure', CQSPI, use(['ctlr', 'iobase'], 'cqspi_chipselect(f_pdata); cqspi_config_baudrate_div(cqspi);')),
            fn('cqspi_read', CQSPI,
              fn('cqspi_read_setup', CQSPI, use(['ctlr', 'iobase'], 'writel(reg, reg_base + CQSPI_REG_RD_INSTR);')),
              fn('cqspi_indirect_read_execute', CQSPI,
                use(['ctlr', 'iobase'], 'writel(from_addr, reg_base + CQSPI_REG_INDIRECTRDSTARTADDR);'),
                use(['ctlr', 'iobase'], 'writel(CQSPI_REG_INDIRECTRD_START_MASK, reg_base + CQSPI_REG_INDIRECTRD);'),
                io(['ctlr', 'iobase', 'ahb_base'], { param: 'read' },
                  'while (remaining > 0) { wait_for_completion_timeout(...); bytes = cqspi_get_rd_sram_level(cqspi); ioread32_rep(ahb_base, rxbuf, bytes / 4); }'),
                use(['ctlr', 'iobase'], 'cqspi_wait_for_bit(reg_base + CQSPI_REG_INDIRECTRD, CQSPI_REG_INDIRECTRD_DONE_MASK, 0);'),
                use(['ctlr', 'iobase'], 'writel(CQSPI_REG_INDIRECTRD_DONE_MASK, reg_base + CQSPI_REG_INDIRECTRD);')))),
          use('ctlr', 'pm_runtime_mark_last_busy(dev); pm_runtime_put_autosuspend(dev);')),
        // The seed's crash #2 site: spi_mem_access_end() is inlined; it reloads
        // mem->spi (offset 0 of struct spi_mem) and then spi->controller (+0x2e8).
        use(['spi_mem'], 'spi_mem_access_end(mem): ctlr = mem->spi->controller;', 0x12e8),
        unlock('io_mutex', 'spi_mem_access_end(mem): mutex_unlock(&ctlr->io_mutex);'),
        unlock('bus_lock', 'spi_mem_access_end(mem): mutex_unlock(&ctlr->bus_lock_mutex);'),
        use(['spi_mem', 'spi_device', 'ctlr'], 'spi_mem_add_op_stats(mem->spi->pcpu_statistics, op, ret);'))));
}

/** One read() chunk: mtdchar_read -> mtd_read -> spi_nor_read (R2-R11). */
function readChunk(): Node {
  return syscall('__arm64_sys_read', 'fs/read_write.c',
    fn('ksys_read', 'fs/read_write.c',
      fn('vfs_read', 'fs/read_write.c',
        fn('mtdchar_read', MTDCHAR,
          fn('mtd_read', MTDCORE,
            fn('mtd_read_oob', MTDCORE,
              fn('mtd_read_oob_std', MTDCORE,
                use('spi_nor', 'master = mtd_get_master(mtd); from = mtd_get_master_ofs(mtd, from);'),
                fn('spi_nor_read', SPINOR,
                  use('spi_nor', 'struct spi_nor *nor = mtd_to_spi_nor(mtd);'),
                  fn('spi_nor_prep_and_lock_rd', SPINOR,
                    fn('spi_nor_prep', SPINOR, use('spi_nor', 'if (nor->controller_ops && nor->controller_ops->prepare) ...;')),
                    lock('nor_lock', 'mutex_lock(&nor->lock);')),
                  fn('spi_nor_read_data', SPINOR,
                    fn('spi_nor_spimem_read_data', SPINOR,
                      use(['spi_nor', 'rdesc'], 'op = SPI_MEM_OP(nor->read_opcode, nor->addr_nbytes, nor->read_dummy ...);'),
                      spiMemRead())),
                  fn('spi_nor_unlock_and_unprep_rd', SPINOR,
                    unlock('nor_lock', 'mutex_unlock(&nor->lock);'),
                    use('spi_nor', 'spi_nor_unprep(nor);'))))),
            use('spi_nor', 'return ret_code;')),
          cpu(20, 'copy_to_user(buf, kbuf, retlen);')))));
}

/** close(): the last fput runs mtdchar_close -> put_mtd_device -> spi_nor_put_device (R12). */
function closeMtd(): Node {
  return returnToUserFput(
    fn('mtdchar_close', MTDCHAR,
      fn('put_mtd_device', MTDCORE,
        lock('mtd_table_mutex', 'mutex_lock(&mtd_table_mutex);'),
        fn('__put_mtd_device', MTDCORE,
          use('spi_nor', 'kref_put(&mtd->refcnt, mtd_device_release);'),
          fn('spi_nor_put_device', SPINOR,
            use(NOR_ALL, 'dev = nor->spimem->spi->controller->dev.parent;'),
            use(NOR_ALL, 'module_put(dev->driver->owner);'))),
        unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'))));
}

export const READ_PASSES = 2;
export const CHUNKS_PER_PASS = 2;

export function readerTask(): TaskSource {
  return {
    id: 'reader',
    kind: 'reader',
    comm: 'cat',
    command: 'while true; do cat /dev/mtd0 >/dev/null; done',
    pid: 459,
    cpu: 2,
    start: 0,
    body: [repeat(READ_PASSES, [openMtd(), repeat(CHUNKS_PER_PASS, [readChunk()]), label('cat_exit'), closeMtd()], true)],
  };
}

/** flash_erase /dev/mtd0 0 2: MEMERASE per eraseblock; nor->lock held across each erase (A.3, E.3). */
export function eraserTask(): TaskSource {
  const eraseOne = syscall('__arm64_sys_ioctl', 'fs/ioctl.c',
    fn('mtdchar_ioctl', MTDCHAR,
      fn('mtd_erase', MTDCORE,
        use('spi_nor', 'master = mtd_get_master(mtd); ret = master->_erase(master, &adjinstr);'),
        fn('spi_nor_erase', SPINOR,
          fn('spi_nor_prep_and_lock_pe', SPINOR,
            fn('spi_nor_prep', SPINOR, use('spi_nor', 'if (nor->controller_ops && nor->controller_ops->prepare) ...;')),
            lock('nor_lock', 'mutex_lock(&nor->lock);')),
          fn('spi_nor_erase_sector', SPINOR,
            io(['spi_nor', 'spi_mem', 'spi_device', 'ctlr', 'iobase'], { param: 'erase' },
              'spi_mem_exec_op(nor->spimem, &op); /* SE 64 KiB */ spi_nor_wait_till_ready(nor);')),
          fn('spi_nor_unlock_and_unprep_pe', SPINOR,
            unlock('nor_lock', 'mutex_unlock(&nor->lock);'))))));
  return {
    id: 'eraser',
    kind: 'eraser',
    comm: 'flash_erase',
    command: 'flash_erase /dev/mtd0 0 2',
    pid: 471,
    cpu: 1,
    start: 0,
    body: [repeat(1, [openMtd(), repeat(2, [eraseOne]), label('cat_exit'), closeMtd()], true)],
  };
}

/** spi_remove -> spi_mem_remove -> spi_nor_remove (6.12/6.14, B.4 step 2). */
export function spiNorRemove(): Node {
  return fn('spi_remove', 'drivers/spi/spi.c',
    fn('spi_mem_remove', SPIMEM,
      fn('spi_nor_remove', SPINOR,
        fn('spi_nor_restore', SPINOR, use('spi_nor', 'if (nor->addr_nbytes == 4 && !(nor->flags & SNOR_F_4B_OPCODES) && ...) /* not this flash */;')),
        fn('mtd_device_unregister', MTDCORE,
          fn('del_mtd_partitions', MTDCORE, use('spi_nor', 'mutex_lock(&master->master.partitions_lock); /* no partitions */')),
          fn('del_mtd_device', MTDCORE,
            lock('mtd_table_mutex', 'mutex_lock(&mtd_table_mutex);'),
            { op: 'set', flag: 'mtd_registered', value: false, what: 'list_for_each_entry(not, &mtd_notifiers, list) not->remove(mtd); /* idr entry gone for new opens */' },
            use('spi_nor', 'kref_put(&mtd->refcnt, mtd_device_release); /* no wait, no -EBUSY since 6.6 */'),
            unlock('mtd_table_mutex', 'mutex_unlock(&mtd_table_mutex);'))))),
    fn('dev_pm_domain_detach', 'drivers/base/power/common.c', cpu(2, 'if (dev->pm_domain && dev->pm_domain->detach) ...; /* spi0.0 has no PM domain */')));
}
