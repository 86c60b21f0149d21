/**
 * Symmetry over identical tasks, and the compact key of an explored state.
 *
 * Tasks with the same program (the `readers` copies of `cat`: they differ only
 * in pid and CPU, which no step reads) are interchangeable: permuting them maps
 * executions to executions, faults to faults, and keeps every count. A state
 * is keyed by its canonical form: the interchangeable tasks sorted by what
 * they look like (program counter, error register, clocks, locks held, SRCU
 * membership, ...), every reference to a task (a mutex owner, an SRCU reader
 * set, a grace-period snapshot, the sleep set) renamed accordingly. Two states
 * that differ only by such a renaming share one key, and one count.
 *
 * The key packs the World (engine.ts) tighter: program counter, error
 * register and sleep bit of a task in one word, flags 32 to a word, resource
 * states 8 to a word.
 */
import type { Machine, World } from './engine.ts';
import { sameStep } from './footprint.ts';
import type { Program } from './program.ts';

export class Canon {
  /** Groups of interchangeable tasks (each of at least two tasks), in index order. */
  readonly groups: readonly (readonly number[])[];
  readonly keyLen: number;
  /** After canon(): actual task -> canonical task, and back. */
  readonly perm: Int32Array;
  readonly inv: Int32Array;
  private readonly key: Int32Array;
  private readonly timed: boolean;
  private readonly nL: number;
  private readonly nF: number;
  private readonly nR: number;
  private readonly nC: number;
  private readonly nS: number;
  private readonly sig: Float64Array;
  private readonly sigLen: number;
  private readonly order: number[];

  constructor(private readonly m: Machine, p: Program, timed: boolean, symmetric: boolean) {
    const n = m.nTasks;
    this.timed = timed;
    this.nL = p.locks.length; this.nF = p.flags.length; this.nR = p.resources.length; this.nC = p.refs.length; this.nS = p.srcu.length;
    const groups: number[][] = [];
    if (symmetric) {
      const seen = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (seen[i]) continue;
        const ti = p.tasks[i]!;
        // A task that snapshots SRCU readers refers to other tasks from its own state: keep it out of any group.
        if (ti.steps.some((s) => s.kind === 'srcu.sync')) continue;
        const g = [i];
        for (let j = i + 1; j < n; j++) {
          const tj = p.tasks[j]!;
          if (seen[j] || tj.start !== ti.start || tj.steps.length !== ti.steps.length) continue;
          if (tj.steps.every((s, k) => sameStep(s, ti.steps[k]!))) { g.push(j); seen[j] = 1; }
        }
        if (g.length > 1) groups.push(g);
      }
    }
    this.groups = groups;
    this.perm = new Int32Array(n);
    this.inv = new Int32Array(n);
    const perTask = timed ? 3 : 1;
    this.keyLen = n * perTask + this.nL + Math.ceil(this.nF / 32) + Math.ceil(this.nR / 8) + this.nC + this.nS + n;
    this.key = new Int32Array(this.keyLen);
    this.sigLen = 5 + this.nS + n;
    this.sig = new Float64Array(n * this.sigLen);
    this.order = [];
  }

  /** Maps a task bitmask through `perm`. */
  mapMask(mask: number, perm: Int32Array = this.perm): number {
    let out = 0;
    for (let i = 0; mask !== 0; i++, mask >>>= 1) if (mask & 1) out |= 1 << perm[i]!;
    return out;
  }

  /** The canonical key of (w, sleep); fills perm and inv. The array is reused by the next call. */
  canon(w: World, sleep: number): Int32Array {
    const m = this.m;
    const a = w.a;
    const n = m.nTasks;
    const perm = this.perm;
    for (let i = 0; i < n; i++) perm[i] = i;
    if (this.groups.length) this.sortGroups(w, sleep);
    for (let i = 0; i < n; i++) this.inv[perm[i]!] = i;
    const key = this.key;
    const per = this.timed ? 3 : 1;
    let o = 0;
    for (let c = 0; c < n; c++) {
      const i = this.inv[c]!;
      key[o] = a[i]! | (a[m.oErr + i]! << 16) | (((sleep >>> i) & 1) << 17);
      if (this.timed) { key[o + 1] = a[m.oReady + i]!; key[o + 2] = a[m.oSlack + i]!; }
      o += per;
    }
    for (let l = 0; l < this.nL; l++) { const ow = a[m.oOwner + l]!; key[o++] = ow === 0 ? 0 : perm[ow - 1]! + 1; }
    for (let f0 = 0; f0 < this.nF; f0 += 32) {
      let word = 0;
      for (let f = f0; f < Math.min(this.nF, f0 + 32); f++) if (a[m.oFlags + f] === 1) word |= 1 << (f - f0);
      key[o++] = word;
    }
    for (let r0 = 0; r0 < this.nR; r0 += 8) {
      let word = 0;
      for (let r = r0; r < Math.min(this.nR, r0 + 8); r++) word |= a[m.oRes + r]! << ((r - r0) * 4);
      key[o++] = word;
    }
    for (let c = 0; c < this.nC; c++) key[o++] = a[m.oRefs + c]!;
    for (let d = 0; d < this.nS; d++) key[o++] = this.mapMask(a[m.oSrcu + d]!);
    for (let c = 0; c < n; c++) key[o++] = this.mapMask(a[m.oSync + this.inv[c]!]!);
    return key;
  }

  /** Sorts each group's members by signature; writes perm (actual -> canonical). */
  private sortGroups(w: World, sleep: number): void {
    const m = this.m;
    const a = w.a;
    const n = m.nTasks;
    const L = this.sigLen;
    const sig = this.sig;
    for (const g of this.groups) {
      for (const i of g) {
        const o = i * L;
        sig[o] = a[i]!;
        sig[o + 1] = a[m.oErr + i]! * 2 + ((sleep >>> i) & 1);
        sig[o + 2] = this.timed ? a[m.oReady + i]! : 0;
        sig[o + 3] = this.timed ? a[m.oSlack + i]! : 0;
        let owned = 0;
        for (let l = 0; l < this.nL; l++) if (a[m.oOwner + l] === i + 1) owned |= 1 << l;
        sig[o + 4] = owned;
        for (let d = 0; d < this.nS; d++) sig[o + 5 + d] = (a[m.oSrcu + d]! >>> i) & 1;
        for (let j = 0; j < n; j++) sig[o + 5 + this.nS + j] = (a[m.oSync + j]! >>> i) & 1;
      }
      const order = this.order;
      order.length = 0;
      for (const i of g) order.push(i);
      order.sort((x, y) => {
        const xo = x * L, yo = y * L;
        for (let k = 0; k < L; k++) { const d = sig[xo + k]! - sig[yo + k]!; if (d !== 0) return d; }
        return x - y;
      });
      for (let k = 0; k < g.length; k++) this.perm[order[k]!] = g[k]!;
    }
  }
}
