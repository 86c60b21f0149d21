/**
 * The one place the store turns a view into a URL fragment and back.
 * TODO(share engineer): swap formatLongLink for the compact canonical format
 * from src/sim/share once it lands; callers only use these functions.
 */
import { formatLongLink, parseLink, type ParseResult, type ViewState } from '../sim/index.ts';

/** The fragment (without `#`) the address bar shows for a view. */
export function viewToFragment(view: ViewState): string {
  return formatLongLink(view);
}

/** Parses whatever was pasted: a full URL, `#...`, or bare `k=v&...`. Never throws. */
export function fragmentToView(text: string): ParseResult {
  return parseLink(text);
}

/** Identity of a run without its cursor: a change here is a new history entry. */
export function runKey(view: ViewState): string {
  return formatLongLink({ ...view, t: null });
}
