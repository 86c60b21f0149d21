/**
 * What a sweep's checks over every start say (the CLI's lines under the
 * table, the page's under the grid; startsCheck.ts has each check's words).
 * Not in the src/sim index: the page's sweep panel, a lazy chunk, reads it
 * through src/store/sweepStarts.ts, so it stays out of the page's first
 * chunk; the CLI imports it from here.
 */
import { EXPLORED_STARTS } from './question.ts';
import { startsCheckText, type StartsCheck } from './startsCheck.ts';
import type { Verdict } from './engine/verdict.ts';

/** A sweep cell's check over every start: where it is (`read=300ms readers=2`), its verdict word, the check (null: none asked, or not in yet). */
export interface CellStarts {
  readonly where: string;
  readonly verdict: Verdict['verdict'];
  readonly check: StartsCheck | null;
}

/** One line of sweepStartsLines: its text, and the index of the cell it is about (-1: the sentence on every cell checked). */
export interface SweepStartsLine { readonly text: string; readonly cell: number }

/**
 * One sentence for the cells checked, then one per cell whose verdict does
 * not hold for every start or is not settled, or that the modular search
 * settled (the check with the start kept symbolic stopped at the cap),
 * `where: startsCheckText`. Empty when no cell was checked.
 * @example sweepStartsLines([{ where: 'read=200ms', verdict: 'Never', check }])[0].text // 'Every start: the Never cell (read=200ms) holds for every unbind start too, ...'
 */
export function sweepStartsLines(cells: readonly CellStarts[]): SweepStartsLine[] {
  const checked = cells.filter((c) => c.check !== null);
  if (checked.length === 0) return [];
  const held = checked.filter((c) => c.check!.holds === true);
  // The states of the checks that held with the start kept symbolic; those the modular search settled have a line each.
  const symbolic = held.filter((c) => !c.check!.modular);
  const byModular = held.length - symbolic.length;
  const words = [...new Set(checked.map((c) => c.verdict))].join(' and ');
  const n = checked.length;
  const k = held.length;
  const most = symbolic.length ? Math.max(...symbolic.map((c) => c.check!.states)).toLocaleString('en-US') : '';
  const states = symbolic.length === 1 ? `${most} states` : `at most ${most} states per cell`;
  /**
   * How the cells that hold were checked: with the start kept symbolic (at most so many states), by the modular
   * search, or both; its asides in parentheses, or (inside the head's own parentheses) after a comma.
   */
  const how = (inParens: boolean): string => {
    const aside = (x: string) => (inParens ? ` (${x})` : `, ${x}`);
    if (symbolic.length === 0) return `by the modular search, where the check with the start kept symbolic stopped at the state cap${aside('below')}`;
    const checked = `checked with the start kept symbolic${aside(states)}`;
    return byModular ? `${checked}${inParens ? ',' : ';'} or by the modular search where that stopped at the state cap${aside('below')}` : checked;
  };
  let head: string;
  if (k === n) {
    const who = n === 1 ? `the ${words} cell (${checked[0]!.where}) holds` : `each of the ${n} ${words} cells holds`;
    head = `${who} for every unbind start too, not only the ${EXPLORED_STARTS}: ${how(true)}.`;
  } else if (k > 0) {
    head = `${k} of the ${n} ${words} cells ${k === 1 ? 'holds' : 'hold'} for every unbind start too, not only the ${EXPLORED_STARTS} ` +
      `(${how(false)}); ${n - k === 1 ? 'the other one' : `the other ${n - k}`}:`;
  } else if (n === 1) {
    head = `the ${words} cell is not shown to hold for every unbind start, beyond the ${EXPLORED_STARTS}:`;
  } else {
    head = `none of the ${n} ${words} cells is shown to hold for every unbind start, beyond the ${EXPLORED_STARTS}:`;
  }
  const out: SweepStartsLine[] = [{ text: `Every start: ${head}`, cell: -1 }];
  const line = (c: CellStarts, i: number) => ({ text: `${c.where}: ${startsCheckText(c, c.check!)}`, cell: i });
  // The cells that do not hold first (what "the other" names), then those the modular search settled.
  cells.forEach((c, i) => { if (c.check && c.check.holds !== true) out.push(line(c, i)); });
  cells.forEach((c, i) => { if (c.check?.holds === true && c.check.modular) out.push(line(c, i)); });
  return out;
}
