/**
 * A proof of Never in mode any that never puts the readers together:
 * thread-modular reachability (Flanagan and Qadeer's thread-modular model
 * checking; Owicki–Gries interference), for the questions whose state search
 * stops at the cap. It proves or says it could not; it never finds a fault.
 *
 * The unbind is kept exactly. Every other task is seen one at a time: the
 * tasks with one program (the readers) form a class, and each other task (an
 * eraser, a worker) is a class of its own. A *view* is the state as one task
 * of one class sees it:
 * - exactly: the unbind (program counter, error register, how much it has
 *   added to each reference count); every shared field (flags, resources,
 *   reference counts); this task (program counter, error register, the
 *   mutexes it holds, whether it is in each SRCU domain and in the unbind's
 *   grace-period snapshot, how much it has added to each count);
 * - as what they add up to, per class: the others (which mutexes some task of
 *   the class holds, how many of them are in each domain and in the snapshot).
 *
 * From every view the search makes this task's move and the unbind's (the
 * engine's own `move`, on a world rebuilt with the others as placeholders at
 * their end), and the interference of the others: a move some task made from
 * a view with the same shared part (the guarantee), applied when the two can
 * be there together (no mutex held by both; every domain and snapshot count
 * holds them both and the rest; what is left of each count is what the rest
 * can hold, see below). By induction on its executions, every state the real
 * program reaches has each of its tasks' views among those reached (a task's
 * move is its own move in its view and interference in everyone else's; the
 * unbind's is its move in every view), and any fault of a real execution is
 * a fault of a move from one of them. So when no move from any view faults,
 * no execution faults: Never.
 *
 * What is left of a count once the unbind, this task and the mover are taken
 * out is held by the rest, each task of class k holding between lo[k] and
 * hi[k] (its share, assumed). The search checks the assumption: every view's
 * own share must lie in its class's range; if one does not, the ranges are
 * widened and the search runs again (assume–guarantee: the proof stands only
 * for ranges every view has checked).
 *
 * The proof is one-sided: a view that faults may be one no execution reaches
 * (the others are only counts), and then nothing is proved and the answer
 * stays the state search's. It counts nothing. Pure: no DOM, timers or
 * randomness.
 */
import { Machine, ST, type World } from './engine.ts';
import { Canon } from './symmetry.ts';
import { StateTable } from './stateTable.ts';
import type { Program, Step } from './program.ts';

/** What the modular search says. */
export interface ModularResult {
  /** No move from any view faults: Never. */
  readonly proved: boolean;
  /** Why not: a view's move faults (faultAt), the memory or view cap, or a program it does not take. */
  readonly reason: 'fault' | 'cap' | 'unsupported' | null;
  /** The step whose move faulted in some view (perhaps a view no execution reaches), when reason = fault. */
  readonly faultAt: string | null;
  /** The classes of tasks seen one at a time, with their sizes (e.g. [8, 1]: eight readers, an eraser). */
  readonly classes: readonly number[];
  /** Views kept by the last round, their shared parts, and the moves recorded as interference. */
  readonly views: number;
  readonly shared: number;
  readonly guarantees: number;
  /** Rounds run (each widening the assumed shares of the counts). */
  readonly rounds: number;
  /** Memory the last round kept, in bytes. */
  readonly memoryBytes: number;
}

export interface ModularOptions {
  /** Stop (reason `cap`) when this many views are kept. */
  readonly maxViews?: number;
  /** Stop (reason `cap`) when the search keeps more than this many bytes. */
  readonly maxBytes?: number;
  /** Called now and then with the views kept so far in this round (each round starts again). */
  readonly onProgress?: (views: number, round: number) => void;
}

const PROGRESS_EVERY = 1 << 15;
/** A task's share of a count is packed in 6 bits (offset 32). */
const NET_BITS = 6, NET_OFF = 32;
/** A view's local word: pc in its low 12 bits, then the error register, mutexes held, domains, snapshot. */
const S_ERR = 12, S_OWN = 13;

