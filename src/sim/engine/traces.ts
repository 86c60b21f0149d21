/**
 * The reduced explorer: every execution up to reordering of independent
 * steps (Mazurkiewicz traces), memoised on states, with three reductions
 * that keep the verdict, the counts (as traces) and the shortest
 * counterexample exact:
 *
 * - sleep sets: after exploring move t, a sibling move u that commutes with t
 *   is not tried first again in t's subtree (those traces were counted);
 *   with them each trace is counted exactly once. The memo key is the state
 *   and its sleep set: count(s, Z) = the traces from s none of whose first
 *   steps is in Z.
 * - persistent sets (stubborn-set closure): at a state only a subset P of the
 *   moves is tried, chosen so that no sequence of moves outside P can contain
 *   a step dependent on one in P (footprint.ts says which steps depend on
 *   which; the other tasks' futures are bounded: what they can still do
 *   without P's tasks moving, and in timed mode what they can do before time
 *   passes). Every trace has a linearisation starting in P, so counts stay exact.
 * - symmetry: identical tasks (the readers) are interchangeable; states equal
 *   up to renaming them share one key and one count (symmetry.ts).
 *
 * Symmetric siblings: when a move of a choice is the last explored move with
 * two interchangeable readers swapped (Canon.swappable: swapping them maps the
 * state onto itself) and its child's sleep set is the last child's with the
 * two swapped, its child is the last child renamed: the same key, the same
 * counts and distance to a fault. It is folded again, not walked (only the
 * moves walked, `generated`, change; `siblings: false` walks it).
 *
 * A state where only one persistent move is awake (not in the sleep set) has
 * no choice: the search follows such forced moves without storing the states
 * (see follow in exploreTraces), so the state cap counts states with a choice.
 *
 * An execution ends at a fault, and as soon as a fault is certain and can
 * happen at once (a task that may move next would touch something dead):
 * that is the step that ends it (see Counting in verdict.ts).
 */
import { Machine, ST, WILD, cloneWorld, copyWorld, pooledWorld, type World } from './engine.ts';
import { bits, dropsAt, errNext, footprints, intersects, type Footprints, type TaskTables } from './footprint.ts';
import { counterexampleOf } from './run.ts';
import { Canon } from './symmetry.ts';
import { INF, StateCounts, StateTable } from './stateTable.ts';
import { CHECKPOINT, ChainCache, END_ASLEEP, END_DONE, END_FAULT, END_HUNG } from './chainCache.ts';
import type { Program } from './program.ts';
import type { Mode } from '../catalogue/source.ts';
import {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, verdictWord, type Counterexample, type ExploreOptions, type Verdict,
} from './verdict.ts';

export interface TraceOptions extends ExploreOptions {
  /** Persistent sets (default true). Off: every move at every state (sleep sets alone). */
  readonly por?: boolean;
  /** Chain checkpoints every this many units of summed program counters (chainCache.ts; default CHECKPOINT, 0: none). */
  readonly checkpoint?: number;
  /** Symmetric siblings walked once (default true; see exploreTraces). Off: each move of a choice is walked. */
  readonly siblings?: boolean;
  /** Mode any: a state with at most one move awake follows it without asking the persistent set (default true; Reducer.forced). */
  readonly oneAwake?: boolean;
}

/** The one move of `moves` not asleep; -1 when two or more are, -2 when none is. */
function awakeOne(moves: readonly number[], sleep: number): number {
  let one = -2;
  for (let ix = 0; ix < moves.length; ix++) {
    const t = moves[ix]!;
    if ((sleep >>> t) & 1) continue;
    if (one >= 0) return -1;
    one = t;
  }
  return one;
}

/** The bitmask of a list of tasks. */
function maskOf(list: readonly number[]): number {
  let mask = 0;
  for (let ix = 0; ix < list.length; ix++) mask |= 1 << list[ix]!;
  return mask;
}

/** The number of bits set in a 32-bit mask. */
function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) c++;
  return c;
}

/** See Reducer.armed (shared with the brute-force oracle). */
export function armedTask(m: Machine, w: World, mv: readonly number[]): number {
  if (!m.anyDown(w)) return -1;
  // Mode any has no clocks (its states forget them): every move is possible now.
  let first = Infinity;
  // An unbind whose start is still open can start now, before the others' next steps.
  if (m.mode === 'timed') for (const t of mv) first = Math.min(first, m.isWild(w, t) ? 0 : w.a[m.oReady + t]!);
  for (let ix = 0; ix < mv.length; ix++) {
    const t = mv[ix]!;
    if (m.isWild(w, t) || (m.mode === 'timed' && w.a[m.oReady + t] !== first)) continue;
    if (m.faultsForSure(w, t)) return t;
  }
  return -1;
}

/** What ends() answered at one state, per task: the tasks asked (known) and those whose move ends the execution (val). */
export interface EndsMemo { known: number; val: number }

interface Frame {
  id: number;
  w: World;
  /** What ends() answered at w (a copy of R.here when the frame opened; sleepAfter adds to it). */
  ends: EndsMemo;
  /** Canonical numbering of this state's key (actual -> canonical). */
  perm: Int32Array;
  moves: readonly number[];
  i: number;
  sleep: number;
  done: number;
  total: number;
  faulting: number;
  hung: number;
  depth: number;
  best: number;
  bestSleep: number;
  /** The move and child sleep set (actual numbering) that led here from the parent's state. */
  viaMove: number;
  viaSleep: number;
  /** Forced moves (states with a single move) between the parent's move and this state. */
  chain: number;
}

/** A task table's futures under one combination of stops and stable flags: those of the program counters from `low` on are filled (futures). */
interface Futures { readonly F: Uint32Array; low: number }

