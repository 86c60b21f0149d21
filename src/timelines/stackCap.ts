/**
 * Deep call stacks (24 frames in the unbind path) would push every other lane
 * off a laptop screen. A capped lane keeps the outer rows as they are and
 * turns the last row into a "leaf row": whatever deeper function is running
 * at each moment (each deep frame's self time). The full stack stays one
 * toggle away, and every frame is in the details panel.
 */
import type { Slice, TaskLane } from './layout.ts';

export interface CappedSlice extends Slice {
  /** Drawn in the leaf row on behalf of a deeper frame. */
  readonly leaf?: boolean;
}

/** Self-time pieces of `s`: its span minus its direct children's spans. */
function selfPieces(s: Slice, children: readonly Slice[]): Slice[] {
  const out: Slice[] = [];
  let s0 = s.s0;
  let t0 = s.t0;
  const kids = [...children].sort((a, b) => a.s0 - b.s0);
  for (const c of kids) {
    if (c.s0 > s0) out.push({ ...s, id: `${s.id}~${out.length}`, s0, s1: c.s0, t0, t1: c.t0 });
    s0 = Math.max(s0, c.s1);
    t0 = Math.max(t0, c.t1);
  }
  if (s.s1 > s0) out.push({ ...s, id: `${s.id}~${out.length}`, s0, s1: s.s1, t0, t1: s.t1 });
  return out;
}

/** Caps a lane at `rows` rows (null = the full stack). */
export function capStack(lane: TaskLane, rows: number | null): TaskLane & { readonly slices: readonly CappedSlice[] } {
  if (rows === null || lane.rows <= rows) return lane;
  const leafRow = rows - 1;
  const keep: CappedSlice[] = lane.slices.filter((s) => s.depth < leafRow);
  const deep = lane.slices.filter((s) => s.depth >= leafRow);
  const byParent = new Map<string, Slice[]>();
  // Children of a slice: one level deeper, inside its span (stacks nest strictly).
  const sorted = [...deep].sort((a, b) => a.depth - b.depth || a.s0 - b.s0);
  for (const c of sorted) {
    if (c.depth === leafRow) continue;
    const parent = sorted.find((p) => p.depth === c.depth - 1 && p.s0 <= c.s0 && c.s1 <= p.s1);
    if (!parent) continue;
    const list = byParent.get(parent.id) ?? [];
    list.push(c);
    byParent.set(parent.id, list);
  }
  for (const s of deep) {
    for (const p of selfPieces(s, byParent.get(s.id) ?? [])) keep.push({ ...p, depth: leafRow, leaf: true });
  }
  return { ...lane, rows, slices: keep };
}
