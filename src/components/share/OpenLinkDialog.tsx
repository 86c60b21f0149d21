/**
 * "Open link or text…": paste a racelanes link (any form) or a whole "Copy as
 * text" block from a mail, and open it. When nothing in it is usable the box
 * keeps the text and says why; the view stays as it was.
 *
 * Loaded on first open (React.lazy). It imports only React and gets what it
 * does as props: importing the store or the sim here makes the bundler split
 * them into a shared chunk and grow the first load.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';

export interface OpenLinkDialogProps {
  /** A canonical fragment to show as an example. */
  readonly example: string;
  /** Opens the text; returns the problems when nothing in it was usable, else null. */
  readonly open: (text: string) => Promise<readonly string[] | null>;
  readonly onClose: () => void;
}

export function OpenLinkDialog({ example, open, onClose }: OpenLinkDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<readonly string[]>([]);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void open(text).then((why) => { if (why === null) onClose(); else setProblems(why); });
  };
  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="open-link-h" onClose={onClose} data-testid="open.dialog">
      <h2 id="open-link-h">Open a link or a text block</h2>
      <form onSubmit={submit}>
        <label htmlFor="open-link-text" className="muted">
          Paste a racelanes link, a fragment like <code>#{example}</code> or <code>#s=flash-unbind&amp;t=fault</code>, or a
          whole “Copy as text” block from a mail (quoted with <code>&gt;</code> is fine).
        </label>
        <textarea
          id="open-link-text" value={text} rows={10} cols={74} spellCheck={false} autoFocus
          onChange={(e) => { setText(e.target.value); if (problems.length) setProblems([]); }}
          aria-invalid={problems.length ? true : undefined} aria-describedby={problems.length ? 'open-link-problems' : undefined}
        />
        {problems.length > 0 && (
          <div id="open-link-problems" className="open-problems" role="alert">
            <strong>Nothing was opened; the view is unchanged.</strong>
            <ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Open</button>
        </div>
      </form>
    </dialog>
  );
}