/** The shared analysis of one question. */
export class Reducer {
  readonly m: Machine;
  readonly fp: Footprints;
  readonly tables: readonly TaskTables[];
  readonly n: number;
  readonly u: number;
  readonly timed: boolean;
  readonly por: boolean;
  private readonly W: number;
  /**
   * Futures already computed: per combination of stops (what stops() found)
   * and stable flags, per task table, the future of every program counter and
   * error register (words [dropsAt(pc, err)*W, ...+W)), filled lazily by
   * backward passes (futures).
   */
  private readonly futCache = new Map<number, (Futures | undefined)[]>();
  /**
   * The same as arrays, when the stops have at most 16 bits and the stable
   * flags at most 8 (then futCache stays empty): indexed by the stops, then by
   * the flags' part of the key.
   */
  private readonly futDirect: (((Futures | undefined)[] | undefined)[] | undefined)[] | null;
  private futSlot: (Futures | undefined)[] = [];
  /** Scratch: stepFuture's successors. */
  private readonly nextScratch = new Int32Array(2);
  /** Scratch bitset: the future of a task at its own synchronize_srcu() wait (future). */
  private readonly futWait: Uint32Array;
  /** smallest()'s seeds, in the order tried (its first entries). */
  private readonly tries: Int32Array;
  /** Timed mode: the resources some task is about to touch, or may before time passes, as a mask (mustJoin's hot; mode any asks per set). */
  private hotReads = 0;
  /** Scratch per task: its future's kills, reads and counts as masks (mustJoin, mode any). */
  private readonly futKills: Int32Array;
  private readonly futReads: Int32Array;
  private readonly futCounts: Int32Array;
  /** Scratch bitset: the union of the conflict masks of one round's moves (conflicting). */
  private readonly cmUnion: Uint32Array;
  /** Set by loadFuture(): the bitset (array, offset) of a task's future. */
  private fa: Uint32Array;
  private fo = 0;
  /** Scratch world for trying a move. */
  private readonly sim: World;
  /** How futures are bounded during the current persistent-set computation. */
  private anyMode = false;
  private curW: World | null = null;
  private curS = 0;
  /** Counts persistent-set computations (each is one state): stops() is valid for stopsAt and stopsFor. */
  private curGen = 0;
  private stopsAt = -1;
  private stopsFor = -1;
  private lockStop = 0;
  private srcuStop = 0;
  private refBlock = 0;
  /** The last combination of stops and its slot in futCache (a state's closure rounds mostly repeat it). */
  private lastCombo = -1;
  /**
   * Per state (prepare(), at curGen): the tasks that are done; per count, the
   * drops the unfinished tasks can still make (the whole program's); the
   * counts, freed and dead resources mustJoin reads. None depends on the set.
   */
  private doneMask = 0;
  private readonly putsLeft: Int32Array;
  /** Scratch per count: stops()' drops left outside the set; prepare()'s drops before time passes (timed mode). */
  private readonly putsOut: Int32Array;
  private faultyRefs = 0;
  private freedRes = 0;
  private deadRes = 0;
  /** futCache's key fits in 31 bits (built with shifts, else with products: at most 53 bits). */
  private readonly comboBits: boolean;
  /**
   * Mode any: flags no unfinished task can set or clear any more (a mask,
   * prepare()) and their values. A task's future then follows only the branch
   * a check of such a flag takes (a reader after the revoke: the error path).
   * Part of futCache's key (2 bits per flag) when the program has at most 8
   * flags, else never used (flagsOn).
   */
  private stableFlags = 0;
  private flagVals = 0;
  private readonly flagsOn: boolean;
  private readonly nFlags: number;
  /** Mode any: forced() follows the one move awake without asking for the persistent set (exploreTraces' `oneAwake`). */
  oneAwake: boolean;
  /** The moves the last persistent() call kept (forced() leaves them for the caller). */
  lastSet: readonly number[] = [];
  /** What ends() answered at the state of the last forced() call (a caller passes it to sleepAfter at that state). */
  readonly here: EndsMemo = { known: 0, val: 0 };
  /**
   * Ties between persistent sets follow an order of the tasks that renaming
   * identical readers renames (Canon.sortTasks, from the state and its sleep
   * set), never their indices, and the closure (close) works in rounds, with
   * no order: so states equal up to renaming readers choose renamed
   * persistent sets and follow renamed chains, and the replay of a
   * counterexample meets the states the search stored.
   */
  readonly canon: Canon;
  private curSleep = 0;
  /** smallest(): the moves not asleep at the state (what a set is measured by). */
  private awakeMask = 0;
  /** The moves not asleep of the best set found so far at this state (smallest); a closure that reaches as many stops (close). */
  private limit = 32;
  private readonly refcountT: Uint8Array;
  private readonly nRefs: number;
  private readonly nLocks: number;
  private readonly nSrcu: number;

  /**
   * Per task, per program counter: its steps before time passes (the `zero`
   * table) as masks of the resources they kill and read and the counts they
   * touch, and of those some path kills twice (timed mode's mustJoin).
   */
  private readonly zeroMasks: readonly {
    kills: Int32Array; reads: Int32Array; counts: Int32Array; twice: Int32Array;
    /** The resources the step at pc reads and kills (its footprint), and those every step from pc on reads (`all`). */
    stepReads: Int32Array; stepKills: Int32Array; allReads: Int32Array;
    /** The resources the visible steps right after pc's read or kill (`next`: mayEnd). */
    nextTouch: Int32Array;
    /** The counts whose drops ahead (netPuts, zeroNetPuts) are not 0, per dropsAt(pc, err); whether the step is a `wait`. */
    drops: Int32Array; zeroDrops: Int32Array; wait: Uint8Array;
    /** The resources some path from pc kills and then reads (a step after the kill touches them): the task's own use after free ahead. */
    killThenRead: Int32Array;
    /** The flags some path from pc sets or clears (its set steps; at most 8 flags: flagsOn). */
    flagWrites: Int32Array;
  }[];

  constructor(readonly program: Program, mode: Mode, por: boolean, symmetric = true) {
    this.m = new Machine(program, mode);
    this.fp = footprints(program, this.m);
    this.tables = this.fp.tasks;
    this.n = this.m.nTasks;
    this.u = program.unbindTask;
    this.timed = mode === 'timed';
    this.oneAwake = !this.timed;
    this.por = por;
    this.W = this.fp.W;
    this.fa = new Uint32Array(this.W);
    this.futWait = new Uint32Array(this.W);
    this.sim = { a: new Int32Array(this.m.size), now: 0, fault: null };
    this.canon = new Canon(this.m, program, mode === 'timed', symmetric);
    // Sets of tasks, resources and counts are bit masks of one number.
    if (this.n > 31 || this.fp.R > 32 || program.refs.length > 32) throw new Error('racelanes: the reduced explorer takes at most 31 tasks, 32 resources and 32 reference counts');
    this.cmUnion = new Uint32Array(this.W);
    this.futKills = new Int32Array(this.n);
    this.futReads = new Int32Array(this.n);
    this.futCounts = new Int32Array(this.n);
    this.tries = new Int32Array(this.n);
    this.refcountT = this.m.refcountT;
    this.nRefs = program.refs.length;
    this.nLocks = program.locks.length;
    this.nSrcu = program.srcu.length;
    this.putsLeft = new Int32Array(this.nRefs);
    this.putsOut = new Int32Array(this.nRefs);
    this.nFlags = program.flags.length;
    const stopBits = this.nLocks + this.nSrcu + this.nRefs;
    this.flagsOn = mode === 'any' && this.nFlags <= 8 && stopBits + 2 * this.nFlags <= 53;
    const keyBits = stopBits + (this.flagsOn ? 2 * this.nFlags : 0);
    this.comboBits = keyBits <= 31;
    this.futDirect = stopBits <= 16 && (!this.flagsOn || this.nFlags <= 4) ? new Array(2 ** stopBits) : null;
    const W = this.W;
    const byTable = new Map<number, Reducer['zeroMasks'][number]>();
    this.zeroMasks = this.tables.map((T) => {
      const known = byTable.get(T.id);
      if (known) return known;
      const at = (f: (o: number) => number) => Int32Array.from({ length: T.len + 1 }, (_, pc) => f(pc * W));
      const C = this.nRefs;
      // Per dropsAt(pc, err), as netPuts.
      const nonzero = (d: Int32Array) => Int32Array.from({ length: (T.len + 1) * 2 }, (_, i) => {
        let mask = 0;
        for (let c = 0; c < C; c++) if (d[i * C + c] !== 0) mask |= 1 << c;
        return mask;
      });
      const z = {
        kills: at((o) => this.killsIn(T.zero, o)),
        reads: at((o) => this.readsIn(T.zero, o)),
        stepReads: at((o) => this.readsIn(T.fp, o)),
        stepKills: at((o) => this.killsIn(T.fp, o)),
        nextTouch: at((o) => this.readsIn(T.next, o) | this.killsIn(T.next, o)),
        allReads: at((o) => this.readsIn(T.all, o)),
        counts: at((o) => this.countsIn(T.zero, o)),
        twice: at((o) => this.killsIn(T.zeroTwice, o)),
        drops: nonzero(T.netPuts),
        zeroDrops: nonzero(T.zeroNetPuts),
        wait: Uint8Array.from({ length: T.len + 1 }, (_, pc) => (T.steps[pc]?.kind === 'wait' ? 1 : 0)),
        killThenRead: new Int32Array(T.len + 1),
        flagWrites: new Int32Array(T.len + 1),
      };
      // One backward pass (programs jump forward): a kill in pc's footprint, then a read in a successor's future;
      // and the flags some path from pc sets or clears (its set steps; only prepare() reads them, when flagsOn).
      const flagSets = this.flagsOn;
      for (let pc = T.len - 1; pc >= 0; pc--) {
        const st = T.steps[pc]!;
        const kills = this.killsIn(T.fp, pc * W);
        let out = 0;
        let sets = flagSets && st.kind === 'set' ? 1 << st.flag : 0;
        for (const q of [T.succ0[pc]!, T.succ1[pc]!]) {
          if (q < 0 || q > T.len) continue;
          out |= z.killThenRead[q]! | (kills & z.allReads[q]!);
          sets |= z.flagWrites[q]!;
        }
        z.killThenRead[pc] = out;
        z.flagWrites[pc] = sets;
      }
      byTable.set(T.id, z);
      return z;
    });
  }

