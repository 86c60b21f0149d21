/**
 * Export of the swim lanes as a self-contained SVG (every style the page's CSS
 * gives an element is written inline, fonts are the system stacks, a
 * background and a title are added) and as a PNG rendered from that SVG at
 * twice the pixel density. Browser-only; loaded on demand (dynamic import).
 */

/** Properties SVG children inherit: written only where they differ from the parent. */
const INHERITED = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing',
  'text-anchor', 'dominant-baseline', 'paint-order', 'visibility', 'marker-start', 'marker-mid', 'marker-end',
] as const;

/** Properties that do not inherit: written where they differ from the initial value. */
const OWN: Readonly<Record<string, string>> = { opacity: '1', display: 'inline', 'clip-path': 'none', 'mix-blend-mode': 'normal', 'shape-rendering': 'auto' };

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height of the title line, and of the title plus the link line. */
const TITLE_H = 28;
const TITLE_LINK_H = 44;

/** `url("http://host/page#rl-hatch")` -> `url(#rl-hatch)`: references stay inside the file. */
const localUrls = (v: string): string => v.replace(/url\(\s*["']?[^"')#]*#([^"')]+)["']?\s*\)/g, 'url(#$1)');

type Styles = Readonly<Record<string, string>>;

function inline(orig: Element, clone: Element, parent: Styles | null): void {
  const cs = getComputedStyle(orig);
  const own: Record<string, string> = {};
  const decl: string[] = [];
  for (const p of INHERITED) {
    const v = localUrls(cs.getPropertyValue(p));
    own[p] = v;
    if (v && (parent === null || parent[p] !== v)) decl.push(`${p}:${v}`);
  }
  for (const [p, initial] of Object.entries(OWN)) {
    const v = localUrls(cs.getPropertyValue(p));
    if (v && v !== initial) decl.push(`${p}:${v}`);
  }
  clone.removeAttribute('class');
  if (decl.length) clone.setAttribute('style', decl.join(';'));
  else clone.removeAttribute('style');
  const oc = orig.children;
  const cc = clone.children;
  for (let i = 0; i < oc.length && i < cc.length; i++) inline(oc[i]!, cc[i]!, own);
}

/** A deep copy of `svg` with its computed styles written inline, placed at (x, y). */
function styledCopy(svg: SVGSVGElement, x: number, y: number): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inline(svg, copy, null);
  copy.setAttribute('x', String(x));
  copy.setAttribute('y', String(y));
  for (const a of ['role', 'aria-label', 'aria-hidden', 'data-testid']) copy.removeAttribute(a);
  return copy;
}

export interface ExportedSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

function textAt(x: number, y: number, text: string, attrs: Readonly<Record<string, string | number>>): SVGTextElement {
  const t = document.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries({ x, y, ...attrs })) t.setAttribute(k, String(v));
  t.textContent = text;
  return t;
}

/** One part of an export, stacked under the previous: a timeline, or a sweep's grid. */
interface Part {
  readonly nodes: Element[];
  readonly width: number;
  readonly height: number;
}

/** Shared SVG definitions (hatches, the arrowhead) for a part whose own SVG does not carry them. */
function sharedDefs(lanes: SVGSVGElement): Element | null {
  if (lanes.querySelector('#rl-hatch')) return null;
  const defs = document.querySelector('#rl-hatch')?.parentElement;
  if (!defs) return null;
  const copy = document.createElementNS(SVG_NS, 'defs');
  for (const c of Array.from(defs.children)) if (c.id) copy.append(c.cloneNode(true));
  return copy;
}

