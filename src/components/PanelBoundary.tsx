/**
 * One error boundary per panel: if a panel throws while rendering, the rest
 * of the page keeps working and the failed panel says what happened, with
 * the link to what was on screen and a way to reload it.
 */
import { Component, type ReactNode } from 'react';
import { getAppStore } from '../store/index.ts';
import { shareUrl } from '../store/share.ts';
import { clearForcedError, useForcedError } from './forcedErrors.ts';

interface Props {
  /** What the panel is, in words: "timeline", "verdict". */
  readonly name: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** Throws inside the boundary when a test asked this panel to fail (forcedErrors.ts). */
function Tripwire({ name }: { name: string }) {
  useForcedError(name);
  return null;
}

function currentLink(): string {
  try {
    return shareUrl(getAppStore().getState(), `${window.location.origin}${window.location.pathname}`);
  } catch {
    return window.location.href;
  }
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return <>{this.props.children}<Tripwire name={this.props.name} /></>;
    const link = currentLink();
    return (
      <section className="panel panel-failed" role="alert" data-testid={`failed.${this.props.name}`}>
        <h2>The {this.props.name} panel failed</h2>
        <p>It threw <code>{error.message.slice(0, 300)}</code>. The rest of the page still works.</p>
        <p className="muted">What was on screen: <a href={link}>{link.length > 90 ? `${link.slice(0, 87)}...` : link}</a></p>
        <p>
          <button type="button" onClick={() => { clearForcedError(this.props.name); this.setState({ error: null }); }}>Try again</button>{' '}
          <button type="button" onClick={() => { window.location.href = link; window.location.reload(); }}>Reload this view</button>
        </p>
      </section>
    );
  }
}