  /**
   * A task that may move next, at the earliest instant (with latency windows a
   * later one may be allowed too; an unbind whose start is open may start now,
   * so then the earliest is now), and is certain to fault by moving; or -1.
   * Such a fault stays certain and immediate whatever else moves first, so
   * whether an execution ends there does not depend on the order of
   * independent steps before it (the counts are of traces).
   */
  armed(w: World, mv: readonly number[]): number {
    return armedTask(this.m, w, mv);
  }

  private done(a: Int32Array, t: number): boolean { return a[t]! >= this.tables[t]!.len; }
  /** Start of t's next step relative to now (the unbind's start: now). */
  private rel(a: Int32Array, t: number): number { const r = a[this.m.oReady + t]!; return r === WILD ? 0 : r; }

  /**
   * Does moving t end the execution: fault, or make a fault certain and
   * immediate (kill what a task is about to touch, step up to something dead)?
   * Such a move disables every other one: it commutes with nothing. A cheap
   * test rules most moves out; the rest are tried on a scratch world.
   */
  ends(w: World, t: number): boolean {
    const m = this.m;
    if (m.faultsIfMoved(w, t)) return true;
    if (!this.mayEnd(w, t)) return false;
    const c = this.sim;
    m.move(copyWorld(c, w), t);
    return c.fault !== null || this.armed(c, m.moves(c)) >= 0;
  }

  /**
   * False when moving t cannot end the execution: it kills nothing a task is
   * at (touches, or for a free, is about to free too or change the state of:
   * a double free, a write to freed memory), and cannot step up to something dead.
   */
  private mayEnd(w: World, t: number): boolean {
    const m = this.m;
    const a = w.a;
    const s = m.step(w, t);
    if (!s) return false;
    const killed = s.kind === 'free' || s.kind === 'state' ? s.res[0]! : -1;
    let dead = 0;
    if (killed >= 0) {
      dead = 1 << killed;
      const free = s.kind === 'free';
      for (let j = 0; j < this.n; j++) {
        if (j === t || this.done(a, j)) continue;
        const Z = this.zeroMasks[j]!;
        const pc = a[j]!;
        if ((Z.stepReads[pc]! & dead) !== 0 || (free && (Z.stepKills[pc]! & dead) !== 0)) return true;
      }
    }
    // What t's next visible steps touch, killed now or dead already (one bit at a time: they touch few).
    const next = this.zeroMasks[t]!.nextTouch[a[t]!]!;
    if ((next & dead) !== 0) return true;
    for (let x = next; x !== 0; x &= x - 1) if (a[m.oRes + 31 - Math.clz32(x & -x)] !== ST.alive) return true;
    return false;
  }

  /** The resources a bitset (at offset o) kills, as a mask. */
  private killsIn(b: Uint32Array, o: number): number { return bits(b, o, this.fp.RK, this.fp.R); }
  /** The resources it reads, as a mask. */
  private readsIn(b: Uint32Array, o: number): number { return bits(b, o, this.fp.RR, this.fp.R); }
  /** The reference counts it checks or changes, as a mask. */
  private countsIn(b: Uint32Array, o: number): number { return bits(b, o, this.fp.CR, this.nRefs) | bits(b, o, this.fp.CW, this.nRefs); }

  /** Do moves z and t (two tasks, both possible at w, neither ending the execution) commute? */
  private commute(w: World, z: number, t: number): boolean {
    const a = w.a;
    if (this.timed && this.rel(a, z) !== this.rel(a, t)) return false;
    const Z = this.tables[z]!, T = this.tables[t]!, W = this.W;
    return !intersects(Z.fp, a[z]! * W, T.cm, a[t]! * W, W);
  }

  /**
   * The one move to explore at w, given its moves and sleep set: the single
   * persistent move not asleep; -1 when there is a choice; -2 when every
   * persistent move is asleep (its traces were counted elsewhere). Both the
   * search and the replay of its counterexample follow such moves without
   * storing the state.
   */
  forced(w: World, mv: readonly number[], sleep: number): number {
    this.here.known = 0;
    if (this.oneAwake && mv.length > 1) {
      // Mode any, at most one move awake: that move (or none), whatever the persistent set. A persistent set of
      // asleep moves alone would end the walk here (-2), but the awake move's walk counts nothing either: every
      // move off that set commutes with its moves, so they stay asleep, nothing ends without them, and every path
      // ends with all its moves asleep. In a two-reader search half the persistent sets asked were such, and
      // 0.1% of them -2. Timed mode keeps asking: there such states are rare and nearly all -2.
      const one = awakeOne(mv, sleep);
      if (one !== -1) { this.lastSet = mv; return one; }
    }
    const P = mv.length === 1 ? mv : this.persistent(w, mv, sleep);
    this.lastSet = P;
    return awakeOne(P, sleep);
  }

  /**
   * The sleep set after move t from w: the sleeping moves independent of t
   * (another task's; neither ends the execution; they commute). `at` holds
   * what ends() answered at w so far (R.here after forced(w), or a copy kept
   * with w): w must not have changed since.
   */
  sleepAfter(w: World, sleep: number, t: number, at: EndsMemo): number {
    const others = sleep & ~(1 << t);
    if (others === 0 || this.endsAt(at, w, t)) return 0;
    let out = 0;
    for (let z = 0; others >>> z; z++) if (((others >>> z) & 1) && !this.endsAt(at, w, z) && this.commute(w, z, t)) out |= 1 << z;
    return out;
  }

