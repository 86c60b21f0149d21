/**
 * "Set public address…": the address links are written against when this
 * page runs on localhost or from a file. Remembered in this browser.
 * Loaded on first open (React.lazy); imports only React and gets what it
 * does as props (like the other share dialogs).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';

export interface BaseDialogProps {
  /** This page's own address (the one that points at this machine). */
  readonly page: string;
  readonly current: string | null;
  /** An error message for a bad address, or null. */
  readonly check: (raw: string) => string | null;
  /** Saves (null = forget) and closes. */
  readonly save: (base: string | null) => void;
  readonly onClose: () => void;
}

export function BaseDialog({ page, current, check, save, onClose }: BaseDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(current ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const why = check(text);
    if (why) { setProblem(why); return; }
    save(text.trim());
  };
  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="base-h" onClose={onClose} data-testid="base.dialog">
      <h2 id="base-h">Where should links point?</h2>
      <p className="muted">
        This page runs at <code>{page}</code>, which only this machine can open. Copied links and text blocks are
        written against the public address of racelanes you give here (remembered in this browser). The command
        line&apos;s <code>--base</code> writes the same links.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="base-text">Public address of the racelanes page</label>
        <input
          id="base-text" type="url" value={text} size={60} spellCheck={false} autoFocus placeholder="https://example.org/racelanes/"
          onChange={(e) => { setText(e.target.value); setProblem(null); }}
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'base-problem' : undefined}
          data-testid="base.input"
        />
        {problem ? <p id="base-problem" className="open-problems" role="alert">The address {problem}</p> : null}
        <div className="dialog-buttons">
          {current ? <button type="button" onClick={() => save(null)}>Forget it</button> : null}
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Use this address</button>
        </div>
      </form>
    </dialog>
  );
}