/** A timeline root's axis and lanes, with its playhead, from y = 0. */
function timelinePart(root: HTMLElement, fg: string): Part {
  const axis = root.querySelector<SVGSVGElement>('svg.axis');
  const lanes = root.querySelector<SVGSVGElement>('svg.lanes');
  if (!lanes) throw new Error('no timeline on the page to export');
  const width = Math.round(lanes.width.baseVal.value);
  const axisH = axis ? Math.round(axis.height.baseVal.value) : 0;
  const lanesH = Math.round(lanes.height.baseVal.value);
  const nodes: Element[] = [];
  const defs = sharedDefs(lanes);
  if (defs) nodes.push(defs);
  if (axis) nodes.push(styledCopy(axis, 0, 0));
  nodes.push(styledCopy(lanes, 0, axisH));
  const x = playheadX(root, lanes);
  if (x !== null) {
    const line = document.createElementNS(SVG_NS, 'line');
    for (const [k, v] of [['x1', x], ['x2', x], ['y1', 0], ['y2', axisH + lanesH], ['stroke', fg], ['stroke-width', 1.5]] as const) line.setAttribute(k, String(v));
    nodes.push(line);
  }
  return { nodes, width, height: axisH + lanesH };
}

/** A table (the sweep's grid) as SVG boxes and text, in the colours the page shows. */
function tablePart(table: HTMLTableElement, fg: string): Part {
  const origin = table.getBoundingClientRect();
  const nodes: Element[] = [];
  for (const cell of Array.from(table.querySelectorAll<HTMLElement>('th, td'))) {
    const r = cell.getBoundingClientRect();
    const inner = cell.querySelector<HTMLElement>('button') ?? cell;
    const box = inner.getBoundingClientRect();
    const cs = getComputedStyle(inner);
    const x = box.left - origin.left;
    const y = box.top - origin.top;
    if (cell.tagName === 'TD') {
      const rect = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x, y, width: box.width, height: box.height, rx: 3, fill: cs.backgroundColor, stroke: cs.borderTopColor })) rect.setAttribute(k, String(v));
      nodes.push(rect);
    }
    const text = (inner.textContent ?? '').trim();
    if (text) nodes.push(textAt(x + box.width / 2, r.top - origin.top + r.height / 2 + 4, text, { fill: cs.color || fg, 'text-anchor': 'middle', 'font-size': 12, 'font-family': cs.fontFamily }));
  }
  return { nodes, width: Math.ceil(origin.width), height: Math.ceil(origin.height) };
}

/** A line of text as a part (a side's name and verdict, a caption). */
function linePart(text: string, fg: string, width: number): Part {
  return { nodes: [textAt(10, 16, text, { fill: fg, 'font-size': 12.5, 'font-weight': 600 })], width, height: 22 };
}

/**
 * Text as a part, every word kept, wrapped to the width as the page's font
 * measures it (`from`: the element whose colour, weight and font it takes).
 */
function wrappedPart(text: string, from: Element, fg: string, width: number): Part {
  const cs = getComputedStyle(from);
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) ctx.font = `${cs.fontWeight} 12px ${cs.fontFamily}`;
  const fits = (line: string) => (ctx ? ctx.measureText(line).width : line.length * 7) <= width - 20;
  const lines: string[] = [];
  // A line break (<br>) starts a new line.
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.replace(/\s+/g, ' ').trim().split(' ')) {
      const cand = line ? `${line} ${word}` : word;
      if (!line || fits(cand)) line = cand;
      else { lines.push(line); line = word; }
    }
    if (line) lines.push(line);
  }
  const attrs = { fill: cs.color || fg, 'font-size': 12, 'font-weight': cs.fontWeight, 'font-family': cs.fontFamily };
  return { nodes: lines.map((l, i) => textAt(10, 14 + i * 16, l, attrs)), width, height: lines.length * 16 + 2 };
}

/** An element's own text, its controls and links left out (what a picture can say, not what a page can do); a <br> as a line break. */
function ownText(el: Element): string {
  return Array.from(el.childNodes).map((n) => {
    if (n.nodeName === 'A' || n.nodeName === 'BUTTON') return '';
    if (n.nodeName === 'BR') return '\n';
    return n.nodeType === 1 ? ownText(n as Element) : n.textContent ?? '';
  }).join('');
}

/**
 * What the stage shows, as one standalone SVG document: `title` and the
 * `link` that reopens the view on top, then each section in order (a sweep's
 * grid, a comparison's two timelines under their headings, or the one
 * timeline). Text is set as text, never parsed.
 */