  /** ends(w, t), asked once per task at a state: `at` remembers the answers. */
  private endsAt(at: EndsMemo, w: World, t: number): boolean {
    const bit = 1 << t;
    if (at.known & bit) return (at.val & bit) !== 0;
    const e = this.ends(w, t);
    at.known |= bit;
    if (e) at.val |= bit; else at.val &= ~bit;
    return e;
  }

  /**
   * The subset of the moves to explore at w (all of them when no reduction
   * applies). The sleep set only orders the tasks (Canon.sortTasks).
   */
  private persistent(w: World, mv: readonly number[], sleep: number): readonly number[] {
    this.curGen++;
    if (!this.por || mv.length <= 1) return mv;
    // A move that may end the execution is dependent on every other: all of them.
    for (let ix = 0; ix < mv.length; ix++) if (this.endsAt(this.here, w, mv[ix]!)) return mv;
    this.curSleep = sleep;
    return this.timed ? this.timedSet(w, mv) : this.anySet(w, mv);
  }

  // ----- timed mode: what can happen before time passes -----

  private timedSet(w: World, mv: readonly number[]): readonly number[] {
    const a = w.a;
    const m = this.m;
    const wildStart = this.u >= 0 && m.isWild(w, this.u);
    let D = Infinity;
    for (const t of mv) if (!(wildStart && t === this.u)) D = Math.min(D, a[m.oReady + t]!);
    if (D === Infinity) return mv;
    // The unbind may start now, before time reaches the others' next steps: a real choice of gap.
    if (wildStart && D > 0) return mv;
    let mvMask = 0;
    let anchors = 0;
    for (const t of mv) {
      mvMask |= 1 << t;
      if (wildStart && t === this.u) continue;
      // With latency windows, moves at different instants: no reduction.
      if (a[m.oReady + t] !== D) return mv;
      // A move whose window closes now holds time here while it is possible.
      if (a[m.oSlack + t] === 0) anchors |= 1 << t;
    }
    if (anchors === 0) return mv;
    // Tasks that can act at this instant, and their steps before time passes.
    this.prepare(w);
    const doneMask = this.doneMask;
    let present = 0;
    let hot = 0;
    for (let y = 0; y < this.n; y++) {
      if ((doneMask >>> y) & 1) continue;
      const z = this.zeroMasks[y]!;
      const pc = a[y]!;
      // What any task is about to touch (a kill now faults a task in the middle of an I/O on it, whatever its clock).
      hot |= z.stepReads[pc]!;
      const isMove = ((mvMask >>> y) & 1) === 1;
      const r = a[m.oReady + y]!;
      if (isMove || (!m.enabled(w, y) && r !== WILD && r <= D) || z.wait[pc] === 1) {
        present |= 1 << y;
        hot |= z.reads[pc]!;
      }
    }
    this.hotReads = hot;
    this.anyMode = false;
    this.curW = w;
    return this.smallest(mv, anchors, present, this.mustJoin(w, present));
  }

  // ----- any mode: what the others can do without P's tasks moving -----

  private anySet(w: World, mv: readonly number[]): readonly number[] {
    const mvMask = maskOf(mv);
    this.prepare(w);
    const doneMask = this.doneMask;
    let present = 0;
    for (let y = 0; y < this.n; y++) if (!((doneMask >>> y) & 1)) present |= 1 << y;
    this.anyMode = true;
    this.curW = w;
    return this.smallest(mv, mvMask, present, 0);
  }

  /**
   * The stubborn set grown from one seed at curW (its moves mvMask, the tasks
   * present): timed mode adds the tasks that must join every set (must) at
   * once; mode any adds, until none is left out, the tasks that can end an
   * execution on their own, with what they conflict with.
   */
  private setFrom(seed: number, mvMask: number, present: number, must: number): number {
    const w = this.curW!;
    if (!this.anyMode) return this.close(w, mvMask, present, 0, (1 << seed) | must);
    let S = this.close(w, mvMask, present, 0, 1 << seed);
    for (;;) {
      if (this.beaten(S)) return S;
      this.curS = S;
      const must = this.mustJoin(w, present & ~S) & ~S;
      if (must === 0) return S;
      S = this.close(w, mvMask, present, S, must);
    }
  }

  /**
   * What task y can still do from its program counter without the tasks in S
   * moving: its steps up to a mutex held by S, a synchronize_srcu() that waits
   * for S, and past a put that cannot be the last one. Sets fa and fo.
   */
  private future(w: World, y: number, S: number): void {
    const a = w.a;
    const T = this.tables[y]!;
    const pc0 = a[y]!;
    const err0 = a[this.m.oErr + y]!;
    if (this.stopsAt !== this.curGen || this.stopsFor !== S) this.stops(w, S);
    const fu = (this.futSlot[T.id] ??= { F: new Uint32Array((T.len + 1) * 2 * this.W), low: T.len });
    if (pc0 < fu.low) this.futures(T, fu, pc0);
    const F = fu.F;
    const W = this.W;
    if (T.steps[pc0]?.kind !== 'srcu.wait') { this.fa = F; this.fo = dropsAt(pc0, err0) * W; return; }
    // Its own synchronize_srcu() wait is blocked by the readers in S its snapshot waits for, not by every reader of the domain in S.
    const out = this.futWait;
    if ((a[this.m.oSync + y]! & S) === 0) this.stepFuture(T, F, pc0, err0, out, 0);
    else for (let k = 0; k < W; k++) out[k] = 0;
    this.fa = out;
    this.fo = 0;
  }

  /**
   * The futures of the program counters from `to` on, for both values of the
   * error register (dropsAt), of a task table under the current stops (a
   * synchronize_srcu() wait blocked when S holds a reader of its domain) and
   * stable flags: a backward pass from where the last one stopped (fu.low),
   * as programs only jump forward (compile.ts sets every target past its
   * step: a label after it, the end of a skipped block, the task's exit).
   */
  private futures(T: TaskTables, fu: Futures, to: number): void {
    const W = this.W;
    const F = fu.F;
    const { lockStop, srcuStop } = this;
    for (let pc = fu.low - 1; pc >= to; pc--) {
      const s = T.steps[pc]!;
      if (s.kind === 'srcu.wait' && ((srcuStop >>> s.srcu) & 1)) continue;
      for (let err = 0; err < 2; err++) {
        const o = dropsAt(pc, err) * W;
        if (s.kind === 'lock' && ((lockStop >>> s.lock) & 1)) {
          // Blocked for good, unless the mutex's memory dies: then the lock step faults there.
          for (let k = 0; k < W; k++) F[o + k] = this.fp.lockMem[s.lock * W + k]!;
          continue;
        }
        this.stepFuture(T, F, pc, err, F, o);
      }
    }
    fu.low = to;
  }

