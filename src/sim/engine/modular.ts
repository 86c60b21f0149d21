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
 * no execution faults: Never. (A task's run of reads and mutex acquisitions,
 * and a release that cannot fault, are taken as one move with no view inside:
 * every execution with a fault has a reordering with those runs whole and a
 * fault, see `runs` and `safeRelease`; the induction is over those.)
 *
 * What is left of a count once the unbind, this task and the mover are taken
 * out is held by the rest, each task of class k holding between lo[k] and
 * hi[k] (its share, assumed). The ranges start empty and widen to every
 * view's own share as it is found (assume–guarantee: the proof stands for
 * ranges that hold every view's share). A wider range only lets in more
 * interference and no move depends on it, so the views found stay; once no
 * view is left to take, every view meets every guarantee of its shared part
 * again under the ranges as they now are (a round), until a round widens
 * nothing.
 *
 * The proof is one-sided: a view that faults may be one no execution reaches
 * (the others are only counts), and then nothing is proved and the answer
 * stays the state search's. It counts nothing. Pure: no DOM, timers or
 * randomness.
 */
import { Machine, ST, type World } from './engine.ts';
import { footprints, type TaskTables } from './footprint.ts';
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
  /** Views kept, their shared parts, and the moves recorded as interference. */
  readonly views: number;
  readonly shared: number;
  readonly guarantees: number;
  /** Rounds: the search, then one more each time the assumed shares widened during the last (see above). */
  readonly rounds: number;
  /** Memory kept, in bytes. */
  readonly memoryBytes: number;
}

export interface ModularOptions {
  /** Stop (reason `cap`) when this many views are kept. */
  readonly maxViews?: number;
  /** Stop (reason `cap`) when the search keeps more than this many bytes. */
  readonly maxBytes?: number;
  /** Called now and then with the views kept so far and the round. */
  readonly onProgress?: (views: number, round: number) => void;
  /**
   * What a round after a widening of the shares walks again: the pairs of a view and a guarantee that met under
   * narrower shares (`changed`, the default), every pair (`every`: the tests' cross-check), or none (`none`: unsound,
   * for the tests to show that they tell it apart).
   */
  readonly rewalk?: 'changed' | 'every' | 'none';
}

const PROGRESS_EVERY = 1 << 15;
/** A task's share of a count is packed in 6 bits (offset 32). */
const NET_BITS = 6, NET_OFF = 32;
/** A view's local word: pc in its low 12 bits, then the error register, mutexes held, domains, snapshot. */
const S_ERR = 12, S_OWN = 13;
/** A view's class in the top bits of its local word. */
const S_CLASS = 28, S_CLASS_BITS = 3;
/** Below the class: the index of the task's shares (the few distinct packed shares, in a table), below that its local part. */
const S_SHARES = 22, SHARES = 1 << (S_CLASS - S_SHARES);
const LOCAL = (1 << S_SHARES) - 1;
/** A shared part's views are kept in 2^V_BITS chains, by their local part: a lookup walks one. */
const V_BITS = 4;

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
  // Only the unbind may wait for a grace period (its snapshot is kept exactly); the fields must fit their bits: a
  // task's share of a count lies between minus the most puts and the most gets on one path of its program.
  const gets = p.tasks.reduce((k, t) => k + t.steps.filter((s) => s.kind === 'get').length, 0);
  const fps = footprints(p, m);
  const refSteps = (t: number): number => Math.max(mostOnAPath(fps.tasks[t]!, 'get'), mostOnAPath(fps.tasks[t]!, 'put'));
  if (classes.some((c) => p.tasks[c[0]!]!.steps.some((s) => s.kind === 'srcu.sync')) || classes.length > 1 << S_CLASS_BITS
    || C * NET_BITS > 31 || p.resources.length > 31 || S_OWN + p.locks.length + p.srcu.length + 1 > S_SHARES
    || Math.max(0, ...p.refs.map((r) => r.initial)) + gets > 127
    || classes.some((c) => p.tasks[c[0]!]!.steps.length >= 1 << S_ERR || refSteps(c[0]!) >= NET_OFF) || refSteps(u) > 127) return none(sizes);
  return { ...search(p, m, u, classes, opts), classes: sizes };
}

const popc = (x: number): number => { let k = 0; while (x !== 0) { x &= x - 1; k++; } return k; };