export function stageSvg(stage: HTMLElement, title: string, link = ''): ExportedSvg {
  const box = getComputedStyle(stage);
  const fg = box.color || '#000000';
  const parts: Part[] = [];
  const sweep = stage.querySelector<HTMLElement>('[data-testid="sweep"]');
  const grid = sweep?.querySelector<HTMLTableElement>('table');
  const timelines = stage.matches('[data-testid="timeline"]') ? [stage] : Array.from(stage.querySelectorAll<HTMLElement>('[data-testid="timeline"]'));
  if (timelines.length === 0 && !grid) throw new Error('no timeline on the page to export');
  const width = Math.max(...timelines.map((t) => Math.round(t.querySelector<SVGSVGElement>('svg.lanes')?.width.baseVal.value ?? 0)), grid ? Math.ceil(grid.getBoundingClientRect().width) + 20 : 0);
  if (sweep && grid) {
    const caption = sweep.querySelector('figcaption');
    parts.push(caption ? wrappedPart(ownText(caption), caption, fg, width) : linePart('Sweep', fg, width));
    parts.push(tablePart(grid, fg));
    // What the checks over every start say: the picture carries the claim's scope with it.
    for (const p of Array.from(sweep.querySelectorAll<HTMLElement>('[data-testid="sweep.every-start"] p, p[data-testid="sweep.every-start"]'))) {
      parts.push(wrappedPart(ownText(p), p, fg, width));
    }
  }
  for (const t of timelines) {
    const prev = t.previousElementSibling;
    const head = prev?.matches('.compare-head') ? Array.from(prev.children).map((c) => c.textContent ?? '').join('  ').replace(/\s+/g, ' ').trim() : '';
    if (head) parts.push(linePart(head.slice(0, 160), fg, width));
    parts.push(timelinePart(t, fg));
  }
  const top = link ? TITLE_LINK_H : TITLE_H;
  const height = top + parts.reduce((n, p) => n + p.height + 6, 0);

  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('style', `font-family:${box.getPropertyValue('font-family')};font-size:12px`);
  const t = document.createElementNS(SVG_NS, 'title');
  t.textContent = link ? `${title}\n${link}` : title;
  out.append(t);
  const bg = document.createElementNS(SVG_NS, 'rect');
  const page = getComputedStyle(document.body).backgroundColor;
  for (const [k, v] of [['width', width], ['height', height], ['fill', box.backgroundColor !== 'rgba(0, 0, 0, 0)' ? box.backgroundColor : page || '#ffffff']] as const) bg.setAttribute(k, String(v));
  out.append(bg);
  out.append(textAt(10, 19, title, { fill: fg, 'font-weight': 600, 'font-size': 13 }));
  if (link) out.append(textAt(10, 36, link, { fill: fg, 'fill-opacity': 0.7, 'font-size': 11, 'font-family': 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace' }));
  let y = top;
  for (const p of parts) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(0,${y})`);
    g.append(...p.nodes);
    out.append(g);
    y += p.height + 6;
  }
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`, width, height };
}

/** The one timeline under `root` as a standalone SVG (see stageSvg). */
export function timelineSvg(root: HTMLElement, title: string, link = ''): ExportedSvg {
  return stageSvg(root, title, link);
}

/** The playhead's x when it is drawn outside the lanes' SVG (an HTML overlay), else null. */
function playheadX(root: HTMLElement, lanes: SVGSVGElement): number | null {
  const el = root.querySelector<HTMLElement>('[data-testid="timeline.playhead"][data-x]');
  if (!el || lanes.contains(el)) return null;
  const x = Number(el.dataset['x']);
  return Number.isFinite(x) ? x : null;
}

/** Canvas sides above this fail in some browsers: scale down instead. */
const MAX_SIDE = 16_384;

/** Renders an exported SVG to a PNG at `scale` pixels per CSS pixel. */
export async function svgToPng(e: ExportedSvg, scale = 2): Promise<Blob> {
  const k = Math.min(scale, MAX_SIDE / Math.max(e.width, e.height, 1));
  const url = URL.createObjectURL(new Blob([e.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(e.width * k));
    canvas.height = Math.max(1, Math.round(e.height * k));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