/** Proves Never for the program in mode any, or says why it could not. */
export function proveNeverModular(p: Program, opts: ModularOptions): ModularResult {
  const m = new Machine(p, 'any');
  const u = p.unbindTask;
  const none = (classes: readonly number[] = []): ModularResult =>
    ({ proved: false, reason: 'unsupported', faultAt: null, classes, views: 0, shared: 0, guarantees: 0, rounds: 0, memoryBytes: 0 });
  if (u < 0) return none();
  const classes: number[][] = [];
  const inClass = new Uint8Array(m.nTasks);
  for (const g of new Canon(m, p, false, true).groups) {
    if (g.includes(u)) return none();
    classes.push([...g]);
    for (const t of g) inClass[t] = 1;
  }
  for (let t = 0; t < m.nTasks; t++) if (t !== u && !inClass[t]) classes.push([t]);
  const sizes = classes.map((c) => c.length);
  const C = p.refs.length;
  // Only the unbind may wait for a grace period (its snapshot is kept exactly); the fields must fit their bits.
  if (classes.some((c) => p.tasks[c[0]!]!.steps.some((s) => s.kind === 'srcu.sync'))
    || C * NET_BITS > 31 || p.resources.length > 31 || S_OWN + p.locks.length + p.srcu.length + 1 > 31
    || classes.some((c) => p.tasks[c[0]!]!.steps.length >= 1 << S_ERR)) return none(sizes);
  let lo = classes.map(() => new Int32Array(C)), hi = classes.map(() => new Int32Array(C));
  for (let round = 1; ; round++) {
    const r = search(p, m, u, classes, lo, hi, opts, round);
    if (r.result) return { ...r.result, classes: sizes, rounds: round };
    // A view's own share fell outside its class's assumed range: widen and search again.
    lo = lo.map((x, k) => x.map((v, c) => Math.min(v, r.seenLo[k]![c]!)));
    hi = hi.map((x, k) => x.map((v, c) => Math.max(v, r.seenHi[k]![c]!)));
  }
}

interface Round {
  /** Set when the round settles it (proved, a fault, the cap). */
  readonly result: Omit<ModularResult, 'classes' | 'rounds'> | null;
  readonly seenLo: readonly Int32Array[];
  readonly seenHi: readonly Int32Array[];
}

const popc = (x: number): number => { let k = 0; while (x !== 0) { x &= x - 1; k++; } return k; };