function search(p: Program, m: Machine, u: number, classes: readonly (readonly number[])[], opts: ModularOptions): Omit<ModularResult, 'classes'> {
  const K = classes.length, L = p.locks.length, D = p.srcu.length, C = p.refs.length, RES = p.resources.length;
  const sDom = S_OWN + L, sSnap = sDom + D;
  const U = m.oReady; // the untimed part of a world
  const NW = U + C; // a shared part: the world with every task but the unbind a placeholder, and the unbind's shares
  const F = p.flags.length;
  // Its key: bytes [unbind pc (2), its error register, 0, mutex owners, flags, resource states, counts, the unbind's
  // shares (+128)], then per SRCU domain the tasks in it and the unbind's snapshot, a word each.
  const nBytes = 4 + L + F + RES + 2 * C, SB = Math.ceil(nBytes / 4), SW = SB + D + 1;
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
   * A task's run of reads (`use`) and mutex acquisitions (`lock`) is one move, with no view inside it. In any
   * execution such a step can be moved later, to just before its task's next step: a read changes nothing; an
   * acquisition only makes its task the owner, and no other task takes that mutex in between (it was held); no
   * other task's step looks at where this one is (only at an io.end, which is neither). Moved, a read of what was
   * killed in between faults, an acquisition of a mutex whose memory was freed faults, and one that faulted still
   * does (dead resources stay dead). So every execution with a fault has one with these runs contiguous and a
   * fault. Not when a step brings a dead resource back to life (a step moved past it could stop faulting).
   */
  const runs = !m.revives;
  const postponable = (t: number, pc: number): boolean => { const k = p.tasks[t]!.steps[pc]?.kind; return k === 'use' || k === 'lock'; };
  /**
   * A release of a mutex whose memory nothing frees (it cannot fault) follows its task's previous step at once: in
   * any execution it can be moved earlier, to just after that step, as no other task takes the mutex in between
   * (it was held) and nothing else reads who holds it.
   */
  const killed = new Set<number>();
  for (const t of p.tasks) for (const s of t.steps) if ((s.kind === 'free' || s.kind === 'state') && s.to !== 'alive') killed.add(s.res[0]!);
  const safeRelease = (t: number, pc: number): boolean => {
    const s = p.tasks[t]!.steps[pc];
    return s?.kind === 'unlock' && (m.lockIn[s.lock]! < 0 || !killed.has(m.lockIn[s.lock]!));
  };

  // Shared parts, and what each says the classes hold: mutexes (a mask per class), domain and snapshot counts per
  // class, what is left of each count once the unbind's share is out, the resources not alive.
  // Small tables to start with: a small memory bound still lets a small proof run.
  const shared = new KeyTable(SW, 1024);
  let sOwned: Int32Array = new Int32Array(1024 * K), sDomN: Int32Array = new Int32Array(1024 * K * Math.max(1, D)), sSnapN: Int32Array = new Int32Array(1024 * K);
  let sRest: Int32Array = new Int32Array(1024 * Math.max(1, C)), sDead: Int32Array = new Int32Array(1024), sSeen: Int32Array = new Int32Array(1024);
  let headV: Int32Array = new Int32Array(1024 << V_BITS).fill(-1), headE: Int32Array = new Int32Array(1024).fill(-1);
  // Views (in vChain, per view, the next in its chain and its local part with its shares' index and its class in the
  // top bits; its shared part is its chain's) and guarantees (in eChain, per guarantee, the next in its chain, what the mover holds: its
  // local part without its program counter and error register, with its shares and class, and the shared part after),
  // each in a chain per shared part (headV, in V_BITS sub-chains by local part, and headE), a link and what a walk
  // compares side by side (one cache line, not three): the chain is all a lookup or an
  // interference walks, so no hash table is kept beside it.
  const vChain = new Column(), eChain = new Column();
  // The distinct shares (packed, `local[1]`) a task has been seen with: few (a task's share of a count is a small
  // number), so a view keeps their index. More than SHARES of them: the search does not take the program.
  const sharesOf: number[] = [];
  const sharesIx = new Map<number, number>();
  let tooMany = false;
  const ixOf = (l1: number): number => {
    let ix = sharesIx.get(l1);
    if (ix === undefined) {
      if (sharesOf.length === SHARES) { tooMany = true; return 0; }
      ix = sharesOf.push(l1) - 1;
      sharesIx.set(l1, ix);
    }
    return ix;
  };
  let nViews = 0, nEntries = 0;
  // The views still to take, a stack of (shared part, local part): a view keeps no shared part of its own.
  const work = new Column();
  let top = 0;
  const columns = [vChain, eChain, work];
  // Per class and count, the least (lo) and the most (hi) a task of the class is assumed to hold: nothing to start
  // with, widened to every view's own share as it is found (addView), so the proof stands for shares every view holds.
  const lo = classes.map(() => new Int32Array(C)), hi = classes.map(() => new Int32Array(C));
  let widened = false, round = 1;
  /**
   * The views and the guarantees kept when the shares were last widened (their numbers then): only a pair of them
   * can have met under narrower shares. A view added later is taken (meetGuarantees) later, and a guarantee added
   * later walks the views there are then, both under the wider shares.
   */
  let staleViews = 0, staleEntries = 0;
  let faultAt: string | null = null;
  let capped = false;

  const grow = (x: Int32Array, need: number, fill = 0): Int32Array => {
    if (need <= x.length) return x;
    const y = new Int32Array(Math.max(need, Math.ceil(x.length * 1.5)));
    y.fill(fill, x.length);
    y.set(x);
    return y;
  };
  const arrays = (): number => sOwned.length + sDomN.length + sSnapN.length + sRest.length + sDead.length + sSeen.length + headV.length + headE.length;
  const bytes = (): number => shared.bytes + 4 * arrays() + columns.reduce((b, c) => b + c.bytes, 0);
  /**
   * Whether one more view or guarantee keeps the search within maxBytes, with room for every table, array and
   * column to grow once more (a move may add a shared part before the next check): so the memory kept never passes it.
   */
  const room = (): boolean => bytes() + shared.bytesAfterAdd() - shared.bytes + 2 * arrays() + columns.length * Column.PAGE_BYTES <= maxBytes;
  const netOf = (l1: number, c: number): number => ((l1 >>> (c * NET_BITS)) & ((1 << NET_BITS) - 1)) - NET_OFF;
  /** The first `n` tasks of class k other than `skip`, as a task mask (-1 when it has fewer). */
  const firstOf = (k: number, n: number, skip: number): number => {
    let b = 0, got = 0;
    for (const t of classes[k]!) { if (got === n) break; if (t !== skip) { b |= 1 << t; got++; } }
    return got === n ? b : -1;
  };

  /** A task mask with each class's tasks in it replaced by as many placeholders (its first tasks). */
  const placed = (bits: number): number => {
    let out = bits & ~modMask;
    for (let k = 0; k < K; k++) out |= firstOf(k, popc(bits & classMask[k]!), -1);
    return out;
  };
  /** A task mask as task `me` of class k sees it: the class's other tasks in it as placeholders, `me` in it if `mine`; -1 when they do not fit. */
  const placedFor = (k: number, me: number, bits: number, mine: number): number => {
    const others = popc(bits & classMask[k]!) - mine;
    const b = others < 0 ? -1 : firstOf(k, others, me);
    return b < 0 ? -1 : (bits & ~classMask[k]!) | b | (mine << me);
  };

  const packed = new Int32Array(SW);
  const pack = (a: Int32Array): Int32Array => {
    packed.fill(0);
    let b = 0;
    const put = (x: number): void => { packed[b >> 2]! |= (x & 255) << ((b & 3) * 8); b++; };
    put(a[u]!); put(a[u]! >> 8); put(a[m.oErr + u]!); put(0);
    for (let l = 0; l < L; l++) put(a[m.oOwner + l]!);
    for (let f = 0; f < F; f++) put(a[m.oFlags + f]!);
    for (let r = 0; r < RES; r++) put(a[m.oRes + r]!);
    for (let c = 0; c < C; c++) put(a[m.oRefs + c]!);
    for (let c = 0; c < C; c++) put(a[U + c]! + 128);
    for (let d = 0; d < D; d++) packed[SB + d] = a[m.oSrcu + d]!;
    packed[SB + D] = a[m.oSync + u]!;
    return packed;
  };
  /** Writes shared part s into the world (every task but the unbind a placeholder at its end) and the unbind's shares. */
  const unpack = (s: number, a: Int32Array): void => {
    let b = 0;
    const get = (): number => { const x = (shared.word(s, b >> 2) >>> ((b & 3) * 8)) & 255; b++; return x; };
    a.fill(0);
    for (let t = 0; t < m.nTasks; t++) if (cls[t]! >= 0) a[t] = lens[t]!;
    a[u] = get() | (get() << 8); a[m.oErr + u] = get(); get();
    for (let l = 0; l < L; l++) a[m.oOwner + l] = get();
    for (let f = 0; f < F; f++) a[m.oFlags + f] = get();
    for (let r = 0; r < RES; r++) a[m.oRes + r] = get();
    for (let c = 0; c < C; c++) a[m.oRefs + c] = get();
    for (let c = 0; c < C; c++) netU[c] = get() - 128;
    for (let d = 0; d < D; d++) a[m.oSrcu + d] = shared.word(s, SB + d);
    a[m.oSync + u] = shared.word(s, SB + D);
  };

  const sharedId = (a: Int32Array): number => {
    const key = pack(a);
    let id = shared.get(key);
    if (id >= 0) return id;
    id = shared.add(key);
    const n = id + 1;
    sOwned = grow(sOwned, n * K); sDomN = grow(sDomN, n * K * Math.max(1, D)); sSnapN = grow(sSnapN, n * K);
    sRest = grow(sRest, n * Math.max(1, C)); sDead = grow(sDead, n); sSeen = grow(sSeen, n);
    headV = grow(headV, n << V_BITS, -1); headE = grow(headE, n, -1);
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
    unpack(s, a);
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
    for (let d = 0; d < D; d++) {
      const b = placedFor(k, me, a[m.oSrcu + d]!, (l0 >>> (sDom + d)) & 1);
      if (b < 0) return false;
      a[m.oSrcu + d] = b;
    }
    const b = placedFor(k, me, a[m.oSync + u]!, (l0 >>> sSnap) & 1);
    if (b < 0) return false;
    a[m.oSync + u] = b;
    let down = 0;
    for (let r = 0; r < RES; r++) if (a[m.oRes + r] !== ST.alive) down++;
    a[m.oDown] = down;
    for (let c = 0; c < C; c++) netMe[c] = netOf(l1, c);
    return true;
  };

  const lkOf = (k: number, l0: number, l1: number): number => l0 | (ixOf(l1) << S_SHARES) | (k << S_CLASS);
  /** Adds view (s, lk) of class k, its own shares l1 (lk: its local part, shares' index and class), unless it is kept. */
  const addView = (k: number, s: number, lk: number, l1: number): void => {
    if (tooMany) return;
    const h = (s << V_BITS) + (Math.imul(lk, 0x9e3779b1) >>> (32 - V_BITS));
    for (let x = headV[h]!; x >= 0; x = vChain.at(2 * x)) if (vChain.at(2 * x + 1) === lk) return;
    const id = nViews;
    if (id >= maxViews || !room()) { capped = true; return; }
    nViews++;
    vChain.put(2 * id, headV[h]!); vChain.put(2 * id + 1, lk);
    headV[h] = id;
    const lo1 = lo[k]!, hi1 = hi[k]!;
    for (let c = 0; c < C; c++) {
      const x = netOf(l1, c);
      if (x < lo1[c]! || x > hi1[c]!) { lo1[c] = Math.min(lo1[c]!, x); hi1[c] = Math.max(hi1[c]!, x); widened = true; restRanges(); staleViews = id; staleEntries = nEntries; }
    }
    work.put(2 * top, s); work.put(2 * top + 1, lk); top++;
    if (opts.onProgress && (id & (PROGRESS_EVERY - 1)) === 0) opts.onProgress(id, round);
  };

  /**
   * Per class k of the viewing task, class km of the mover and count c: the least and the most of the count the rest
   * of the tasks (each class's tasks other than these two) can hold, by the assumed shares.
   */
  const restMin = new Int32Array(K * K * C), restMax = new Int32Array(K * K * C);
  function restRanges(): void {
    restMin.fill(0); restMax.fill(0);
    for (let k = 0; k < K; k++) for (let km = 0; km < K; km++) for (let c = 0; c < C; c++) {
      for (let j = 0; j < K; j++) {
        const rest = sizes[j]! - (j === k ? 1 : 0) - (j === km ? 1 : 0);
        restMin[(k * K + km) * C + c]! += rest * lo[j]![c]!;
        restMax[(k * K + km) * C + c]! += rest * hi[j]![c]!;
      }
    }
  }
  let seen = 0, walks = 0;
  /** View v after the move recorded as guarantee e (made by another task from the same shared part), if the two can be together. */
  const interfere = (s: number, vl: number, e: number): void => {
    const k = vl >>> S_CLASS, lu = vl & LOCAL, u1 = sharesOf[(vl >>> S_SHARES) & (SHARES - 1)]!;
    const el = eChain.at(3 * e + 1), km = el >>> S_CLASS, lm = el & LOCAL, m1 = sharesOf[(el >>> S_SHARES) & (SHARES - 1)]!;
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
    for (let c = 0, r = (k * K + km) * C; c < C; c++, r++) {
      const left = sRest[s * C + c]! - netOf(u1, c) - netOf(m1, c);
      if (left < restMin[r]! || left > restMax[r]!) return;
    }
    const s2 = eChain.at(3 * e + 2);
    // This task still holds what it held, and is still counted where it was.
    if ((ownU & ~sOwned[s2 * K + k]!) !== 0) return;
    for (let d = 0; d < D; d++) if (((lu >>> (sDom + d)) & 1) > sDomN[(s2 * K + k) * D + d]!) return;
    if (((lu >>> sSnap) & 1) > sSnapN[s2 * K + k]!) return;
    // A task in the middle of an I/O faults when another kills what it reads (engine.ts move, free).
    const pc = lu & ((1 << S_ERR) - 1);
    if ((ioMask[k]![pc]! & sDead[s2]!) !== 0) { faultAt = `${what(p.tasks[classes[k]![0]!]!.steps, pc)} (what it reads killed by another task's move)`; return; }
    // One view's walk over its guarantees (seen > 0) adds each shared part after at most once.
    if (seen > 0) { if (sSeen[s2] === seen) return; sSeen[s2] = seen; }
    addView(k, s2, vl, u1);
  };
  /**
   * View (s, vl) meets every guarantee recorded at its shared part, or only those kept before the first `below` of
   * them (a chain holds the newest first), each shared part after taken once (seen).
   */
  const meetGuarantees = (s: number, vl: number, below = Infinity): void => {
    seen = ++walks;
    let e = headE[s]!;
    while (e >= below) e = eChain.at(3 * e);
    for (; e >= 0 && faultAt === null; e = eChain.at(3 * e)) interfere(s, vl, e);
    seen = 0;
  };

  const init = m.initial(null);
  for (let k = 0; k < K; k++) {
    const s0 = split(init.a, classes[k]![0]!);
    addView(k, s0, lkOf(k, local[0]!, local[1]!), local[1]!);
  }
  const before = new Int32Array(C);
  const viewWorld = new Int32Array(m.size), viewNetU = new Int32Array(C), viewNetMe = new Int32Array(C);
  for (;;) {
    while (top > 0 && faultAt === null && !capped && !tooMany) {
      top--;
      const s = work.at(2 * top), vl = work.at(2 * top + 1), k = vl >>> S_CLASS, l0 = vl & LOCAL, l1 = sharesOf[(vl >>> S_SHARES) & (SHARES - 1)]!;
      const me = classes[k]![0]!;
      // The view's world, built once (kept to start the unbind's move from it again); none when it cannot hold.
      const holds = rebuild(k, s, l0, l1);
      if (holds) { viewWorld.set(world.a); viewNetU.set(netU); viewNetMe.set(netMe); }
      // This task's move, then the unbind's (by index: no array per view).
      for (let i = 0; i < 2 && holds; i++) {
        const t = i === 0 ? me : u;
        if (i === 1) { world.a.set(viewWorld); netU.set(viewNetU); netMe.set(viewNetMe); world.now = 0; world.fault = null; }
        if (!m.enabled(world, t)) continue;
        let pc = world.a[t]!;
        for (let c = 0; c < C; c++) before[c] = world.a[m.oRefs + c]!;
        m.move(world, t);
        // A run of reads and acquisitions goes on at once (see `runs` above).
        while (runs && !world.fault && postponable(t, pc) && postponable(t, world.a[t]!) && m.enabled(world, t)) { pc = world.a[t]!; m.move(world, t); }
        while (!world.fault && safeRelease(t, world.a[t]!)) { pc = world.a[t]!; m.move(world, t); }
        if (world.fault) { faultAt = what(p.tasks[t]!.steps, pc); break; }
        const net = t === u ? netU : netMe;
        for (let c = 0; c < C; c++) net[c]! += world.a[m.oRefs + c]! - before[c]!;
        const s2 = split(world.a, me);
        const n0 = local[0]!, n1 = local[1]!;
        // A move that leaves the shared part as it was changes no other view: it is no interference.
        if (t === me && s2 !== s) {
          // What the mover holds is all interference reads of it (not where it is): one guarantee per holding.
          const held = (l0 & ~((1 << S_OWN) - 1)) | (vl & ~LOCAL);
          let known = false;
          for (let e = headE[s]!; e >= 0 && !known; e = eChain.at(3 * e)) known = eChain.at(3 * e + 1) === held && eChain.at(3 * e + 2) === s2;
          if (!known) {
            if (!room()) { capped = true; break; }
            const e = nEntries++;
            eChain.put(3 * e, headE[s]!); eChain.put(3 * e + 1, held); eChain.put(3 * e + 2, s2);
            headE[s] = e;
            // Every view with this shared part so far sees it (later ones take it below).
            for (let h = s << V_BITS; h < (s + 1) << V_BITS; h++) for (let x = headV[h]!; x >= 0 && faultAt === null; x = vChain.at(2 * x)) interfere(s, vChain.at(2 * x + 1), e);
          }
        }
        addView(k, s2, lkOf(k, n0, n1), n1);
      }
      meetGuarantees(s, vl);
    }
    if (faultAt !== null || capped || tooMany || !widened || opts.rewalk === 'none') break;
    // Every view is closed under the moves and under the interference the shares allowed when it met each guarantee.
    // The shares were widened since: every view meets every guarantee of its shared part again (a wider share only
    // lets in more interference, and no move depends on it), and the views this adds are taken as any other. Only
    // the views and guarantees kept at the last widening can have met under narrower shares (staleViews): the
    // others are not walked again (a view's number is its place in the order views were added; a chain holds the
    // newest first). On flash-unbind mainline srcu-drain with eight readers the last widening comes at 7,226 of
    // 911,934 views, and walking every pair again was 46% of the interference checks.
    const sv = opts.rewalk === 'every' ? Infinity : staleViews, se = opts.rewalk === 'every' ? Infinity : staleEntries;
    widened = false;
    round++;
    for (let s = 0; s < shared.size && faultAt === null && !capped; s++) {
      for (let h = s << V_BITS; h < (s + 1) << V_BITS; h++) {
        for (let x = headV[h]!; x >= 0 && faultAt === null; x = vChain.at(2 * x)) if (x < sv) meetGuarantees(s, vChain.at(2 * x + 1), se);
      }
    }
  }
  const base = { views: nViews, shared: shared.size, guarantees: nEntries, rounds: round, memoryBytes: bytes() };
  if (faultAt !== null) return { ...base, proved: false, reason: 'fault', faultAt };
  if (capped) return { ...base, proved: false, reason: 'cap', faultAt: null };
  if (tooMany) return { ...base, proved: false, reason: 'unsupported', faultAt: null };
  return { ...base, proved: true, reason: null, faultAt: null };
}

