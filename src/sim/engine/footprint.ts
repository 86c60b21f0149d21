/**
 * What each step touches, for partial-order reduction: a footprint per step
 * (a bitset of shared objects and how they are touched), the steps that
 * conflict with it, and what a task can still do from a step (its future).
 *
 * Two steps of different tasks are *dependent* when their footprints conflict:
 *   an access of a resource (a `use`, an I/O, a lock, flag or count living
 *   in it; reading a resource reads what it depends on) vs a kill (free /
 *   state change) of it; kill vs kill of one resource; two steps on one mutex;
 *   a flag set vs a read (check, wait) or another set of it; two steps on one
 *   reference count (get, put), or one of them vs a count check; srcu_read_lock
 *   vs synchronize_srcu's snapshot (and srcu_read_unlock too, in timed mode
 *   only: see the srcu.unlock case below); srcu_read_unlock vs the wait of
 *   synchronize_srcu. Everything else commutes (two reads of one resource, two
 *   readers entering one SRCU domain, ...). In timed mode two steps are also
 *   dependent unless they start at the same instant.
 *
 * The tables are static (per task and program counter); explore.ts combines
 * them with the state.
 */
import { ERR_FLAG, GOTO_FLAG } from './compile.ts';
import type { Machine } from './engine.ts';
import { sameStep, type Program, type Step } from './program.ts';

/** Time a step takes: its cost (a visible `wait` continues at once when woken). */
const elapsed = (st: Step): number => (st.visible && st.kind === 'wait' ? 0 : st.cost);

/** Per task: its steps' footprints and successor graph (tasks with identical programs share one). */
export interface TaskTables {
  readonly len: number;
  readonly steps: readonly Step[];
  /**
   * Footprint of the step at pc (words [pc*W, pc*W+W)): what it touches, and
   * the resources the step(s) it brings its task up to will access or kill.
   */
  readonly fp: Uint32Array;
  /** What conflicts with that step. */
  readonly cm: Uint32Array;
  /** Union of the footprints of every step reachable from pc (pc included). */
  readonly all: Uint32Array;
  /** Union of the footprints of the steps reachable from pc without time passing (timed mode). */
  readonly zero: Uint32Array;
  /** Union of the footprints of the visible steps that can come right after the step at pc. */
  readonly next: Uint32Array;
  /** Kill bits of the resources some path from pc kills twice (a double free ahead), for `all` and for `zero`. */
  readonly twice: Uint32Array;
  readonly zeroTwice: Uint32Array;
  /** First and second successor of pc (-1 = none); a check or put may branch. */
  readonly succ0: Int32Array;
  readonly succ1: Int32Array;
  /**
   * Per program counter, error register and reference count (index
   * (pc * 2 + err) * counts + c, dropsAt): the most it can still drop from pc
   * (puts minus gets, best prefix) over the paths the register allows (see errNext).
   */
  readonly netPuts: Int32Array;
  /** The same, without time passing (timed mode). */
  readonly zeroNetPuts: Int32Array;
  /** Index of this distinct program (for caches). */
  readonly id: number;
}

export interface Footprints {
  /** Words per bitset. */
  readonly W: number;
  /** Resources; bit RR+r = an access of resource r, RK+r = a kill of it. */
  readonly R: number;
  readonly RR: number;
  readonly RK: number;
  /** Reference counts: CR+c = a check of count c, CW+c = a get or put on it. */
  readonly CR: number;
  readonly CW: number;
  readonly tasks: readonly TaskTables[];
  /** Per lock (words [l*W, l*W+W)): the access of the memory it lives in (what a lock step blocked on it can still do: fault there). */
  readonly lockMem: Uint32Array;
}