  /**
   * out[oo...] = the step at pc (not blocked) with error register err and
   * what follows it: the futures F of its successors (errNext: one branch of
   * a `$err` check or of a check of a stable flag); past a put that cannot be
   * the last one, only the branch that skips the release.
   */
  private stepFuture(T: TaskTables, F: Uint32Array, pc: number, err: number, out: Uint32Array, oo: number): void {
    const W = this.W;
    const s = T.steps[pc]!;
    for (let k = 0; k < W; k++) out[oo + k] = T.fp[pc * W + k]!;
    if (s.kind === 'put' && ((this.refBlock >>> s.ref) & 1)) { this.orFuture(T, F, dropsAt(s.target, err), out, oo); return; }
    const next = this.nextScratch;
    const n = errNext(s, pc, err, T.succ0[pc]!, T.succ1[pc]!, next, this.stableFlags, this.flagVals);
    for (let j = 0; j < n; j++) this.orFuture(T, F, next[j]!, out, oo);
  }

  /** out[oo...] |= the future at q (a dropsAt index; none past the end or for a negative one). */
  private orFuture(T: TaskTables, F: Uint32Array, q: number, out: Uint32Array, oo: number): void {
    if (q < 0 || q >>> 1 > T.len) return;
    const W = this.W;
    for (let k = 0; k < W; k++) out[oo + k]! |= F[q * W + k]!;
  }

  /** What stops the others' futures without S moving, at the current state (future() reads them; one computation per state and S). */
  private stops(w: World, S: number): void {
    this.stopsAt = this.curGen; this.stopsFor = S;
    const a = w.a;
    const m = this.m;
    let lockStop = 0;
    for (let l = 0; l < this.nLocks; l++) {
      const o = a[m.oOwner + l]!;
      if (o > 0 && ((S >>> (o - 1)) & 1)) lockStop |= 1 << l;
    }
    let srcuStop = 0;
    for (let d = 0; d < this.nSrcu; d++) if ((a[m.oSrcu + d]! & S) !== 0) srcuStop |= 1 << d;
    let refBlock = 0;
    // The drops the tasks outside S can still make: all the unfinished tasks' (prepare) less S's.
    const C = this.nRefs;
    if (C > 0) {
      const sum = this.putsOut;
      const left = this.putsLeft;
      for (let c = 0; c < C; c++) sum[c] = left[c]!;
      const inS = S & ~this.doneMask;
      for (let z = 0; inS >>> z; z++) {
        if (!((inS >>> z) & 1)) continue;
        const at = dropsAt(a[z]!, a[m.oErr + z]!);
        this.addDrops(sum, this.tables[z]!.netPuts, at, this.zeroMasks[z]!.drops[at]!, -1);
      }
      for (let c = 0; c < C; c++) if (a[m.oRefs + c]! > sum[c]!) refBlock |= 1 << c;
    }
    this.lockStop = lockStop; this.srcuStop = srcuStop; this.refBlock = refBlock;
    const fb = this.flagsOn ? 2 * this.nFlags : 0;
    const flags = this.flagsOn ? (this.stableFlags << this.nFlags) | this.flagVals : 0;
    const stopKey = this.comboBits
      ? (((lockStop << this.nSrcu) | srcuStop) << this.nRefs) | refBlock
      : (lockStop * 2 ** this.nSrcu + srcuStop) * 2 ** this.nRefs + refBlock;
    const combo = this.comboBits ? (stopKey << fb) | flags : stopKey * 2 ** fb + flags;
    if (combo !== this.lastCombo) {
      const direct = this.futDirect;
      let slot: (Futures | undefined)[] | undefined;
      if (direct) {
        const row = (direct[stopKey] ??= new Array<(Futures | undefined)[] | undefined>(2 ** fb));
        slot = row[flags] ??= new Array<Futures | undefined>(this.tables.length).fill(undefined);
      } else {
        slot = this.futCache.get(combo);
        if (!slot) this.futCache.set(combo, (slot = new Array<Futures | undefined>(this.tables.length).fill(undefined)));
      }
      this.futSlot = slot;
      this.lastCombo = combo;
    }
  }

  /** What the persistent-set computation at w reads that does not depend on the set (see doneMask; putsLeft in mode any only). */
  private prepare(w: World): void {
    const a = w.a;
    const m = this.m;
    let doneMask = 0;
    for (let z = 0; z < this.n; z++) if (this.done(a, z)) doneMask |= 1 << z;
    this.doneMask = doneMask;
    const timed = this.timed;
    const C = this.nRefs;
    let faultyRefs = 0;
    if (C > 0) {
      // mustJoin's counts that may fault: the drops ahead, the whole program's in mode any (kept for stops), before time passes in timed mode.
      const sum = timed ? this.putsOut : this.putsLeft;
      for (let c = 0; c < C; c++) sum[c] = 0;
      for (let z = 0; z < this.n; z++) {
        if ((doneMask >>> z) & 1) continue;
        const at = dropsAt(a[z]!, a[m.oErr + z]!);
        const Z = this.zeroMasks[z]!;
        if (timed) this.addDrops(sum, this.tables[z]!.zeroNetPuts, at, Z.zeroDrops[at]!, 1);
        else this.addDrops(sum, this.tables[z]!.netPuts, at, Z.drops[at]!, 1);
      }
      // Mode any asks per set instead (faultyOutside).
      if (timed) faultyRefs = this.faulty(a, sum);
    }
    this.faultyRefs = faultyRefs;
    let freed = 0;
    let dead = 0;
    for (let r = 0; r < this.fp.R; r++) {
      const st = a[m.oRes + r]!;
      if (st === ST.freed) freed |= 1 << r;
      if (st !== ST.alive) dead |= 1 << r;
    }
    this.freedRes = freed;
    this.deadRes = dead;
    if (this.flagsOn) {
      let writers = 0;
      for (let z = 0; z < this.n; z++) if (!((doneMask >>> z) & 1)) writers |= this.zeroMasks[z]!.flagWrites[a[z]!]!;
      const stable = ~writers & ((1 << this.nFlags) - 1);
      let vals = 0;
      for (let f = 0; f < this.nFlags; f++) if (((stable >>> f) & 1) && a[m.oFlags + f] === 1) vals |= 1 << f;
      this.stableFlags = stable;
      this.flagVals = vals;
    }
  }

  /** sum[c] += sign * d[at * counts + c] for the counts in `mask` (zeroMasks' drops or zeroDrops at `at`, dropsAt(pc, err): the others are 0). */
  private addDrops(sum: Int32Array, d: Int32Array, at: number, mask: number, sign: number): void {
    const C = this.nRefs;
    const o = at * C;
    // c < C first: a shift counts modulo 32, so with 32 counts `mask >>> 32` is mask again.
    for (let c = 0; c < C && mask >>> c; c++) if ((mask >>> c) & 1) sum[c]! += sign * d[o + c]!;
  }

  // ----- shared -----

