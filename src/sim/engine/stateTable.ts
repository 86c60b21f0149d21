/**
 * An exact hash set of explored states (their keys), and the counts kept per state.
 * Open addressing over an Int32Array arena: no strings, no per-state objects,
 * and full-key comparison on every hit (a hash collision can never merge two
 * different states, so counts stay exact).
 */
/** A state key's hash (words [off, off + len) of a), for the state table and the chain memo (chainCache.ts). */
export function hashKey(a: Int32Array, off: number, len: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = off; i < off + len; i++) {
    h = Math.imul(h ^ a[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** The length of a full arena of keys of keyLen words once it grows: half again as large (a large search is not left holding twice what it needs), whole keys. */
const grownArena = (len: number, keyLen: number): number => Math.ceil(len * 1.5 / keyLen) * keyLen;

export class StateTable {
  protected arena: Int32Array;
  protected slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(readonly keyLen: number, initial = TABLE_INITIAL) {
    this.arena = new Int32Array(initial * keyLen);
    this.slots = new Int32Array(initial * 4).fill(-1);
    this.mask = initial * 4 - 1;
  }

  /**
   * The most a table of `states` keys of `keyLen` words ever holds at once:
   * its arena and slots, and while one of them grows, the old copy as well.
   */
  static peakBytes(states: number, keyLen: number): number {
    // add() in id order: the arena grows at the first id that does not fit, the slots at the first
    // id past half of them (in the same add, arena first).
    let arena = TABLE_INITIAL * keyLen, slots = TABLE_INITIAL * 4, peak = (arena + slots) * 4;
    for (;;) {
      const arenaAt = Math.floor(arena / keyLen); // the id whose key does not fit
      const slotsAt = slots / 2; // the id that makes the table more than half full
      const id = Math.min(arenaAt, slotsAt);
      if (id >= states) return peak;
      if (id === arenaAt) {
        const next = grownArena(arena, keyLen);
        peak = Math.max(peak, (arena + next + slots) * 4);
        arena = next;
      }
      if (id === slotsAt) {
        peak = Math.max(peak, (arena + slots * 3) * 4);
        slots *= 2;
      }
    }
  }

  /** Bytes held by the table (keys and slots). */
  get bytes(): number {
    return this.arena.byteLength + this.slots.byteLength;
  }

  /** Bytes the table would hold after one more add, which may grow its keys or its slots (what the modular search's memory bound asks before each). */
  bytesAfterAdd(): number {
    const n = this.size + 1;
    return ((this.arenaFull(n) ? grownArena(this.arena.length, this.keyLen) : this.arena.length) +
      (this.slotsFull(n) ? this.slots.length * 2 : this.slots.length)) * 4;
  }

  /** n keys do not fit in the arena: it grows (grownArena). */
  private arenaFull(n: number): boolean {
    return n * this.keyLen > this.arena.length;
  }

  /** n keys would fill more than half the slots: they double (rehash). */
  private slotsFull(n: number): boolean {
    return n * 2 > this.slots.length;
  }

  /** The keys' and the slots' bytes apart (what a growth of each copies). */
  get parts(): readonly [number, number] {
    return [this.arena.byteLength, this.slots.byteLength];
  }

  private equals(id: number, a: Int32Array): boolean {
    const base = id * this.keyLen;
    const arena = this.arena;
    for (let i = 0; i < this.keyLen; i++) if (arena[base + i] !== a[i]) return false;
    return true;
  }

  /** The id of this state, or -1. */
  get(a: Int32Array): number {
    let s = hashKey(a, 0, this.keyLen) & this.mask;
    for (;;) {
      const id = this.slots[s]!;
      if (id < 0) return -1;
      if (this.equals(id, a)) return id;
      s = (s + 1) & this.mask;
    }
  }

  /** Adds a state known to be absent; returns its id. */
  add(a: Int32Array): number {
    const id = this.size++;
    if (this.arenaFull(id + 1)) {
      const bigger = new Int32Array(grownArena(this.arena.length, this.keyLen));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    // A loop, not set(subarray): a view per state was a fifth of a search's garbage.
    const arena = this.arena, o = id * this.keyLen;
    for (let k = 0; k < this.keyLen; k++) arena[o + k] = a[k]!;
    if (this.slotsFull(this.size)) this.rehash();
    this.place(id);
    return id;
  }

  private place(id: number): void {
    let s = hashKey(this.arena, id * this.keyLen, this.keyLen) & this.mask;
    while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
    this.slots[s] = id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

const TABLE_INITIAL = 1 << 15;
const COUNTS_INITIAL = 1 << 12;
/** Bytes StateCounts keeps per state: three Float64 and three Int32 arrays. */
const COUNTS_BYTES = 3 * 8 + 3 * 4;

/** The distance to a fault from a state with none below it (StateCounts.depth). */
export const INF = 0x3fffffff;

/**
 * What each stored state's subtree holds, by state id (both explorers): the
 * counts, the distance to the nearest fault and the move towards it (in the
 * state's canonical numbering, symmetry.ts), with the sleep set it leads to.
 */
export class StateCounts {
  total = new Float64Array(COUNTS_INITIAL);
  faulting = new Float64Array(COUNTS_INITIAL);
  hung = new Float64Array(COUNTS_INITIAL);
  depth = new Int32Array(COUNTS_INITIAL);
  best = new Int32Array(COUNTS_INITIAL);
  bestSleep = new Int32Array(COUNTS_INITIAL);

  get bytes(): number {
    return this.total.length * COUNTS_BYTES;
  }

  /** The most the counts of `states` states ever hold at once (the old arrays too while they grow). */
  static peakBytes(states: number): number {
    let len = COUNTS_INITIAL, peak = len * COUNTS_BYTES;
    while (states > len) {
      // ensure() meets the ids nearly in turn (a state is recorded at most a search depth after it was
      // added, far less than half the arrays), so each growth is by half.
      const next = Math.ceil(len * 1.5);
      peak = Math.max(peak, (len + next) * COUNTS_BYTES);
      len = next;
    }
    return peak;
  }

  ensure(id: number): void {
    if (id < this.total.length) return;
    const grow = <T extends Float64Array | Int32Array>(x: T): T => {
      const y = new (x.constructor as new (n: number) => T)(Math.max(id + 1, Math.ceil(x.length * 1.5)));
      y.set(x);
      return y;
    };
    this.total = grow(this.total); this.faulting = grow(this.faulting); this.hung = grow(this.hung);
    this.depth = grow(this.depth); this.best = grow(this.best); this.bestSleep = grow(this.bestSleep);
  }
}
