/**
 * The toolbar's share group: Copy link, Copy as text (the 72-column block for
 * plain-text mail), Export (SVG, PNG, Perfetto JSON), Open link or text…, and
 * a brief status ("Link copied") announced politely to screen readers.
 */
import { useEffect } from 'react';
import { getAppStore, useApp } from '../../store/index.ts';
import { copyAsText, copyLink, exportAs, preloadShareText } from './actions.ts';
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
      <Status />
    </div>
  );
}
