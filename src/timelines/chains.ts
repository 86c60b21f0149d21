/**
 * Pass-through calls share a row. A function that does nothing of its own
 * but call one other function (`device_driver_detach` ->
 * `device_release_driver_internal` -> `__device_release_driver`) is merged
 * with that callee into one slice labelled `outer › … › inner`, so a deep
 * unbind stack shows its story (cqspi_remove, spi_unregister_controller,
 * device_del, the notifier, devres_release_all) in the rows a laptop screen
 * has. The merged slice's title names every function in the chain.
 */
import type { Slice, TaskLane } from './layout.ts';

export function mergeChains(lane: TaskLane): TaskLane {
  const kids = new Map<string | null, Slice[]>();
  for (const s of lane.slices) {
    const list = kids.get(s.parent) ?? [];
    list.push(s);
    kids.set(s.parent, list);
  }
  const out: Slice[] = [];
  let rows = 0;
  const visit = (s: Slice, depth: number, parent: string | null): void => {
    let head = s;
    let chain = [...s.chain];
    let children = kids.get(s.id) ?? [];
    // Absorb the only callee while the caller has nothing of its own to show.
    while (!head.busy && children.length === 1 && children[0]!.fix === s.fix) {
      const c = children[0]!;
      chain = [...chain, ...c.chain];
      head = c;
      children = kids.get(c.id) ?? [];
    }
    const merged: Slice = head === s
      ? { ...s, depth, parent }
      : { ...s, depth, parent, fn: head.fn, file: head.file, chain, busy: head.busy };
    out.push(merged);
    rows = Math.max(rows, depth + 1);
    for (const c of children) visit(c, depth + 1, s.id);
  };
  for (const s of kids.get(null) ?? []) visit(s, 0, null);
  return { ...lane, slices: out, rows };
}