/** Builds the tables for a program (once per explored question). */
export function footprints(p: Program, m: Machine): Footprints {
  const R = p.resources.length, L = p.locks.length, F = p.flags.length, C = p.refs.length, D = p.srcu.length;
  let nb = 0;
  const RR = nb; nb += R;
  const RK = nb; nb += R;
  const LK = nb; nb += L;
  const FR = nb; nb += F;
  const FW = nb; nb += F;
  const CR = nb; nb += C;
  const CW = nb; nb += C;
  const SM = nb; nb += D;
  const SS = nb; nb += D;
  const SU = nb; nb += D;
  const SWt = nb; nb += D;
  const W = Math.max(1, Math.ceil(nb / 32));
  /** Timed mode's clocks (mode any has none: a wait with a timeout may end at any time, and nothing has a window). */
  const timed = m.mode === 'timed';
  /** Latency windows: a woken task may let the others step first (engine.ts wake). */
  const windows = timed && p.params.lat > 0;
  const set = (b: Uint32Array, off: number, i: number): void => { b[off + (i >>> 5)]! |= 1 << (i & 31); };
  /** Reading resource r reads what it depends on too (an MMIO window: its block, clock and power). */
  const accessBits = (out: Uint32Array, off: number, r: number): void => {
    set(out, off, RR + r);
    for (const d of m.deps[r]!) set(out, off, RR + d);
  };

  const footprint = (s: Step, out: Uint32Array, off: number): void => {
    // An invisible step touches nothing another task touches (compile.ts, markVisible).
    if (!s.visible) return;
    const mem = (r: number): void => { if (r >= 0) accessBits(out, off, r); };
    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end':
        for (const r of s.res) accessBits(out, off, r);
        break;
      case 'lock': case 'unlock':
        set(out, off, LK + s.lock); mem(m.lockIn[s.lock]!);
        break;
      case 'get': case 'put':
        set(out, off, CW + s.ref); mem(m.refIn[s.ref]!);
        break;
      case 'check':
        if (s.ref >= 0) { set(out, off, CR + s.ref); mem(m.refIn[s.ref]!); } else if (s.flag >= 0) { set(out, off, FR + s.flag); mem(m.flagIn[s.flag]!); }
        break;
      case 'set':
        set(out, off, FW + s.flag); mem(m.flagIn[s.flag]!);
        break;
      case 'wait':
        set(out, off, FR + s.flag);
        break;
      case 'free': case 'state':
        set(out, off, RK + s.res[0]!);
        break;
      case 'srcu.lock': set(out, off, SM + s.srcu); break;
      // An unlock and a grace period's snapshot commute in mode any: in either order the reader is out of the domain
      // and of the snapshot (engine.ts). In timed mode an unlock after the snapshot wakes the waiter (its latency
      // window starts), one before it does not: there they stay dependent.
      case 'srcu.unlock': if (timed) set(out, off, SM + s.srcu); set(out, off, SU + s.srcu); break;
      case 'srcu.sync': set(out, off, SS + s.srcu); break;
      case 'srcu.wait': set(out, off, SWt + s.srcu); break;
      default: break;
    }
  };
  const conflicts = (a: Uint32Array, ao: number, out: Uint32Array, oo: number): void => {
    for (let r = 0; r < R; r++) {
      if (hasBit(a, ao, RR + r)) set(out, oo, RK + r);
      if (hasBit(a, ao, RK + r)) { set(out, oo, RR + r); set(out, oo, RK + r); }
    }
    for (let l = 0; l < L; l++) if (hasBit(a, ao, LK + l)) set(out, oo, LK + l);
    for (let f = 0; f < F; f++) {
      if (hasBit(a, ao, FR + f)) set(out, oo, FW + f);
      if (hasBit(a, ao, FW + f)) { set(out, oo, FR + f); set(out, oo, FW + f); }
    }
    for (let c = 0; c < C; c++) {
      if (hasBit(a, ao, CR + c)) set(out, oo, CW + c);
      if (hasBit(a, ao, CW + c)) { set(out, oo, CR + c); set(out, oo, CW + c); }
    }
    for (let d = 0; d < D; d++) {
      if (hasBit(a, ao, SM + d)) set(out, oo, SS + d);
      if (hasBit(a, ao, SS + d)) set(out, oo, SM + d);
      if (hasBit(a, ao, SU + d)) set(out, oo, SWt + d);
      if (hasBit(a, ao, SWt + d)) set(out, oo, SU + d);
    }
  };

  const resMask = new Uint32Array(W);
  for (let i = RR; i < RK + R; i++) set(resMask, 0, i);
  const cache = new Map<readonly Step[], TaskTables>();
  const sameProgram = (a: readonly Step[], b: readonly Step[]): boolean => a.length === b.length && a.every((s, i) => sameStep(s, b[i]!));
  const tasks = p.tasks.map((t): TaskTables => {
    for (const [steps, tt] of cache) if (sameProgram(steps, t.steps)) return tt;
    const len = t.steps.length;
    const fp = new Uint32Array((len + 1) * W);
    const cm = new Uint32Array((len + 1) * W);
    const succ0 = new Int32Array(len + 1).fill(-1);
    const succ1 = new Int32Array(len + 1).fill(-1);
    // The step's own footprint first (own), then what it brings its task up to.
    const own = new Uint32Array((len + 1) * W);
    t.steps.forEach((s, pc) => {
      footprint(s, own, pc * W);
      if (s.kind === 'check') {
        if (s.flag === GOTO_FLAG) succ0[pc] = s.target; else { succ0[pc] = pc + 1; succ1[pc] = s.target; }
      } else if (s.kind === 'put') { succ0[pc] = pc + 1; succ1[pc] = s.target; } else succ0[pc] = pc + 1;
    });
    // What a move at pc brings its task up to, per a table of bits per step: those of the first visible steps after
    // it (invisible steps run eagerly after a move). One backward pass, as programs jump forward.
    const ahead = (bits: Uint32Array): Uint32Array => {
      const first = new Uint32Array((len + 1) * W);
      for (let q = len - 1; q >= 0; q--) {
        const o = q * W;
        if (t.steps[q]!.visible) { for (let k = 0; k < W; k++) first[o + k] = bits[o + k]!; continue; }
        for (const r of [succ0[q]!, succ1[q]!]) if (r >= 0 && r < len) for (let k = 0; k < W; k++) first[o + k]! |= first[r * W + k]!;
      }
      const out = new Uint32Array((len + 1) * W);
      for (let pc = 0; pc < len; pc++) {
        for (const q of [succ0[pc]!, succ1[pc]!]) if (q >= 0 && q < len) for (let k = 0; k < W; k++) out[pc * W + k]! |= first[q * W + k]!;
      }
      return out;
    };
    const next = ahead(own);
    // In timed mode, arriving at some steps reads what the step waits on (engine.ts normalize, wake): at a wait with a timeout,
    // the flag (set, no wait; clear, the timeout starts); with latency windows, at a mutex or a wait for a flag,
    // whether the unlock or the set that wakes it comes before (a window opens) or after (none).
    const arriveOwn = new Uint32Array((len + 1) * W);
    t.steps.forEach((s, pc) => {
      if (!s.visible) return;
      if (s.kind === 'wait' && ((timed && s.cost > 0) || windows)) set(arriveOwn, pc * W, FR + s.flag);
      else if (s.kind === 'lock' && windows) set(arriveOwn, pc * W, LK + s.lock);
    });
    const arrive = ahead(arriveOwn);
    // A move that brings its task up to a resource access (or a free) counts as
    // touching that resource: whether a kill finds a task about to touch what
    // it kills is then fixed by the order of dependent steps (see traces.ts).
    // One that brings it up to a step whose arrival reads a flag or a mutex (above) reads it.
    for (let pc = 0; pc < len; pc++) {
      const o = pc * W;
      for (let k = 0; k < W; k++) fp[o + k] = own[o + k]! | (next[o + k]! & resMask[k]!) | arrive[o + k]!;
      conflicts(fp, o, cm, o);
    }
    // Programs are acyclic and jump forward: one backward pass computes the futures.
    const all = new Uint32Array((len + 1) * W);
    const zero = new Uint32Array((len + 1) * W);
    for (let pc = len - 1; pc >= 0; pc--) {
      const st = t.steps[pc]!;
      const o = pc * W;
      const elapses = elapsed(st);
      for (let k = 0; k < W; k++) { all[o + k] = fp[o + k]!; zero[o + k] = fp[o + k]!; }
      for (const q of [succ0[pc]!, succ1[pc]!]) {
        if (q < 0 || q > len) continue;
        for (let k = 0; k < W; k++) {
          all[o + k]! |= all[q * W + k]!;
          if (elapses === 0) zero[o + k]! |= zero[q * W + k]!;
        }
      }
    }
    // Resources killed twice on some path from pc (kills first, then a second kill after it).
    const kills = (zeroOnly: boolean) => {
      const once = new Uint32Array((len + 1) * W);
      const two = new Uint32Array((len + 1) * W);
      for (let pc = len - 1; pc >= 0; pc--) {
        const st = t.steps[pc]!;
        const o = pc * W;
        const elapses = elapsed(st);
        const own1 = new Uint32Array(W);
        if (st.visible && (st.kind === 'free' || st.kind === 'state')) set(own1, 0, RK + st.res[0]!);
        for (const q of [succ0[pc]!, succ1[pc]!]) {
          if (q < 0 || q > len || (zeroOnly && elapses !== 0)) continue;
          for (let k = 0; k < W; k++) { two[o + k]! |= two[q * W + k]! | (own1[k]! & once[q * W + k]!); once[o + k]! |= once[q * W + k]!; }
        }
        for (let k = 0; k < W; k++) once[o + k]! |= own1[k]!;
      }
      return two;
    };
    const C = p.refs.length;
    const drops = (zeroOnly: boolean) => {
      const a = new Int32Array((len + 1) * 2 * C);
      const next = new Int32Array(2);
      for (let pc = len - 1; pc >= 0; pc--) {
        const s = t.steps[pc]!;
        const go = !zeroOnly || elapsed(s) === 0;
        for (let err = 0; err < 2; err++) {
          const n = go ? errNext(s, pc, err, succ0[pc]!, succ1[pc]!, next) : 0;
          for (let c = 0; c < C; c++) {
            const d = s.ref === c ? (s.kind === 'put' ? 1 : s.kind === 'get' ? -1 : 0) : 0;
            let best = 0;
            for (let j = 0; j < n; j++) { const k = next[j]!; if (k >= 0 && k >>> 1 <= len) best = Math.max(best, a[k * C + c]!); }
            a[(pc * 2 + err) * C + c] = Math.max(0, d + best);
          }
        }
      }
      return a;
    };
    const tt: TaskTables = { len, steps: t.steps, fp, cm, all, zero, next, twice: kills(false), zeroTwice: kills(true), succ0, succ1, netPuts: drops(false), zeroNetPuts: drops(true), id: cache.size };
    cache.set(t.steps, tt);
    return tt;
  });
  const lockMem = new Uint32Array(Math.max(1, L) * W);
  for (let l = 0; l < L; l++) {
    const r = m.lockIn[l]!;
    if (r >= 0) accessBits(lockMem, l * W, r);
  }
  return { W, R, RR, RK, CR, CW, tasks, lockMem };
}