function search(p: Program, m: Machine, u: number, classes: readonly (readonly number[])[], lo: readonly Int32Array[], hi: readonly Int32Array[], opts: ModularOptions, round: number): Round {
  const K = classes.length, L = p.locks.length, D = p.srcu.length, C = p.refs.length, RES = p.resources.length;
  const sDom = S_OWN + L, sSnap = sDom + D;
  const U = m.oReady; // the untimed part of a world
  const NW = U + C; // a shared part: the world with every task but the unbind a placeholder, and the unbind's shares
  const cls = new Int32Array(m.nTasks).fill(-1);
  const classMask = new Int32Array(K);
  classes.forEach((c, k) => { for (const t of c) { cls[t] = k; classMask[k]! |= 1 << t; } });
  const modMask = classMask.reduce((a, b) => a | b, 0);
  const lens = Int32Array.from(p.tasks, (t) => t.steps.length);
  const sizes = Int32Array.from(classes, (c) => c.length);
  const refInit = Int32Array.from(p.refs, (r) => r.initial);
  // Per class and program counter at an io.end: the resources it reads (and what they depend on), as a mask.
  const ioMask = classes.map((c) => Int32Array.from(p.tasks[c[0]!]!.steps, (s) => {
    let mask = 0;
    if (s.kind === 'io.end') for (const r of s.res) { mask |= 1 << r; for (const d of m.deps[r]!) mask |= 1 << d; }
    return mask;
  }));
  const maxViews = opts.maxViews ?? Infinity, maxBytes = opts.maxBytes ?? Infinity;
  /**
   * A task's consecutive reads (`use` steps) run as one move, with no view between them. A read changes
   * nothing, and no other task's step looks at where a reader is (only at an io.end, which is not a `use`), so in
   * any execution each run of reads can be moved later, up to the last of them, and the others' steps keep their
   * effects; a read moved past a kill of what it reads then faults, and one that faulted still does (dead
   * resources stay dead). So every execution with a fault has one with the runs contiguous and a fault. Not
   * when a step brings a dead resource back to life (a read moved past it could stop faulting).
   */
  const reads = !m.revives;
  const isUse = (t: number, pc: number): boolean => p.tasks[t]!.steps[pc]?.kind === 'use';

  // Shared parts, and what each says the classes hold: mutexes (a mask per class), domain and snapshot counts per
  // class, what is left of each count once the unbind's share is out, the resources not alive.
  // Small tables to start with: a small memory bound still lets a small proof run.
  const shared = new KeyTable(NW, 1024);
  let sOwned: Int32Array = new Int32Array(1024 * K), sDomN: Int32Array = new Int32Array(1024 * K * Math.max(1, D)), sSnapN: Int32Array = new Int32Array(1024 * K);
  let sRest: Int32Array = new Int32Array(1024 * Math.max(1, C)), sDead: Int32Array = new Int32Array(1024);
  let headV: Int32Array = new Int32Array(1024).fill(-1), headE: Int32Array = new Int32Array(1024).fill(-1);
  // Views: [class, shared, local, shares]; guarantees: [class, shared, what the mover holds (its local part without
  // its program counter and error register), its shares, shared after].
  const views = new KeyTable(4, 1024);
  let nextV: Int32Array = new Int32Array(4096);
  const entries = new KeyTable(5, 1024);
  let nextE: Int32Array = new Int32Array(4096);
  const work: number[] = [];
  const seenLo = classes.map(() => new Int32Array(C)), seenHi = classes.map(() => new Int32Array(C));
  let faultAt: string | null = null;
  let capped = false;

  const grow = (x: Int32Array, need: number, fill = 0): Int32Array => {
    if (need <= x.length) return x;
    const y = new Int32Array(Math.max(need, Math.ceil(x.length * 1.5)));
    y.fill(fill, x.length);
    y.set(x);
    return y;
  };
  const bytes = (): number => views.bytes + shared.bytes + entries.bytes + 4 * (nextV.length + nextE.length + work.length
    + sOwned.length + sDomN.length + sSnapN.length + sRest.length + sDead.length + headV.length + headE.length);
  const netOf = (l1: number, c: number): number => ((l1 >>> (c * NET_BITS)) & ((1 << NET_BITS) - 1)) - NET_OFF;
  /** The first `n` tasks of class k other than `skip`, as a task mask (-1 when it has fewer). */
  const firstOf = (k: number, n: number, skip: number): number => {
    let b = 0, got = 0;
    for (const t of classes[k]!) { if (got === n) break; if (t !== skip) { b |= 1 << t; got++; } }
    return got === n ? b : -1;
  };

  const sharedId = (a: Int32Array): number => {
    let id = shared.get(a);
    if (id >= 0) return id;
    id = shared.add(a);
    const n = id + 1;
    sOwned = grow(sOwned, n * K); sDomN = grow(sDomN, n * K * Math.max(1, D)); sSnapN = grow(sSnapN, n * K);
    sRest = grow(sRest, n * Math.max(1, C)); sDead = grow(sDead, n);
    headV = grow(headV, n, -1); headE = grow(headE, n, -1);
    for (let l = 0; l < L; l++) {
      const o = a[m.oOwner + l]!;
      if (o !== 0 && cls[o - 1]! >= 0) sOwned[id * K + cls[o - 1]!]! |= 1 << l;
    }
    for (let k = 0; k < K; k++) {
      for (let d = 0; d < D; d++) sDomN[(id * K + k) * D + d] = popc(a[m.oSrcu + d]! & classMask[k]!);
      sSnapN[id * K + k] = popc(a[m.oSync + u]! & classMask[k]!);
    }
    for (let c = 0; c < C; c++) sRest[id * C + c] = a[m.oRefs + c]! - refInit[c]! - a[U + c]!;
    let dead = 0;
    for (let r = 0; r < RES; r++) if (a[m.oRes + r] !== ST.alive) dead |= 1 << r;
    sDead[id] = dead;
    return id;
  };

  // One world rebuilt at a time, and the shares of the unbind (netU) and of this task (netMe) beside it.
  const world: World = { a: new Int32Array(m.size), now: 0, fault: null };
  const netU = new Int32Array(C), netMe = new Int32Array(C);
  const scratch = new Int32Array(NW);
  const local = new Int32Array(2);
  /** The shared part of the world as task `me` sees it (its id), its local part into `local`. */
  const split = (w: Int32Array, me: number): number => {
    const s = scratch;
    for (let i = 0; i < U; i++) s[i] = w[i]!;
    for (let t = 0; t < m.nTasks; t++) if (cls[t]! >= 0) { s[t] = lens[t]!; s[m.oErr + t] = 0; s[m.oSync + t] = 0; }
    let owns = 0;
    for (let l = 0; l < L; l++) {
      const o = w[m.oOwner + l]!;
      if (o === me + 1) owns |= 1 << l;
      if (o !== 0 && cls[o - 1]! >= 0) s[m.oOwner + l] = classes[cls[o - 1]!]![0]! + 1;
    }
    const placed = (bits: number): number => {
      let out = bits & ~modMask;
      for (let k = 0; k < K; k++) out |= firstOf(k, popc(bits & classMask[k]!), -1);
      return out;
    };
    let inDom = 0;
    for (let d = 0; d < D; d++) {
      if ((w[m.oSrcu + d]! >>> me) & 1) inDom |= 1 << d;
      s[m.oSrcu + d] = placed(w[m.oSrcu + d]!);
    }
    const inSnap = (w[m.oSync + u]! >>> me) & 1;
    s[m.oSync + u] = placed(w[m.oSync + u]!);
    for (let c = 0; c < C; c++) s[U + c] = netU[c]!;
    local[0] = w[me]! | (w[m.oErr + me]! << S_ERR) | (owns << S_OWN) | (inDom << sDom) | (inSnap << sSnap);
    let l1 = 0;
    for (let c = 0; c < C; c++) l1 |= (netMe[c]! + NET_OFF) << (c * NET_BITS);
    local[1] = l1;
    return sharedId(s);
  };

  /** Rebuilds the world of a view of class k (its task is the class's first); false when it cannot hold. */
  const rebuild = (k: number, s: number, l0: number, l1: number): boolean => {
    const a = world.a;
    const me = classes[k]![0]!;
    for (let i = 0; i < U; i++) a[i] = shared.word(s, i);
    for (let i = U; i < a.length; i++) a[i] = 0;
    world.now = 0; world.fault = null;
    a[me] = l0 & ((1 << S_ERR) - 1);
    a[m.oErr + me] = (l0 >>> S_ERR) & 1;
    const owns = l0 >>> S_OWN;
    for (let l = 0; l < L; l++) {
      const o = a[m.oOwner + l]!;
      if ((owns >>> l) & 1) { if (o === 0 || cls[o - 1] !== k) return false; a[m.oOwner + l] = me + 1; } else if (o !== 0 && cls[o - 1] === k) {
        const other = firstOf(k, 1, me);
        if (other < 0) return false;
        a[m.oOwner + l] = 31 - Math.clz32(other) + 1;
      }
    }
    const place = (bits: number, mine: number): number => {
      const others = popc(bits & classMask[k]!) - mine;
      const b = others < 0 ? -1 : firstOf(k, others, me);
      return b < 0 ? -1 : (bits & ~classMask[k]!) | b | (mine << me);
    };
    for (let d = 0; d < D; d++) {
      const b = place(a[m.oSrcu + d]!, (l0 >>> (sDom + d)) & 1);
      if (b < 0) return false;
      a[m.oSrcu + d] = b;
    }
    const b = place(a[m.oSync + u]!, (l0 >>> sSnap) & 1);
    if (b < 0) return false;
    a[m.oSync + u] = b;
    let down = 0;
    for (let r = 0; r < RES; r++) if (a[m.oRes + r] !== ST.alive) down++;
    a[m.oDown] = down;
    for (let c = 0; c < C; c++) { netU[c] = shared.word(s, U + c); netMe[c] = netOf(l1, c); }
    return true;
  };

  const key = new Int32Array(5);
  const addView = (k: number, s: number, l0: number, l1: number): void => {
    key[0] = k; key[1] = s; key[2] = l0; key[3] = l1;
    if (views.get(key) >= 0) return;
    const id = views.size;
    if (id >= maxViews || bytes() - views.bytes + views.bytesAfterAdd() > maxBytes) { capped = true; return; }
    views.add(key);
    nextV = grow(nextV, id + 1);
    nextV[id] = headV[s]!; headV[s] = id;
    const lo1 = seenLo[k]!, hi1 = seenHi[k]!;
    for (let c = 0; c < C; c++) { const x = netOf(l1, c); if (x < lo1[c]!) lo1[c] = x; if (x > hi1[c]!) hi1[c] = x; }
    work.push(id);
    if (opts.onProgress && (id & (PROGRESS_EVERY - 1)) === 0) opts.onProgress(id, round);
  };

  /** View v after the move recorded as guarantee e (made by another task from the same shared part), if the two can be together. */
  const interfere = (v: number, e: number): void => {
    const k = views.word(v, 0), s = views.word(v, 1), lu = views.word(v, 2), u1 = views.word(v, 3);
    const km = entries.word(e, 0), lm = entries.word(e, 2), m1 = entries.word(e, 3);
    if (km === k && sizes[k]! < 2) return;
    const ownU = lu >>> S_OWN & ((1 << L) - 1), ownM = lm >>> S_OWN & ((1 << L) - 1);
    if ((ownU & ownM) !== 0) return;
    // The rest of each class (all but this task and the mover) must be able to hold what the shared part says it holds.
    for (let j = 0; j < K; j++) {
      const rest = sizes[j]! - (j === k ? 1 : 0) - (j === km ? 1 : 0);
      const mineU = j === k ? lu : 0, mineM = j === km ? lm : 0;
      const owned = sOwned[s * K + j]! & ~(mineU >>> S_OWN) & ~(mineM >>> S_OWN) & ((1 << L) - 1);
      let need = owned !== 0 ? 1 : 0;
      for (let d = 0; d < D; d++) {
        const x = sDomN[(s * K + j) * D + d]! - ((mineU >>> (sDom + d)) & 1) - ((mineM >>> (sDom + d)) & 1);
        if (x < 0) return;
        if (x > need) need = x;
      }
      const x = sSnapN[s * K + j]! - ((mineU >>> sSnap) & 1) - ((mineM >>> sSnap) & 1);
      if (x < 0) return;
      if (x > need) need = x;
      if (need > rest) return;
    }
    for (let c = 0; c < C; c++) {
      const left = sRest[s * C + c]! - netOf(u1, c) - netOf(m1, c);
      let min = 0, max = 0;
      for (let j = 0; j < K; j++) {
        const rest = sizes[j]! - (j === k ? 1 : 0) - (j === km ? 1 : 0);
        min += rest * lo[j]![c]!; max += rest * hi[j]![c]!;
      }
      if (left < min || left > max) return;
    }
    const s2 = entries.word(e, 4);
    // This task still holds what it held, and is still counted where it was.
    if ((ownU & ~sOwned[s2 * K + k]!) !== 0) return;
    for (let d = 0; d < D; d++) if (((lu >>> (sDom + d)) & 1) > sDomN[(s2 * K + k) * D + d]!) return;
    if (((lu >>> sSnap) & 1) > sSnapN[s2 * K + k]!) return;
    // A task in the middle of an I/O faults when another kills what it reads (engine.ts move, free).
    const pc = lu & ((1 << S_ERR) - 1);
    if ((ioMask[k]![pc]! & sDead[s2]!) !== 0) { faultAt = `${what(p.tasks[classes[k]![0]!]!.steps, pc)} (what it reads killed by another task's move)`; return; }
    addView(k, s2, lu, u1);
  };

  const init = m.initial(null);
  for (let k = 0; k < K; k++) {
    const s0 = split(init.a, classes[k]![0]!);
    addView(k, s0, local[0]!, local[1]!);
  }
  const before = new Int32Array(C);
  while (work.length > 0 && faultAt === null && !capped) {
    const v = work.pop()!;
    const k = views.word(v, 0), s = views.word(v, 1), l0 = views.word(v, 2), l1 = views.word(v, 3);
    const me = classes[k]![0]!;
    for (const t of [me, u]) {
      if (!rebuild(k, s, l0, l1) || !m.enabled(world, t)) continue;
      let pc = world.a[t]!;
      for (let c = 0; c < C; c++) before[c] = world.a[m.oRefs + c]!;
      m.move(world, t);
      // A run of reads (`use` steps) by this task goes on at once: see `reads` above.
      while (t === me && reads && !world.fault && isUse(t, pc) && isUse(t, world.a[t]!)) { pc = world.a[t]!; m.move(world, t); }
      if (world.fault) { faultAt = what(p.tasks[t]!.steps, pc); break; }
      const net = t === u ? netU : netMe;
      for (let c = 0; c < C; c++) net[c]! += world.a[m.oRefs + c]! - before[c]!;
      const s2 = split(world.a, me);
      const n0 = local[0]!, n1 = local[1]!;
      // A move that leaves the shared part as it was changes no other view: it is no interference.
      if (t === me && s2 !== s) {
        // What the mover holds is all interference reads of it (not where it is): one guarantee per holding.
        key[0] = k; key[1] = s; key[2] = l0 & ~((1 << S_OWN) - 1); key[3] = l1; key[4] = s2;
        if (entries.get(key) < 0) {
          if (bytes() - entries.bytes + entries.bytesAfterAdd() > maxBytes) { capped = true; break; }
          const e = entries.add(key);
          nextE = grow(nextE, e + 1);
          nextE[e] = headE[s]!; headE[s] = e;
          // Every view with this shared part so far sees it (later ones take it below).
          for (let x = headV[s]!; x >= 0 && faultAt === null; x = nextV[x]!) interfere(x, e);
        }
      }
      addView(k, s2, n0, n1);
    }
    for (let e = headE[s]!; e >= 0 && faultAt === null; e = nextE[e]!) interfere(v, e);
  }
  const base = { views: views.size, shared: shared.size, guarantees: entries.size, memoryBytes: bytes() };
  if (faultAt !== null) return { result: { ...base, proved: false, reason: 'fault', faultAt }, seenLo, seenHi };
  if (capped) return { result: { ...base, proved: false, reason: 'cap', faultAt: null }, seenLo, seenHi };
  for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) if (seenLo[k]![c]! < lo[k]![c]! || seenHi[k]![c]! > hi[k]![c]!) return { result: null, seenLo, seenHi };
  return { result: { ...base, proved: true, reason: null, faultAt: null }, seenLo, seenHi };
}

/** A state table whose keys the search reads back, and which says what one more key would cost. */
class KeyTable extends StateTable {
  /** Word k of the key with this id. */
  word(id: number, k: number): number {
    return this.arena[id * this.keyLen + k]!;
  }

  /** Bytes the table would hold after one more add (which may grow its keys or its slots; StateTable.add). */
  bytesAfterAdd(): number {
    const grows = (this.size + 1) * this.keyLen > this.arena.length;
    const arena = grows ? Math.ceil(this.arena.length * 1.5 / this.keyLen) * this.keyLen : this.arena.length;
    const slots = (this.size + 1) * 2 > this.slots.length ? this.slots.length * 2 : this.slots.length;
    return (arena + slots) * 4;
  }
}

function what(steps: readonly Step[], pc: number): string {
  return steps[pc]?.what ?? `step ${pc}`;
}
