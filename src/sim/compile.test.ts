/** Macro expansion from data: devres LIFO and groups, notifier chains, fix tags. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KERNEL, SCENARIO_IDS, buildProgram, type Program } from './index.ts';

const unbindSteps = (p: Program) => p.tasks[p.unbindTask]!.steps;
const fnsEntered = (p: Program) => unbindSteps(p).filter((s) => s.kind === 'enter').map((s) => s.stack.at(-1)!.fn);
/** What devres releases, in order (frees and state changes inside devres_release_all / _group). */
const killed = (p: Program) => unbindSteps(p)
  .filter((s) => (s.kind === 'free' || s.kind === 'state') && s.stack.some((f) => f.fn.startsWith('devres_release_')))
  .map((s) => p.resources[s.res[0]!]!.id);

describe('devres', () => {
  it('devres_release_all releases a device\'s entries last-in first-out', () => {
    const p = buildProgram('flash-unbind', DEFAULT_KERNEL, [], {});
    expect(killed(p)).toEqual(['rdesc', 'bouncebuf', 'spi_nor', 'spi_mem']);
  });

  it('without the group, ad7877\'s devm resources go after dev_pm_domain_detach', () => {
    const f = fnsEntered(buildProgram('devres-order', DEFAULT_KERNEL, [], {}));
    expect(f.indexOf('dev_pm_domain_detach')).toBeLessThan(f.indexOf('devres_release_all'));
    expect(f.indexOf('devres_release_group')).toBe(-1);
    expect(f.filter((x) => x === 'devm_irq_release')).toHaveLength(1);
  });

  it('devres-group releases the driver\'s group right after remove, before the PM domain goes; release_all finds nothing left', () => {
    const p = buildProgram('devres-order', DEFAULT_KERNEL, ['devres-group'], {});
    const f = fnsEntered(p);
    const group = f.indexOf('devres_release_group');
    expect(group).toBeGreaterThan(f.indexOf('spi_remove'));
    expect(group).toBeLessThan(f.indexOf('dev_pm_domain_detach'));
    expect(f.indexOf('devm_irq_release')).toBeLessThan(f.indexOf('dev_pm_domain_detach'));
    expect(f.filter((x) => x === 'devm_irq_release')).toHaveLength(1);
    const after = unbindSteps(p).slice(unbindSteps(p).findIndex((s) => s.kind === 'enter' && s.stack.at(-1)!.fn === 'devres_release_all'));
    expect(after.some((s) => s.what === '/* no devres entries left */')).toBe(true);
    expect(unbindSteps(p).some((s) => s.fix === 'devres-group')).toBe(true);
  });
});

describe('notifier chains', () => {
  it('Liwei\'s notifier runs at BUS_NOTIFY_DEL_DEVICE and again at BUS_NOTIFY_UNBIND_DRIVER on a controller unbind', () => {
    const p = buildProgram('qspi-unbind', DEFAULT_KERNEL, ['notifier-sleep'], {});
    expect(fnsEntered(p).filter((x) => x === 'spi_nor_remove_notifier_call')).toHaveLength(2);
    expect(unbindSteps(p).filter((s) => s.kind === 'sleep.begin').map((s) => s.cost)).toEqual([300_000, 300_000]);
  });

  it('on a flash unbind it runs once, before spi_remove', () => {
    const f = fnsEntered(buildProgram('flash-unbind', DEFAULT_KERNEL, ['notifier-sleep'], { sleep: 50_000 }));
    expect(f.filter((x) => x === 'spi_nor_remove_notifier_call')).toHaveLength(1);
    expect(f.indexOf('spi_nor_remove_notifier_call')).toBeLessThan(f.indexOf('spi_remove'));
  });

  it('it returns at once for a device that is not a spi-nor', () => {
    const p = buildProgram('devres-order', DEFAULT_KERNEL, ['notifier-sleep'], {});
    expect(unbindSteps(p).some((s) => s.kind === 'sleep.begin')).toBe(false);
  });

  it('readers check mtd_event_remove in spi_nor_prep before mutex_lock(&nor->lock)', () => {
    const p = buildProgram('flash-unbind', DEFAULT_KERNEL, ['notifier-sleep'], {});
    const r = p.tasks[0]!.steps;
    const chk = r.findIndex((s) => s.kind === 'check' && s.stack.at(-1)!.fn === 'spi_nor_prep');
    const lk = r.findIndex((s, i) => i > chk && s.kind === 'lock' && p.locks[s.lock]!.id === 'nor_lock');
    expect(chk).toBeGreaterThan(0);
    expect(lk).toBeGreaterThan(chk);
    expect(r[chk]!.fix).toBe('notifier-sleep');
  });
});

describe('srcu-drain', () => {
  it('revokes and waits in mtd_device_unregister, before devres frees anything', () => {
    const p = buildProgram('flash-unbind', DEFAULT_KERNEL, ['srcu-drain'], {});
    const s = unbindSteps(p);
    const wait = s.findIndex((x) => x.kind === 'srcu.wait');
    const firstFree = s.findIndex((x) => x.kind === 'free');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(firstFree);
    expect(s[wait]!.stack.map((f) => f.fn)).toContain('mtd_device_unregister');
  });
});

describe('code view data', () => {
  it('every frame has its code, and fix lines are marked as added', () => {
    const p = buildProgram('flash-unbind', DEFAULT_KERNEL, ['notifier-sleep'], {});
    for (const t of p.tasks) for (const s of t.steps) for (const f of s.stack) expect(p.code[f.key]).toBeDefined();
    const prep = p.code['spi_nor_prep']!;
    expect(prep.lines[0]).toContain('mtd_event_remove');
    expect(prep.added).toContain(0);
  });
});

describe('tasks', () => {
  it('every task has its own pid, with up to eight readers and the eraser (the first reader keeps the seed report\'s)', () => {
    for (const scenario of SCENARIO_IDS) {
      for (const readers of [1, 6, 8]) {
        for (const erase of [null, 1_000_000]) {
          const p = buildProgram(scenario, DEFAULT_KERNEL, [], { readers, erase });
          const pids = p.tasks.map((t) => t.pid);
          expect(new Set(pids).size, `${scenario} readers=${readers} erase=${erase}: ${pids.join(' ')}`).toBe(pids.length);
        }
      }
      const one = buildProgram(scenario, DEFAULT_KERNEL, [], {});
      const many = buildProgram(scenario, DEFAULT_KERNEL, [], { readers: 8, erase: 1_000_000 });
      expect(many.tasks.find((t) => t.kind === 'reader')?.pid).toBe(one.tasks.find((t) => t.kind === 'reader')?.pid);
    }
  });
});