/**
 * The index of a program counter and error register in the tables kept per
 * both: netPuts (times the number of counts, plus the count) and a task's
 * futures in traces.ts (times the words of a bitset).
 */
export const dropsAt = (pc: number, err: number): number => pc * 2 + err;

/**
 * The successors of the step at pc with the task's error register `err`, as
 * dropsAt(pc', err') written to out[0] and out[1] (their number returned).
 * The error register only changes at a check (engine.ts check()), so a `$err`
 * check goes one way only, and a path that skipped a get on an error goes on
 * with the register set. Checks of a count can go either way, and so can
 * checks of a flag, unless the flag is in `stable` (a mask: no task can set or
 * clear it any more), whose value `vals` holds; an error path that is a goto
 * sets the register, any other clears it.
 */
export function errNext(s: Step, pc: number, err: number, succ0: number, succ1: number, out: Int32Array, stable = 0, vals = 0): number {
  if (s.kind === 'check' && s.flag !== GOTO_FLAG) {
    const onFail = s.errJump ? 1 : 0;
    if (s.ref < 0 && s.flag === ERR_FLAG) {
      const fail = (err === 1) === s.value;
      const after = s.value ? (fail ? onFail : 0) : err;
      out[0] = dropsAt(fail ? s.target : pc + 1, after);
      return 1;
    }
    if (s.ref < 0 && s.flag >= 0 && ((stable >>> s.flag) & 1) === 1) {
      const fail = (((vals >>> s.flag) & 1) === 1) === s.value;
      out[0] = fail ? dropsAt(s.target, onFail) : dropsAt(pc + 1, err);
      return 1;
    }
    out[0] = dropsAt(pc + 1, err);
    out[1] = dropsAt(s.target, onFail);
    return 2;
  }
  let n = 0;
  if (succ0 >= 0) out[n++] = dropsAt(succ0, err);
  if (succ1 >= 0) out[n++] = dropsAt(succ1, err);
  return n;
}

/** Bit i of the bitset at b[o...]. */
export function hasBit(b: Uint32Array, o: number, i: number): boolean {
  return ((b[o + (i >>> 5)]! >>> (i & 31)) & 1) === 1;
}

/** Bits [start, start + len) of a bitset (at offset o) as one number, bit 0 first; len at most 32. */
export function bits(b: Uint32Array, o: number, start: number, len: number): number {
  if (len === 0) return 0;
  const i = o + (start >>> 5);
  const sh = start & 31;
  let v = b[i]! >>> sh;
  if (sh !== 0 && sh + len > 32) v |= b[i + 1]! << (32 - sh);
  return len === 32 ? v : v & ~(-1 << len);
}

/** True when two bitsets (at offsets) share a bit. */
export function intersects(a: Uint32Array, ao: number, b: Uint32Array, bo: number, W: number): boolean {
  for (let k = 0; k < W; k++) if ((a[ao + k]! & b[bo + k]!) !== 0) return true;
  return false;
}
