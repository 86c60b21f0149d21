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
 * The key packs the World (engine.ts) into as few bits as each field can
 * need (fields never straddle a word): a task's program counter, error
 * register and sleep bit; mutex owners; flags; resource states; reference
 * counts (bounded by their initial value plus every get in the program);
 * SRCU reader sets and grace-period snapshots (one bit per task). In timed
 * mode each task's clock and latency slack follow as whole words.
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
  /** Bits per field of the key (see the file comment). */
  private readonly pcBits: number;
  private readonly ownerBits: number;
  private readonly refBits: number;
  private readonly maskBits: number;
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
    const bitsFor = (max: number) => Math.max(1, Math.ceil(Math.log2(max + 1)));
    this.pcBits = bitsFor(Math.max(0, ...p.tasks.map((t) => t.steps.length)));
    this.ownerBits = bitsFor(n);
    const gets = p.tasks.reduce((k, t) => k + t.steps.filter((st) => st.kind === 'get').length, 0);
    this.refBits = bitsFor(Math.max(0, ...p.refs.map((r) => r.initial)) + gets);
    this.maskBits = Math.max(1, n);
    if (this.pcBits + 2 > 32 || this.refBits > 32 || n > 31) throw new Error('state key: a field does not fit in a word');
    // The key's length: pack() writes every field once with these widths.
    let words = 0, used = 32;
    const field = (bits: number, count: number) => {
      for (let k = 0; k < count; k++) { if (used + bits > 32) { words++; used = 0; } used += bits; }
    };
    const perTaskWords = timed ? 2 : 0;
    field(this.pcBits + 2, n);
    words += n * perTaskWords;
    used = 32;
    field(this.ownerBits, this.nL); field(1, this.nF); field(4, this.nR); field(this.refBits, this.nC); field(this.maskBits, this.nS + n);
    this.keyLen = words;
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
    key.fill(0);
    // Bit writer: o is the word, used the bits already taken in it.
    let o = -1, used = 32;
    const put = (value: number, bits: number) => {
      if (used + bits > 32) { o++; used = 0; }
      key[o]! |= value << used;
      used += bits;
    };
    const pcBits = this.pcBits;
    for (let c = 0; c < n; c++) {
      const i = this.inv[c]!;
      put(a[i]! | (a[m.oErr + i]! << pcBits) | (((sleep >>> i) & 1) << (pcBits + 1)), pcBits + 2);
    }
    if (this.timed) {
      for (let c = 0; c < n; c++) {
        const i = this.inv[c]!;
        key[++o] = a[m.oReady + i]!;
        key[++o] = a[m.oSlack + i]!;
      }
    }
    used = 32;
    for (let l = 0; l < this.nL; l++) { const ow = a[m.oOwner + l]!; put(ow === 0 ? 0 : perm[ow - 1]! + 1, this.ownerBits); }
    for (let f = 0; f < this.nF; f++) put(a[m.oFlags + f] === 1 ? 1 : 0, 1);
    for (let r = 0; r < this.nR; r++) put(a[m.oRes + r]!, 4);
    for (let c = 0; c < this.nC; c++) put(a[m.oRefs + c]!, this.refBits);
    for (let d = 0; d < this.nS; d++) put(this.mapMask(a[m.oSrcu + d]!), this.maskBits);
    for (let c = 0; c < n; c++) put(this.mapMask(a[m.oSync + this.inv[c]!]!), this.maskBits);
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
