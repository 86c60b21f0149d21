/** The `?` sheet: every key binding, from the same table the handler uses. Esc closes it. */
import { useEffect, useRef } from 'react';
import { useApp } from '../store/index.ts';
import { KEY_BINDINGS } from './keys.ts';

export function HelpSheet() {
  const open = useApp((s) => s.helpOpen);
  const setOpen = useApp((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-h" onClose={() => setOpen(false)} data-testid="help">
      <h2 id="help-h">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {KEY_BINDINGS.map((b) => (
            <tr key={b.does}><th scope="row"><kbd>{b.keys}</kbd></th><td>{b.does}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="muted">In the lanes: drag to pan, Ctrl/⌘ + wheel to zoom, click a slice or mark to select it and move the cursor there. Calls too short to tell apart at the current zoom are drawn as one unlabelled slice (its tooltip says how many and which; a click selects the first); zoom in to see each. Keys are bound by position (KeyboardEvent.code), so they work on any layout.</p>
      <p className="muted">Paste (Ctrl/⌘ + V) a racelanes link or a “Copy as text” block anywhere outside a field to open it.</p>
      <form method="dialog"><button type="submit" autoFocus>Close</button></form>
    </dialog>
  );
}
