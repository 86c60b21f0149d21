/**
 * Making user input safe to echo in messages: printable ASCII only, never
 * markup (`<` `>` become `?`), bounded length, and a bounded number of errors
 * however broken the link is.
 */
import type { LinkError } from '../link.ts';

/** At most this many errors are reported; the rest are counted in one more. */
export const MAX_ERRORS = 12;

/** Printable ASCII, no markup, at most `max` characters. */
export function safeText(raw: string, max: number): string {
  const clean = raw.replace(/[^\x20-\x7e]|[<>]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** User input echoed inside a message: short. */
export function show(raw: string): string {
  return safeText(raw, 40);
}

export function capErrors(errors: readonly LinkError[]): LinkError[] {
  if (errors.length <= MAX_ERRORS) return [...errors];
  const rest = errors.length - (MAX_ERRORS - 1);
  return [...errors.slice(0, MAX_ERRORS - 1), { key: 'link', message: `... and ${rest} more problems in this link` }];
}
