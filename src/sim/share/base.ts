/**
 * The page address a link is written against. The page and the CLI's
 * `--base` use these same rules, so they print identical links.
 */

/** Checks a page address: http(s), no `#`, no spaces. */
export function checkBase(raw: string): { ok: true; base: string } | { ok: false; message: string } {
  const base = raw.trim();
  if (!/^https?:\/\/[^\s#]+$/.test(base)) {
    return { ok: false, message: "needs an http(s) URL without '#', e.g. https://example.org/racelanes/" };
  }
  return { ok: true, base };
}

/** `<base>#<fragment>`; with no base, just `#<fragment>`. */
export function linkAt(base: string, fragment: string): string {
  return `${base.replace(/#.*$/, '')}#${fragment.replace(/^#/, '')}`;
}

/**
 * Does a page address point at this machine only (file:, localhost, a
 * loopback address)? A link made there will not open for anyone else.
 */
export function isLocalBase(base: string): boolean {
  const m = /^([a-z]+):\/\/\[?([^\]/:?#]*)/i.exec(base.trim());
  if (!m) return true;
  const [, scheme = '', host = ''] = m;
  if (scheme.toLowerCase() === 'file') return true;
  const h = host.toLowerCase();
  return h === '' || h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1' || h === '0.0.0.0';
}
