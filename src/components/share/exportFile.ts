/**
 * The Export menu's work, loaded on first use (dynamic import): the lanes as
 * SVG or PNG (src/timelines/export.ts) and the trace as Perfetto JSON.
 */
import type { AppStore } from '../../store/index.ts';
import { exportName, exportTitle, shareUrl } from '../../store/share.ts';
import { linkTarget } from './publicBase.ts';
import { traceJson } from '../../store/shareText.ts';
import { stageSvg, svgToPng } from '../../timelines/export.ts';
import { downloadBlob, downloadText } from './download.ts';

export type ExportKind = 'svg' | 'png' | 'trace';

/** What the stage shows: a sweep's grid, then the timeline (or a comparison's two). */
function stageRoot(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.stage') ?? document.querySelector<HTMLElement>('[data-testid="timeline"]');
  if (!el) throw new Error('the timeline is not on the page');
  return el;
}

/** Downloads one export; returns the status line to show. */
export async function exportFile(store: AppStore, kind: ExportKind): Promise<string> {
  const s = store.getState();
  if (kind === 'trace') {
    const name = exportName(s, 'trace.json');
    downloadText(traceJson(s), name, 'application/json');
    return `Saved ${name}: open it in ui.perfetto.dev or chrome://tracing`;
  }
  const svg = stageSvg(stageRoot(), exportTitle(s), shareUrl(s, linkTarget(store).base));
  const name = exportName(s, kind);
  if (kind === 'svg') downloadText(svg.svg, name, 'image/svg+xml');
  else downloadBlob(await svgToPng(svg, 2), name);
  return `Saved ${name}`;
}
