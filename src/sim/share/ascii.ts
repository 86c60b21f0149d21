/**
 * Plain-text helpers for mail: ASCII only, no tabs, bounded width.
 */

const TRANSLIT: Readonly<Record<string, string>> = {
  '\u00b5': 'u', '\u03bc': 'u', '\u2013': '-', '\u2014': '--', '\u2212': '-', '\u2010': '-', '\u2011': '-',
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2026': '...', '\u2192': '->', '\u2190': '<-',
  '\u21d2': '=>', '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u00d7': 'x', '\u00a0': ' ', '\u2022': '*',
  '\u00df': 'ss', '\u00e6': 'ae', '\u00c6': 'AE', '\u00f8': 'o', '\u00d8': 'O', '\u2248': '~',
};

/** Transliterates to printable ASCII: tabs become spaces, accents are dropped, the rest becomes `?`. */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) { out += ch; continue; }
    const t = TRANSLIT[ch];
    if (t !== undefined) { out += t; continue; }
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
  }
  return out;
}

/** Cuts `text` to `width` columns, marking the cut with `...`. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 3) return text.slice(0, width);
  return `${text.slice(0, width - 3).trimEnd()}...`;
}

/** Word-wraps one line to `width`, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = '  '): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const cand = line === '' ? word : `${line} ${word}`;
    if (cand.length <= width || line.trim() === '') { line = cand; continue; }
    out.push(line);
    line = `${indent}${word}`;
  }
  if (line !== '') out.push(line);
  return out.flatMap((l) => (l.length <= width ? [l] : chop(l, width, indent)));
}

function chop(line: string, width: number, indent: string): string[] {
  const out = [line.slice(0, width)];
  for (let i = width; i < line.length; i += width - indent.length) out.push(indent + line.slice(i, i + width - indent.length));
  return out;
}

/** C as a short line: comments dropped, whitespace collapsed, no trailing `;`. */
export function cleanC(what: string): string {
  return what.replace(/\/\*.*?\*\//g, ' ').replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
}

/**
 * The shortest faithful form of a C line that fits `width`: the whole line,
 * else the part after a `caller(): ` prefix, else the statement that matches
 * `prefer` (or the last one); cut with `...` if nothing fits.
 */
export function shortC(what: string, width: number, prefer?: RegExp): string {
  // One statement and the comment naming what it acts on: keep the comment when it fits.
  const named = /^([^;/]*);?\s*(\/\*[^*]*\*\/)$/.exec(what.trim());
  if (named) {
    const withName = `${cleanC(named[1]!)} ${named[2]!.replace(/\s+/g, ' ')}`;
    if (withName.length <= width) return withName;
  }
  const full = cleanC(what);
  if (full.length <= width) return full;
  const afterPrefix = full.replace(/^[\w.>-]+\([^()]*\):\s+/, '');
  if (afterPrefix.length <= width) return afterPrefix;
  const stmts = afterPrefix.split(/;\s*|\{\s*|\}\s*/).map((s) => s.trim()).filter(Boolean);
  const pick = (prefer && stmts.find((s) => prefer.test(s))) ?? stmts[stmts.length - 1] ?? afterPrefix;
  if (pick.length <= width) return pick;
  const cond = /^if \((?:[^()]|\([^()]*\))*\)/.exec(pick)?.[0];
  if (cond && cond.length <= width) return cond;
  return truncate(elideArgs(pick, width), width);
}

/** `f(a, b, c)` -> `f(a, ...)` -> `f(...)`, the first that fits. */
export function elideArgs(call: string, width: number): string {
  const m = /^([^()]*\()([^()]*)\)(.*)$/.exec(call);
  if (!m) return call;
  const args = m[2]!.split(',').map((a) => a.trim());
  for (let keep = args.length - 1; keep >= 0; keep--) {
    const c = `${m[1]}${[...args.slice(0, keep), '...'].join(', ')})${m[3]}`;
    if (c.length <= width) return c;
  }
  return call;
}
