/**
 * The toolbar's share group: Copy link, Copy as text (the 72-column block for
 * plain-text mail), Export (SVG, PNG, Perfetto JSON), Open link or text…, and
 * a brief status ("Link copied") announced politely to screen readers.
 */
import { useEffect } from 'react';
import { getAppStore, useApp } from '../../store/index.ts';
import { isLocalBase } from '../../sim/index.ts';
import { copyAsText, copyLink, exportAs, preloadShareText } from './actions.ts';
import { thisPage } from './publicBase.ts';
import { ExportMenu } from './ExportMenu.tsx';
import './share.css';

/** How long a status stays up. */
const STATUS_MS = 6000;

function Status() {
  const status = useApp((s) => s.shareStatus);
  const set = useApp((s) => s.setShareStatus);
  useEffect(() => {
    if (!status) return undefined;
    const t = setTimeout(() => set(null), STATUS_MS);
    return () => clearTimeout(t);
  }, [status, set]);
  return (
    <output className={`share-status${status?.tone === 'bad' ? ' bad' : ''}`} aria-live="polite" data-testid="share.status">
      {status?.text ?? ''}
    </output>
  );
}

const warm = () => { void preloadShareText(); };

/** Where copied links point: a warning while that is this machine only, with a way to set a public address. */
function LinkTarget() {
  const base = useApp((s) => s.publicBase);
  const setBaseDialog = useApp((s) => s.setBaseDialog);
  const local = isLocalBase(base ?? thisPage());
  if (!local && base === null) return null;
  return (
    <button
      type="button" className={`link-target${local ? ' local' : ''}`} onClick={() => setBaseDialog(true)} data-testid="share.base"
      title={local ? 'Links copied here point at this machine; set the public address of racelanes' : `Links point at ${base}`}
    >
      {local ? '⚠ links point at this machine' : 'links: public address'}
    </button>
  );
}

export function ShareBar() {
  const store = getAppStore();
  const openDialog = useApp((s) => s.setOpenDialog);
  return (
    <div
      className="group share-slot" data-testid="toolbar.share" aria-label="Share" role="group"
      onPointerEnter={warm} onFocus={warm}
    >
      <button type="button" onClick={() => void copyLink(store)} title="Copy the link to exactly this view (it is also in the address bar)">
        Copy link
      </button>
      <button type="button" onClick={() => void copyAsText(store)} title="Copy a plain-text diagram for mail: 72 columns, CPU0/CPU1 columns, the Oops and a Link: line">
        Copy as text
      </button>
      <ExportMenu onPick={(kind) => void exportAs(store, kind)} />
      <button type="button" onClick={() => openDialog(true)} title="Open a racelanes link or a pasted text block (or just paste it anywhere on the page)">
        Open link or text…
      </button>
      <LinkTarget />
      <Status />
    </div>
  );
}
