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

/**
 * The timeline under `root` (its axis and lanes) as one standalone SVG
 * document with `title` on top and, under it, the `link` that reopens the
 * view. Both are set as text, never parsed.
 */
export function timelineSvg(root: HTMLElement, title: string, link = ''): ExportedSvg {
  const axis = root.querySelector<SVGSVGElement>('svg.axis');
  const lanes = root.querySelector<SVGSVGElement>('svg.lanes');
  if (!lanes) throw new Error('no timeline on the page to export');
  const width = Math.round(lanes.width.baseVal.value);
  const axisH = axis ? Math.round(axis.height.baseVal.value) : 0;
  const lanesH = Math.round(lanes.height.baseVal.value);
  const top = link ? TITLE_LINK_H : TITLE_H;
  const height = top + axisH + lanesH;
  const box = getComputedStyle(root);

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
  for (const [k, v] of [['width', width], ['height', height], ['fill', box.backgroundColor || '#ffffff']] as const) bg.setAttribute(k, String(v));
  out.append(bg);
  const fg = box.color || '#000000';
  out.append(textAt(10, 19, title, { fill: fg, 'font-weight': 600, 'font-size': 13 }));
  if (link) out.append(textAt(10, 36, link, { fill: fg, 'fill-opacity': 0.7, 'font-size': 11, 'font-family': 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace' }));
  if (axis) out.append(styledCopy(axis, 0, top));
  out.append(styledCopy(lanes, 0, top + axisH));
  const x = playheadX(root, lanes);
  if (x !== null) {
    const line = document.createElementNS(SVG_NS, 'line');
    for (const [k, v] of [['x1', x], ['x2', x], ['y1', top], ['y2', height], ['stroke', fg], ['stroke-width', 1.5]] as const) line.setAttribute(k, String(v));
    out.append(line);
  }
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`, width, height };
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