  /**
   * Tasks among `cands` that must be in every persistent set: those that can,
   * on their own, end an execution (a fault that stops the others): kill what
   * a task accesses, step onto something dead, or make a reference count fault.
   * The futures are loadFuture()'s; the drops of the counts, in mode any
   * those the tasks outside the current set can still make (the set's tasks
   * do not move: only the others' drops can take a count down), and before
   * time passes in timed mode.
   */
  private mustJoin(w: World, cands: number): number {
    const a = w.a;
    const any = this.anyMode;
    const { freedRes: freed, deadRes: dead, doneMask } = this;
    const S = this.curS;
    const faultyRefs = any ? this.faultyOutside(w, S) : this.faultyRefs;
    // Resources some task may still kill, and those two tasks may (a double free ahead).
    let once = 0;
    let twice = 0;
    // Mode any: what the tasks outside S may read (by one of them, by two), and the set's tasks are about to touch.
    let readOnce = 0;
    let readTwice = 0;
    let setNow = 0;
    for (let y = 0; y < this.n; y++) {
      if ((doneMask >>> y) & 1) continue;
      let k: number;
      if (any) {
        // The task's future without S moving, as masks (the loop over the candidates below reads them again).
        this.loadFuture(y);
        k = this.futKills[y] = this.killsIn(this.fa, this.fo);
        const r = this.futReads[y] = this.readsIn(this.fa, this.fo);
        this.futCounts[y] = this.countsIn(this.fa, this.fo);
        if ((S >>> y) & 1) setNow |= this.zeroMasks[y]!.stepReads[a[y]!]!;
        else {
          readTwice |= readOnce & r;
          readOnce |= r;
        }
      } else k = this.zeroMasks[y]!.kills[a[y]!]!;
      twice |= once & k;
      once |= k;
    }
    const hot = (any ? setNow : this.hotReads) | freed | twice;
    let out = 0;
    for (let y = 0; y < this.n; y++) {
      if (!((cands >>> y) & 1)) continue;
      const pc = a[y]!;
      let kills: number, reads: number, counts: number, two: number;
      if (any) {
        kills = this.futKills[y]!; reads = this.futReads[y]!; counts = this.futCounts[y]!;
        // A kill ends an execution without S moving when another task outside S may read it, a task of S is about
        // to touch it, or y itself reads it after killing it (or kills it twice).
        two = this.killsIn(this.tables[y]!.twice, pc * this.W) | readTwice | (readOnce & ~reads) | this.zeroMasks[y]!.killThenRead[pc]!;
      } else {
        const z = this.zeroMasks[y]!;
        kills = z.kills[pc]!; reads = z.reads[pc]!; counts = z.counts[pc]!; two = z.twice[pc]!;
      }
      const join = (kills & (hot | two)) !== 0 || (reads & dead) !== 0 || (counts & faultyRefs) !== 0;
      if (join) out |= 1 << y;
    }
    return out;
  }

  /**
   * Mode any: the counts that may fault without the tasks of S moving (the
   * drops the others can still make reach the count; a refcount_t's, reach
   * or pass it): stops()' sum of the drops outside S.
   */
  private faultyOutside(w: World, S: number): number {
    if (this.nRefs === 0) return 0;
    if (this.stopsAt !== this.curGen || this.stopsFor !== S) this.stops(w, S);
    return this.faulty(w.a, this.putsOut);
  }

  /** The counts (a mask) that drops summing to sum[c] may make fault: take below zero, or a refcount_t's to zero. */
  private faulty(a: Int32Array, sum: Int32Array): number {
    const o = this.m.oRefs;
    let out = 0;
    for (let c = 0; c < this.nRefs; c++) {
      const count = a[o + c]!;
      if (sum[c]! > count || (this.refcountT[c] && sum[c]! >= count)) out |= 1 << c;
    }
    return out;
  }

  /**
   * Tasks to add to a stubborn set because of the tasks in `xs` (joined in one
   * round, S already holds them): those whose future conflicts with the move
   * of one of them (one test per task against the union of the moves'
   * conflict masks), and those a task that cannot move yet waits for.
   */
  private conflicting(w: World, xs: number, mvMask: number, present: number, S: number): number {
    const a = w.a;
    const W = this.W;
    let add = 0;
    const movers = xs & mvMask;
    if (movers !== 0) {
      const cm = this.cmUnion;
      for (let k = 0; k < W; k++) cm[k] = 0;
      for (let x = 0; movers >>> x; x++) {
        if (!((movers >>> x) & 1)) continue;
        const X = this.tables[x]!.cm;
        const xo = a[x]! * W;
        for (let k = 0; k < W; k++) cm[k]! |= X[xo + k]!;
      }
      for (let y = 0; y < this.n; y++) {
        if (((S >>> y) & 1) || !((present >>> y) & 1)) continue;
        this.loadFuture(y);
        if (intersects(this.fa, this.fo, cm, 0, W)) add |= 1 << y;
      }
    }
    const waiting = xs & ~mvMask;
    for (let x = 0; waiting >>> x; x++) if ((waiting >>> x) & 1) add |= this.waitsFor(w, x, present, S);
    return add;
  }

  /** The tasks that can let x (which cannot move yet) move. */
  private waitsFor(w: World, x: number, present: number, S: number): number {
    const a = w.a;
    const m = this.m;
    let add = 0;
    const s = m.step(w, x)!;
    if (s.kind === 'lock') {
      const o = a[m.oOwner + s.lock]!;
      if (o > 0) add |= 1 << (o - 1);
    } else if (s.kind === 'srcu.wait') add |= a[m.oSync + x]!;
    else add |= present;
    return add & present & ~S;
  }

  /**
   * Each move that may seed a set (a bit of `seeds`) tried in turn (Canon.sortTasks' order); the persistent set
   * (setFrom) with the fewest moves not asleep wins (those are what is walked: asleep ones in it cost nothing), the
   * first of equals. Counting the asleep moves too kept 1-8% more states (mode any, two readers).
   */
  private smallest(mv: readonly number[], seeds: number, present: number, must: number): readonly number[] {
    const mvMask = maskOf(mv);
    const awake = mvMask & ~this.curSleep;
    this.awakeMask = awake;
    let best = mvMask;
    let bestSize = popcount(awake);
    const tries = this.tries;
    let count = 0;
    for (let ix = 0; ix < mv.length; ix++) {
      const t = mv[ix]!;
      if ((seeds >>> t) & 1) tries[count++] = t;
    }
    if (count > 1 && this.canon.groups.length) this.canon.sortTasks(this.curW!, this.curSleep, tries, count);
    for (let k = 0; k < count; k++) {
      const seed = tries[k]!;
      // A set that grows to bestSize moves awake cannot win: its closure may stop there (close).
      this.limit = bestSize;
      const P = this.setFrom(seed, mvMask, present, must) & mvMask;
      const size = popcount(P & awake);
      if (size < bestSize) { best = P; bestSize = size; }
      if (bestSize <= 1) break;
    }
    return best === mvMask ? mv : this.m.listOf(best, this.m.movesLast(this.curW!));
  }

  /** S holds `limit` moves not asleep: S only grows, so it cannot be smallest()'s answer (close and setFrom stop there). */
  private beaten(S: number): boolean {
    return popcount(S & this.awakeMask) >= this.limit;
  }

