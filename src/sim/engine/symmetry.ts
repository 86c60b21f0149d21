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
 * mode each task's clock follows as a whole word, and with a latency window
 * its slack too (without one the slack is always 0: keys a third shorter
 * with eight readers).
 */
import type { Machine, World } from './engine.ts';
import { sameStep, type Program } from './program.ts';

export class Canon {
  /** Groups of interchangeable tasks (each of at least two tasks), in index order. */
  readonly groups: readonly (readonly number[])[];
  readonly keyLen: number;
  /** After canon(): actual task -> canonical task, and back. */
  readonly perm: Int32Array;
  readonly inv: Int32Array;
  private readonly key: Int32Array;
  private readonly timed: boolean;
  /**
   * Each task's latency slack is in the key: timed mode with a latency window.
   * Without one it is always 0 (engine.ts: only a wake gives slack, `lat` of it).
   */
  readonly slackKeyed: boolean;
  /** Words of the key holding the tasks' clocks (and slack): 0 in mode any. */
  readonly clockWords: number;
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
  /** The key's layout: per field (in canon()'s order) its word and shift; the first clock word (timed). */
  private readonly fw: Int32Array;
  private readonly fs: Int32Array;
  private readonly clock0: number;
  /** Per task: the mutexes it owns, and its SRCU memberships (gather). */
  private readonly owned: Int32Array;
  private readonly memb: Int32Array;
  /** Scales of a signature's packed fields (sign). */
  private readonly ownScale: number;
  private readonly tail: number;
  /** One group's members, sorted by sortGroups (its first entries). */
  private readonly order: Int32Array;
  /** Per task: the first member of its group, or itself; and whether it is in a group (sortTasks). */
  private readonly groupFirst: Int32Array;
  private readonly inGroup: Uint8Array;

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
    this.order = new Int32Array(n);
    this.perm = new Int32Array(n);
    this.inv = new Int32Array(n);
    const bitsFor = (max: number) => Math.max(1, Math.ceil(Math.log2(max + 1)));
    this.pcBits = bitsFor(Math.max(0, ...p.tasks.map((t) => t.steps.length)));
    this.ownerBits = bitsFor(n);
    const gets = p.tasks.reduce((k, t) => k + t.steps.filter((st) => st.kind === 'get').length, 0);
    this.refBits = bitsFor(Math.max(0, ...p.refs.map((r) => r.initial)) + gets);
    this.maskBits = Math.max(1, n);
    if (this.pcBits + 2 > 32 || this.refBits > 32 || n > 31) throw new Error('state key: a field does not fit in a word');
    // The key's layout: every field's word and shift, in the order canon() writes them.
    const fw: number[] = [], fs: number[] = [];
    let words = 0, used = 32;
    const field = (bits: number, count: number) => {
      for (let k = 0; k < count; k++) {
        if (used + bits > 32) { words++; used = 0; }
        fw.push(words - 1); fs.push(used);
        used += bits;
      }
    };
    field(this.pcBits + 2, n);
    this.clock0 = words;
    this.slackKeyed = timed && m.lat > 0;
    this.clockWords = timed ? (this.slackKeyed ? 2 : 1) * n : 0;
    words += this.clockWords;
    used = 32;
    field(this.ownerBits, this.nL); field(1, this.nF); field(4, this.nR); field(this.refBits, this.nC); field(this.maskBits, this.nS + n);
    this.fw = Int32Array.from(fw);
    this.fs = Int32Array.from(fs);
    this.keyLen = words;
    this.key = new Int32Array(this.keyLen);
    // The packed signature must stay an exact integer in a double.
    if (this.pcBits + 2 + this.nL + this.nS + n > 53 || this.nS + n > 31) throw new Error('symmetry: a task signature does not fit in a double');
    this.sig = new Float64Array(n * 3);
    this.owned = new Int32Array(n);
    this.memb = new Int32Array(n);
    this.ownScale = 2 ** this.nL;
    this.tail = 2 ** (this.nS + n);
    this.groupFirst = Int32Array.from({ length: n }, (_, i) => i);
    this.inGroup = new Uint8Array(n);
    for (const g of groups) for (const i of g) { this.groupFirst[i] = g[0]!; this.inGroup[i] = 1; }
  }

  /** `perm` copied into the array kept for DFS depth `depth` (one per depth, reused): a frame's numbering lives as long as the frame. */
  keepPerm(pool: Int32Array[], depth: number): Int32Array {
    const p = pool[depth] ?? (pool[depth] = new Int32Array(this.perm.length));
    const perm = this.perm;
    for (let i = 0; i < perm.length; i++) p[i] = perm[i]!;
    return p;
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
    if (this.groups.length) this.sortGroups(w, sleep, perm);
    for (let i = 0; i < n; i++) this.inv[perm[i]!] = i;
    const key = this.key;
    for (let i = 0; i < key.length; i++) key[i] = 0;
    const fw = this.fw, fs = this.fs;
    let f = 0;
    const pcBits = this.pcBits;
    for (let c = 0; c < n; c++, f++) {
      const i = this.inv[c]!;
      key[fw[f]!]! |= (a[i]! | (a[m.oErr + i]! << pcBits) | (((sleep >>> i) & 1) << (pcBits + 1))) << fs[f]!;
    }
    if (this.timed) {
      let o = this.clock0;
      for (let c = 0; c < n; c++) {
        const i = this.inv[c]!;
        key[o++] = a[m.oReady + i]!;
        if (this.slackKeyed) key[o++] = a[m.oSlack + i]!;
      }
    }
    for (let l = 0; l < this.nL; l++, f++) { const ow = a[m.oOwner + l]!; key[fw[f]!]! |= (ow === 0 ? 0 : perm[ow - 1]! + 1) << fs[f]!; }
    for (let x = 0; x < this.nF; x++, f++) key[fw[f]!]! |= (a[m.oFlags + x] === 1 ? 1 : 0) << fs[f]!;
    for (let r = 0; r < this.nR; r++, f++) key[fw[f]!]! |= a[m.oRes + r]! << fs[f]!;
    for (let c = 0; c < this.nC; c++, f++) key[fw[f]!]! |= a[m.oRefs + c]! << fs[f]!;
    for (let d = 0; d < this.nS; d++, f++) key[fw[f]!]! |= this.mapMask(a[m.oSrcu + d]!) << fs[f]!;
    for (let c = 0; c < n; c++, f++) key[fw[f]!]! |= this.mapMask(a[m.oSync + this.inv[c]!]!) << fs[f]!;
    return key;
  }

  /**
   * Sorts `tasks` (its first `count`, in place) into an order that renaming identical tasks
   * renames, at (w, sleep): a task outside every group by its index; a
   * group's members at the place of its first member, among themselves by
   * signature (equal signatures: interchangeable, by index). Leaves the key,
   * perm and inv untouched.
   */
  sortTasks(w: World, sleep: number, tasks: Int32Array | number[], count: number = tasks.length): void {
    // Signatures only when two group members are to be ordered; a signature
    // orders by program counter first, so distinct ones decide alone.
    let members = 0;
    let samePc = false;
    const a = w.a;
    for (let k = 0; k < count; k++) {
      const t = tasks[k]!;
      if (!this.inGroup[t]) continue;
      members++;
      for (let j = 0; j < k; j++) if (this.inGroup[tasks[j]!] && a[tasks[j]!] === a[t]) samePc = true;
    }
    if (members > 1 && samePc) {
      this.gather(w);
      for (let k = 0; k < count; k++) if (this.inGroup[tasks[k]!]) this.sign(w, sleep, tasks[k]!);
    } else if (members > 1) {
      const sig = this.sig;
      for (let k = 0; k < count; k++) {
        const t = tasks[k]!;
        if (this.inGroup[t]) { sig[t * 3] = a[t]!; sig[t * 3 + 1] = 0; sig[t * 3 + 2] = 0; }
      }
    }
    for (let len = 1; len < count; len++) {
      const i = tasks[len]!;
      let k = len;
      while (k > 0 && this.blockAfter(tasks[k - 1]!, i)) { tasks[k] = tasks[k - 1]!; k--; }
      tasks[k] = i;
    }
  }

  /**
   * Are tasks x and y interchangeable at w (the sleep set left out): members
   * of one group with equal signatures, so that swapping them maps w onto
   * itself, and a move of x onto the move of y.
   */
  swappable(w: World, x: number, y: number): boolean {
    if (x === y || !this.inGroup[x] || this.groupFirst[x] !== this.groupFirst[y] || w.a[x] !== w.a[y]) return false;
    this.gather(w);
    this.sign(w, 0, x);
    this.sign(w, 0, y);
    return !this.after(x, y) && !this.after(y, x);
  }

  /** Does x come after y in sortTasks' order (signatures of group members computed)? */
  private blockAfter(x: number, y: number): boolean {
    const fx = this.groupFirst[x]!, fy = this.groupFirst[y]!;
    if (fx !== fy) return fx > fy;
    return this.after(x, y) || (!this.after(y, x) && x > y);
  }

  /**
   * Task i's signature (into sig): everything the key says about it, one
   * number packing its program counter, error register, sleep bit, the
   * mutexes it owns, its SRCU memberships and the grace-period snapshots it
   * is in, then (timed) its clock and slack. Tasks of a group with equal
   * signatures are interchangeable here.
   */
  private sign(w: World, sleep: number, i: number): void {
    const m = this.m;
    const a = w.a;
    const sig = this.sig;
    sig[i * 3] = (((a[i]! * 2 + a[m.oErr + i]!) * 2 + ((sleep >>> i) & 1)) * this.ownScale + this.owned[i]!) * this.tail + this.memb[i]!;
    sig[i * 3 + 1] = this.timed ? a[m.oReady + i]! : 0;
    sig[i * 3 + 2] = this.timed ? a[m.oSlack + i]! : 0;
  }

  /** Per task, for sign(): the mutexes it owns; the SRCU read sections it is in (bits n...) and the grace-period snapshots that hold it (bits 0..n-1). */
  private gather(w: World): void {
    const m = this.m;
    const a = w.a;
    const n = m.nTasks;
    const owned = this.owned;
    for (let i = 0; i < n; i++) owned[i] = 0;
    for (let l = 0; l < this.nL; l++) { const o = a[m.oOwner + l]!; if (o > 0) owned[o - 1]! |= 1 << l; }
    const memb = this.memb;
    for (let i = 0; i < n; i++) memb[i] = 0;
    for (let d = 0; d < this.nS; d++) for (let x = a[m.oSrcu + d]!; x !== 0; x &= x - 1) memb[31 - Math.clz32(x & -x)]! |= 1 << (n + d);
    for (let j = 0; j < n; j++) for (let x = a[m.oSync + j]!; x !== 0; x &= x - 1) memb[31 - Math.clz32(x & -x)]! |= 1 << j;
  }

  /** Sorts each group's members (sortTasks); writes perm (actual -> canonical). */
  private sortGroups(w: World, sleep: number, perm: Int32Array): void {
    const order = this.order;
    const groups = this.groups;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      for (let k = 0; k < g.length; k++) order[k] = g[k]!;
      this.sortTasks(w, sleep, order, g.length);
      for (let k = 0; k < g.length; k++) perm[order[k]!] = g[k]!;
    }
  }

  /** Does task x's signature sort after task y's? */
  private after(x: number, y: number): boolean {
    const sig = this.sig;
    for (let k = 0; k < 3; k++) {
      const d = sig[x * 3 + k]! - sig[y * 3 + k]!;
      if (d !== 0) return d > 0;
    }
    return false;
  }
}
