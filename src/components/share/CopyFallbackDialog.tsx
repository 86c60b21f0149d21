/**
 * When the clipboard refuses: the text in a read-only box, already selected,
 * so Ctrl/⌘+C copies it. Plain text only (a textarea never renders markup).
 * Loaded on first use (React.lazy); imports only React.
 */
import { useEffect, useRef } from 'react';
import type { CopyFallback } from '../../store/shareSlice.ts';

export function CopyFallbackDialog({ fallback, onClose }: { fallback: CopyFallback; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    box.current?.focus();
    box.current?.select();
  }, [fallback]);
  const lines = fallback.text.split('\n').length;
  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="copy-fallback-h" onClose={onClose} data-testid="copy.fallback">
      <h2 id="copy-fallback-h">{fallback.title}</h2>
      <p className="muted">{fallback.reason} The text is selected: press Ctrl+C (⌘C on a Mac).</p>
      <textarea
        ref={box} readOnly value={fallback.text} rows={Math.min(24, Math.max(2, lines))} cols={74}
        spellCheck={false} aria-label={fallback.title} onFocus={(e) => e.currentTarget.select()}
      />
      <form method="dialog"><button type="submit">Close</button></form>
    </dialog>
  );
}