  /**
   * S with the tasks of `add` joined, and, until none is added, every task
   * conflicting with a newly joined one (stubborn-set closure). In rounds:
   * the tasks joined in one round are examined against the same set, so the
   * result does not depend on an order of the tasks (in mode any a task's
   * future depends on the set, and an order by index would break symmetry).
   */
  private close(w: World, mvMask: number, present: number, S: number, add: number): number {
    let fresh = add & ~S;
    while (fresh !== 0) {
      S |= fresh;
      if (this.beaten(S)) return S;
      this.curS = S;
      fresh = this.conflicting(w, fresh, mvMask, present, S) & ~S;
    }
    return S;
  }

  /** Points fa/fo at task y's future: before time passes (timed), or without the current set's tasks moving (any). */
  private loadFuture(y: number): void {
    const w = this.curW!;
    if (this.anyMode) { this.future(w, y, this.curS); return; }
    this.fa = this.tables[y]!.zero;
    this.fo = w.a[y]! * this.W;
  }
}

/** The task bitmask with bits x and y swapped. */
function swapBits(mask: number, x: number, y: number): number {
  const bx = (mask >>> x) & 1, by = (mask >>> y) & 1;
  return bx === by ? mask : mask ^ ((1 << x) | (1 << y));
}

/** follow's answer when its chain ends at a stored state it jumped to (chainCache.ts). */
const JUMPED: [number, number, number, number] = [0, 0, 0, 0];

/** Every execution of the question, counted as traces (see the file comment). */
export function exploreTraces(opts: TraceOptions): Verdict {
  const { program, mode } = opts;
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const onProgress = opts.onProgress;
  const R = new Reducer(program, mode, opts.por !== false, opts.symmetry !== false);
  if (opts.oneAwake === false) R.oneAwake = false;
  const m = R.m;
  // The search's keys and the Reducer's order of tasks: one Canon (sortTasks leaves the key and numbering alone).
  const canon = R.canon;
  const ids = new StateTable(canon.keyLen);
  const tab = new StateCounts();
  const w0 = m.initial(opts.at);
  let incomplete = false;
  let generated = 0;
  const pool: World[] = [];
  const permPool: Int32Array[] = [];
  const framePool: Frame[] = [];
  const scratch: World = { a: new Int32Array(m.size), now: 0, fault: null };
  /**
   * An execution that faults, and one that ends without a fault, met so far
   * (each walk's end, folded or not): with both the verdict is Sometimes at
   * any cap. Progress says so from then on, and once at the moment it is proved.
   */
  let faultMet = false, cleanMet = false, sometimes = false;
  /** With opts.speedcheck the search stops there, as at the cap (the stack unwinds, folding what it has). */
  let settled = false;
  /** What progress reports: every PROGRESS_EVERY moves, and once when Sometimes is proved. */
  const report = (): void => onProgress?.({ states: ids.size, generated, sometimes });
  const met = (fl: number, t: number): void => {
    if (fl) faultMet = true; else if (t > 0) cleanMet = true;
    if (sometimes || !faultMet || !cleanMet) return;
    sometimes = true;
    report();
    if (opts.speedcheck && !incomplete) { settled = true; incomplete = true; }
  };

  /**
   * A frame for a new state with a choice; `key` is canon.canon(w, sleep), just
   * computed (canon.perm is its numbering); `moves`, those to explore (chainMoves).
   */
  const open = (
    w: World, sleep: number, key: Int32Array, moves: readonly number[], depthNow: number, viaMove: number, viaSleep: number, chain: number,
  ): Frame => {
    const id = ids.add(key);
    tab.ensure(id);
    const perm = canon.keepPerm(permPool, depthNow);
    // One frame per depth, reused (a frame lives as long as it is on the stack; the root's stays for the answer).
    const f = framePool[depthNow];
    if (!f) {
      return (framePool[depthNow] = {
        id, w, ends: { known: R.here.known, val: R.here.val }, perm, moves, i: 0, sleep, done: 0, total: 0, faulting: 0, hung: 0, depth: INF, best: -1, bestSleep: 0, viaMove, viaSleep, chain,
      });
    }
    f.id = id; f.w = w; f.ends.known = R.here.known; f.ends.val = R.here.val; f.perm = perm; f.moves = moves; f.i = 0; f.sleep = sleep;
    f.done = 0; f.total = 0; f.faulting = 0; f.hung = 0; f.depth = INF; f.best = -1; f.bestSleep = 0; f.viaMove = viaMove; f.viaSleep = viaSleep; f.chain = chain;
    return f;
  };
  const record = (f: Frame): void => {
    tab.total[f.id] = f.total; tab.faulting[f.id] = f.faulting; tab.hung[f.id] = f.hung;
    tab.depth[f.id] = f.depth; tab.best[f.id] = f.best; tab.bestSleep[f.id] = f.bestSleep;
  };
  /**
   * The last fold: its frame's state id, the move, its child's sleep set and
   * what it added. A frame's next move follows its last fold at once (the
   * child's subtree is done), so one record serves every frame.
   */
  const last = [-1, 0, 0, 0, 0, 0, 0];
  /** Adds a child's counts to p; d = the child's distance to a fault counted from p's move. */
  const fold = (p: Frame, t: number, fl: number, h: number, d: number, move: number, childSleep: number): void => {
    last[0] = p.id; last[1] = move; last[2] = childSleep; last[3] = t; last[4] = fl; last[5] = h; last[6] = d;
    p.total += t; p.faulting += fl; p.hung += h;
    if (d < INF && d + 1 < p.depth) { p.depth = d + 1; p.best = p.perm[move]!; p.bestSleep = canon.mapMask(childSleep, p.perm); }
  };

  /**
   * Follows forced moves from w (in place: the only move, or the only
   * persistent one not asleep, R.forced) until a state with a choice, an end
   * or a sleep-blocked state. Returns the outcome when it ends there
   * ([total, faulting, hung, distance to the fault]), else null (w is then the
   * state with a choice, its sleep set in `chainSleep` and the moves to
   * explore in `chainMoves`). States inside a chain are not stored: another
   * branch that reaches one follows the chain again, to the stored state at
   * its end, unless the chain memo (chainCache.ts) knows where it ends from a
   * checkpoint on the way: then it jumps there (JUMPED, with jumpId, or the
   * end's outcome). In timed mode they are most states (a single move, or a
   * reader and the unbind at one instant where only one of them is
   * persistent), and the cap counts states.
   */
  let chainLen = 0;
  let chainMoves: readonly number[] = [];
  let chainSleep = 0;
  /** Set when follow returns JUMPED: the stored state its chain ends at (chainLen moves from its start). */
  let jumpId = -1;
  const every = opts.checkpoint ?? CHECKPOINT;
  const siblings = opts.siblings !== false && canon.groups.length > 0;
  const cache = every > 0 ? new ChainCache(canon.keyLen, maxStates) : null;
  const nTasks = m.nTasks;
  /** A walk's outcome ([total, faulting, hung, distance to the fault]), told to the memo's checkpoints on the way. */
  const outcome: [number, number, number, number] = [0, 0, 0, 0];
  const ended = (t: number, fl: number, h: number, d: number): [number, number, number, number] => {
    cache?.settle(fl ? END_FAULT : t === 0 ? END_ASLEEP : h ? END_HUNG : END_DONE, d);
    met(fl, t);
    // One array for every walk's outcome: the caller reads it before the next walk.
    outcome[0] = t; outcome[1] = fl; outcome[2] = h; outcome[3] = d;
    return outcome;
  };
  const follow = (w: World, sleep: number): [number, number, number, number] | null => {
    chainLen = 0;
    chainSleep = sleep;
    cache?.startWalk();
    let lastBand = -1;
    for (;;) {
      const mv = m.moves(w);
      if (mv.length === 0) return ended(1, 0, m.unfinished(w) ? 1 : 0, INF);
      if (R.armed(w, mv) >= 0) return ended(1, 1, 0, chainLen + 1);
      const t = R.forced(w, mv, chainSleep);
      // Every persistent move is asleep: their traces were counted elsewhere.
      if (t === -2) return ended(0, 0, 0, INF);
      if (t === -1) {
        chainMoves = m.listOf(maskOf(R.lastSet) & ~chainSleep, m.movesLast(w));
        return null;
      }
      if (cache) {
        // A checkpoint where the summed program counters pass a multiple of `every` (not at the walk's start).
        let pcs = 0;
        for (let i = 0; i < nTasks; i++) pcs += w.a[i]!;
        const band = Math.floor(pcs / every);
        const cross = band !== lastBand && lastBand >= 0;
        lastBand = band;
        if (cross) {
          const key = canon.canon(w, chainSleep);
          if (cache.get(key)) {
            const e = cache.end, len = chainLen + cache.rest;
            if (e >= 0) { chainLen = len; jumpId = e; cache.settle(e, len); return JUMPED; }
            if (e === END_FAULT) return ended(1, 1, 0, len);
            return ended(e === END_ASLEEP ? 0 : 1, 0, e === END_HUNG ? 1 : 0, INF);
          }
          cache.passed(key, chainLen);
        }
      }
      const nextSleep = R.sleepAfter(w, chainSleep, t, R.here);
      m.move(w, t);
      generated++;
      if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) report();
      chainLen++;
      chainSleep = nextSleep;
      if (w.fault) return ended(1, 1, 0, chainLen);
    }
  };

  let rootTotal = 0, rootFaulting = 0, rootHung = 0;
  const stack: Frame[] = [];
  {
    const w = cloneWorld(w0);
    const end = follow(w, 0); // never JUMPED: the memo is empty
    if (end) [rootTotal, rootFaulting, rootHung] = end;
    else {
      stack.push(open(w, chainSleep, canon.canon(w, chainSleep), chainMoves, 0, -1, 0, chainLen));
      cache?.settle(stack[0]!.id, chainLen);
    }
  }
  let root: Frame | null = stack[0] ?? null;

  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.moves.length && !incomplete) {
      const move = top.moves[top.i++]!;
      const childSleep = R.sleepAfter(top.w, top.sleep | top.done, move, top.ends);
      top.done |= 1 << move;
      // A move that swapping two interchangeable readers maps the last one onto, with the renamed sleep set: its
      // child is the last one's renamed (the same key), so are its counts (symmetric siblings are walked once).
      if (siblings && last[0] === top.id && swapBits(last[2]!, last[1]!, move) === childSleep && canon.swappable(top.w, last[1]!, move)) {
        fold(top, last[3]!, last[4]!, last[5]!, last[6]!, move, childSleep);
        continue;
      }
      m.move(copyWorld(scratch, top.w), move);
      generated++;
      if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) report();
      if (scratch.fault) { met(1, 1); fold(top, 1, 1, 0, 0, move, 0); continue; }
      // Forced moves up to the next choice (follow).
      const end = follow(scratch, childSleep);
      if (end && end !== JUMPED) { fold(top, end[0], end[1], end[2], end[3], move, childSleep); continue; }
      const key = end ? null : canon.canon(scratch, chainSleep);
      const seen = key ? ids.get(key) : jumpId;
      if (seen >= 0) {
        cache?.settle(seen, chainLen);
        const d = tab.depth[seen]! >= INF ? INF : tab.depth[seen]! + chainLen;
        fold(top, tab.total[seen]!, tab.faulting[seen]!, tab.hung[seen]!, d, move, childSleep);
        continue;
      }
      if (ids.size >= maxStates) { incomplete = true; continue; }
      const depthNow = stack.length;
      const f = open(pooledWorld(pool, depthNow, scratch), chainSleep, key!, chainMoves, depthNow, move, childSleep, chainLen);
      stack.push(f);
      if (cache) { cache.settle(f.id, chainLen); cache.fit(ids.size); }
      continue;
    }
    stack.pop();
    record(top);
    const d = top.depth >= INF ? INF : top.depth + top.chain;
    const parent = stack[stack.length - 1];
    if (parent) fold(parent, top.total, top.faulting, top.hung, d, top.viaMove, top.viaSleep);
    else root = top;
  }
  if (root) {
    rootTotal = tab.total[root.id]!; rootFaulting = tab.faulting[root.id]!; rootHung = tab.hung[root.id]!;
  }

  const counterexample = rootFaulting > 0 ? reconstruct(R, canon, ids, tab, w0, program, mode, opts.at) : null;
  return {
    verdict: verdictWord(rootFaulting, rootTotal, incomplete), faulting: rootFaulting, executions: rootTotal, counting: 'traces',
    approximate: rootTotal > Number.MAX_SAFE_INTEGER, hung: rootHung, states: ids.size, generated, incomplete, maxStates, memoryBytes: ids.bytes + tab.bytes + (cache?.bytes ?? 0),
    shortest: !incomplete, counterexample, ...(settled ? { speedcheck: true as const } : {}),
  };
}

