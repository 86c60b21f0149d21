/** Problems with a link or a schedule: visible, dismissible, plain text only. */
import { useApp } from '../store/index.ts';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="alert" data-testid={`notice.${n.kind}`}>
          <div className="notice-body">
            <strong>{n.title}</strong>
            <ul>{n.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>
          </div>
          <button type="button" className="dismiss" onClick={() => dismiss(n.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
}