/** An Int32 column that grows a page at a time: nothing is copied, and it holds at most a page more than it uses. */
class Column {
  static readonly PAGE_BITS = 12;
  static readonly PAGE_BYTES = 4 << Column.PAGE_BITS;
  private readonly pages: Int32Array[] = [];
  at(i: number): number {
    return this.pages[i >>> Column.PAGE_BITS]![i & ((1 << Column.PAGE_BITS) - 1)]!;
  }
  put(i: number, x: number): void {
    const p = i >>> Column.PAGE_BITS;
    while (p >= this.pages.length) this.pages.push(new Int32Array(1 << Column.PAGE_BITS));
    this.pages[p]![i & ((1 << Column.PAGE_BITS) - 1)] = x;
  }
  get bytes(): number {
    return this.pages.length * Column.PAGE_BYTES;
  }
}

/** A state table whose keys the search reads back. */
class KeyTable extends StateTable {
  /** Word k of the key with this id. */
  word(id: number, k: number): number {
    return this.arena[id * this.keyLen + k]!;
  }
}

/** The most steps of a kind on one path through a task's program (programs jump forward: one backward pass). */
function mostOnAPath(t: TaskTables, kind: Step['kind']): number {
  const most = new Int32Array(t.len + 1);
  for (let pc = t.len - 1; pc >= 0; pc--) {
    let best = 0;
    for (const q of [t.succ0[pc]!, t.succ1[pc]!]) if (q >= 0 && q <= t.len) best = Math.max(best, most[q]!);
    most[pc] = best + (t.steps[pc]!.kind === kind ? 1 : 0);
  }
  return most[0]!;
}

function what(steps: readonly Step[], pc: number): string {
  return steps[pc]?.what ?? `step ${pc}`;
}
