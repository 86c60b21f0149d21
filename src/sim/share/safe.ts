/**
 * Making user input safe to echo in messages: printable ASCII only, never
 * markup (`<` `>` become `?`), bounded length, and a bounded number of errors
 * however broken the link is.
 */
import type { LinkError } from './view.ts';

export { safeText, show } from './codecs.ts';

/** At most this many errors are reported; the rest are counted in one more. */
export const MAX_ERRORS = 12;

export function capErrors(errors: readonly LinkError[]): LinkError[] {
  if (errors.length <= MAX_ERRORS) return [...errors];
  const rest = errors.length - (MAX_ERRORS - 1);
  return [...errors.slice(0, MAX_ERRORS - 1), { key: 'link', message: `... and ${rest} more problems in this link` }];
}
