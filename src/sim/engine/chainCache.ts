/**
 * A lossy memo of forced-move chains for the reduced explorer (traces.ts).
 *
 * The explorer follows forced moves without storing the states they pass
 * (follow in exploreTraces), so a chain entered again from another branch is
 * walked again, move by move, to the stored state or the end it reaches. At
 * checkpoints along a walk (each forced state where the sum of the program
 * counters passes a multiple of CHECKPOINT) this table remembers
 * where the chain from that state (and sleep set) ends: a stored state's id
 * and the moves to it, or the end itself (finished, hung, faulting after so
 * many moves, or every move asleep). A later walk that reaches the
 * checkpoint jumps there. Walks that meet run on along the same states, so
 * they pass the same checkpoints after the first.
 *
 * Direct-mapped and overwritten on collision, with the whole key compared on
 * every hit: it can forget (the walk then goes on move by move) but never
 * answers for another state, so counts, verdicts and counterexamples are the
 * same with it or without it (traces.test.ts checks both). Its entries grow
 * with the stored states up to a sixteenth of the state cap (at most MOST),
 * and the memory bound counts them (peakBytes).
 */
import { hashKey } from './stateTable.ts';

/**
 * A checkpoint every this many units of summed program counters. Each costs
 * a canonical key (symmetry.ts): at 32, or with one at a walk's first state,
 * eight-reader questions with few chains walked again ran up to 15% slower
 * than without the memo; at 64 the 30 eight-reader timed questions of the
 * scenarios with readers ran 3 to 44% faster without an eraser, and from 36%
 * faster to 5% slower with one (README).
 */
export const CHECKPOINT = 64;

/** Ends of a chain that are not a stored state (a stored state's end is its id, >= 0). */
export const END_DONE = -1;
export const END_HUNG = -2;
export const END_FAULT = -3;
export const END_ASLEEP = -4;
const EMPTY = -0x80000000;
const INITIAL = 1 << 10;

/** The most entries whatever the cap: a larger memo finds few more chains again. */
const MOST = 1 << 18;

/** Entries kept at most for a search capped at `maxStates` states (a power of two). */
function entriesFor(maxStates: number): number {
  let e = INITIAL;
  while (e * 16 < maxStates && e < MOST) e *= 2;
  return e;
}

export class ChainCache {
  private data: Int32Array;
  private mask: number;
  private readonly stride: number;
  private readonly most: number;
  /** Set by get(): the end and the moves from the checkpoint to it. */
  end = 0;
  rest = 0;
  /** The checkpoints the walk under way has passed (keys, and moves from its start) until settle(). */
  private pendKeys: Int32Array;
  private readonly pendAt: number[] = [];
  private pendN = 0;

  constructor(readonly keyLen: number, maxStates: number) {
    this.stride = keyLen + 2;
    this.most = entriesFor(maxStates);
    this.data = ChainCache.empty(Math.min(INITIAL, this.most), this.stride);
    this.mask = this.data.length / this.stride - 1;
    this.pendKeys = new Int32Array(keyLen * 8);
  }

  private static empty(entries: number, stride: number): Int32Array {
    const d = new Int32Array(entries * stride);
    for (let i = stride - 2; i < d.length; i += stride) d[i] = EMPTY;
    return d;
  }

  /**
   * The most it holds at once in a search capped at `maxStates`: its largest
   * table, and the one before while the larger is made.
   */
  static peakBytes(maxStates: number, keyLen: number): number {
    const e = entriesFor(maxStates);
    const stride = keyLen + 2;
    return (e + (e > INITIAL ? e / 2 : 0)) * stride * 4;
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  /** Doubles (emptied) while the stored states outnumber its entries, up to its bound. */
  fit(states: number): void {
    let entries = this.mask + 1;
    if (states <= entries || entries >= this.most) return;
    while (states > entries && entries < this.most) entries *= 2;
    this.data = ChainCache.empty(entries, this.stride);
    this.mask = entries - 1;
  }

  /** The entry of the key at key[ko...] (keys copied, never views: a view per checkpoint was garbage). */
  private slot(key: Int32Array, ko = 0): number {
    return (hashKey(key, ko, this.keyLen) & this.mask) * this.stride;
  }

  /** Whether the chain from this key is remembered; if so `end` and `rest` say where it ends. */
  get(key: Int32Array): boolean {
    const s = this.slot(key);
    const d = this.data;
    const k = this.keyLen;
    if (d[s + k] === EMPTY) return false;
    for (let i = 0; i < k; i++) if (d[s + i] !== key[i]) return false;
    this.end = d[s + k]!;
    this.rest = d[s + k + 1]!;
    return true;
  }

  /** A new walk starts: the checkpoints of the last one are forgotten (its end was not stored). */
  startWalk(): void {
    this.pendN = 0;
  }

  /** The walk under way passed this checkpoint, `at` moves from its start; settle() says where it ends. */
  passed(key: Int32Array, at: number): void {
    const k = this.keyLen;
    if ((this.pendN + 1) * k > this.pendKeys.length) {
      const bigger = new Int32Array(this.pendKeys.length * 2);
      bigger.set(this.pendKeys);
      this.pendKeys = bigger;
    }
    const pend = this.pendKeys, o = this.pendN * k;
    for (let i = 0; i < k; i++) pend[o + i] = key[i]!;
    this.pendAt[this.pendN++] = at;
  }

  /** The walk under way ends at `end` (a stored state's id or END_*), `len` moves from its start (to the fault for END_FAULT): each checkpoint it passed learns it. */
  settle(end: number, len: number): void {
    for (let i = 0; i < this.pendN; i++) this.put(this.pendKeys, end, len - this.pendAt[i]!, i * this.keyLen);
    this.pendN = 0;
  }

  /** Remembers where the chain from the key at key[ko...] ends. */
  put(key: Int32Array, end: number, rest: number, ko = 0): void {
    const s = this.slot(key, ko);
    const d = this.data;
    for (let i = 0; i < this.keyLen; i++) d[s + i] = key[ko + i]!;
    d[s + this.keyLen] = end;
    d[s + this.keyLen + 1] = rest;
  }
}