/** Follows the best (shortest-to-fault) moves from the root and turns them into a replayable run. */
function reconstruct(
  R: Reducer, canon: Canon, ids: StateTable, tab: StateCounts, w0: World, program: Program, mode: Mode, fixedAt: number | null,
): Counterexample | null {
  const m = R.m;
  const u = R.u;
  const w = cloneWorld(w0);
  let sleep = 0;
  const path: number[] = [];
  // -1: the start is chosen on the path (each start the search tries).
  let at = u >= 0 && m.isWild(w0, u) ? -1 : fixedAt ?? 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const mv = m.moves(w);
    const armed = R.armed(w, mv);
    let move: number;
    let nextSleep = 0;
    const forced = armed >= 0 ? -1 : R.forced(w, mv, sleep);
    if (armed >= 0) move = armed;
    else if (forced === -2) return null;
    else if (forced >= 0) { move = forced; nextSleep = R.sleepAfter(w, sleep, move, R.here); }
    else {
      const id = ids.get(canon.canon(w, sleep));
      if (id < 0) return null;
      const b = tab.best[id]!;
      if (b < 0) return null;
      move = canon.inv[b]!;
      nextSleep = canon.mapMask(tab.bestSleep[id]!, canon.inv);
    }
    if (move === u && m.isWild(w, u)) at = w.now;
    path.push(move);
    m.move(w, move);
    if (w.fault || armed >= 0) break;
    sleep = nextSleep;
  }
  return counterexampleOf(program, mode, at < 0 ? w.now : at, path);
}
