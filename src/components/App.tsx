/**
 * The page. Layout: header with the scenario summary, the stepping toolbar,
 * then the scheduling choice with the share group (copy, export, open)
 * beside it; then the lanes with the code view under them and a side column
 * (verdict, Oops, fixes, details); the event log last.
 */
import { lazy, Suspense, useEffect, type CSSProperties } from 'react';
import { getAppStore, useApp } from '../store/index.ts';
import { Timeline } from '../timelines/Timeline.tsx';
import { CodeView } from './CodeView.tsx';
import { DecisionBar } from './DecisionBar.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { EventLog } from './EventLog.tsx';
import { FixPanel } from './FixPanel.tsx';
import { Header } from './Header.tsx';
import { isIdleState } from './idle.ts';
import { Notices } from './Notices.tsx';
import { OopsPanel } from './OopsPanel.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { checkBase, isLocalBase } from '../sim/index.ts';
import { exampleFragment, openEntered } from './share/actions.ts';
import { savePublicBase, thisPage } from './share/publicBase.ts';
import { ShareBar } from './share/ShareBar.tsx';
import { usePasteToOpen } from './share/usePasteToOpen.ts';
import { Toolbar } from './Toolbar.tsx';
import { useKeyboard } from './useKeyboard.ts';
import { VerdictPanel } from './VerdictPanel.tsx';

// The share dialogs load when first opened. They import only React and get
// the store's actions as props, so they stay small separate chunks.
const OpenLinkDialog = lazy(() => import('./share/OpenLinkDialog.tsx').then((m) => ({ default: m.OpenLinkDialog })));
const CopyFallbackDialog = lazy(() => import('./share/CopyFallbackDialog.tsx').then((m) => ({ default: m.CopyFallbackDialog })));
// A comparison and a sweep load on first use: most visits never open one.
const CompareStage = lazy(() => import('./CompareStage.tsx').then((m) => ({ default: m.CompareStage })));
const SweepPanel = lazy(() => import('./SweepPanel.tsx').then((m) => ({ default: m.SweepPanel })));
const HelpSheet = lazy(() => import('./HelpSheet.tsx').then((m) => ({ default: m.HelpSheet })));
const BaseDialog = lazy(() => import('./share/BaseDialog.tsx').then((m) => ({ default: m.BaseDialog })));

/** The public-address dialog's wiring: the same check as the CLI's --base. */
function baseDialogProps() {
  const store = getAppStore();
  return {
    page: thisPage(),
    current: store.getState().publicBase,
    check: (raw: string) => { const c = checkBase(raw); return c.ok ? (isLocalBase(c.base) ? 'points at this machine too: give the address others open' : null) : c.message; },
    save: (base: string | null) => { savePublicBase(store, base); store.getState().setBaseDialog(false); store.getState().setShareStatus(base ? `Links now point at ${base}` : 'Links point at this page again'); },
    onClose: () => store.getState().setBaseDialog(false),
  };
}

/** Colour by what a task is (reader blue, unbind orange, ...), whatever its index. */
function taskColours(kinds: string): CSSProperties {
  let readers = 0;
  const vars: Record<string, string> = {};
  kinds.split(',').forEach((k, i) => {
    const name = k === 'reader' ? (readers++ === 0 ? 'reader' : 'reader2') : k;
    vars[`--t${i}`] = `var(--c-${name})`;
  });
  return vars as CSSProperties;
}

export function App() {
  const theme = useApp((s) => s.theme);
  const idle = useApp(isIdleState);
  const kinds = useApp((s) => s.trace.program.tasks.map((t) => t.kind).join(','));
  const openDialog = useApp((s) => s.openDialog);
  const copyFallback = useApp((s) => s.copyFallback);
  const baseDialog = useApp((s) => s.baseDialog);
  const comparing = useApp((s) => s.compare !== null);
  const helpOpen = useApp((s) => s.helpOpen);
  const sweeping = useApp((s) => Boolean(s.view.sweep));
  useKeyboard();
  usePasteToOpen();
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="app" data-testid="app" data-idle={idle ? 'true' : 'false'} style={taskColours(kinds)}>
      <PanelBoundary name="header"><Header /></PanelBoundary>
      <Notices />
      <div className="controls">
        <PanelBoundary name="toolbar"><Toolbar /></PanelBoundary>
        <div className="controls-row">
          <PanelBoundary name="scheduling"><DecisionBar /></PanelBoundary>
          <PanelBoundary name="share"><ShareBar /></PanelBoundary>
        </div>
      </div>
      <main className="workspace">
        <div className="stage">
          {sweeping ? <PanelBoundary name="sweep"><Suspense fallback={<p className="muted">Loading the sweep…</p>}><SweepPanel /></Suspense></PanelBoundary> : null}
          <PanelBoundary name="timeline">
            {comparing ? <Suspense fallback={<Timeline />}><CompareStage /></Suspense> : <Timeline />}
          </PanelBoundary>
          <PanelBoundary name="code"><CodeView /></PanelBoundary>
        </div>
        <aside className="side" aria-label="Verdict, report and inputs">
          <PanelBoundary name="verdict"><VerdictPanel /></PanelBoundary>
          <PanelBoundary name="Oops"><OopsPanel /></PanelBoundary>
          <PanelBoundary name="fixes"><FixPanel /></PanelBoundary>
          <PanelBoundary name="details"><DetailsPanel /></PanelBoundary>
        </aside>
      </main>
      <PanelBoundary name="event log"><EventLog /></PanelBoundary>
      {helpOpen ? <Suspense fallback={null}><HelpSheet /></Suspense> : null}
      <Suspense fallback={null}>
        {openDialog && (
          <OpenLinkDialog
            example={exampleFragment()} open={(text) => openEntered(getAppStore(), text)}
            onClose={() => getAppStore().getState().setOpenDialog(false)}
          />
        )}
        {copyFallback && <CopyFallbackDialog fallback={copyFallback} onClose={() => getAppStore().getState().setCopyFallback(null)} />}
        {baseDialog && <BaseDialog {...baseDialogProps()} />}
      </Suspense>
    </div>
  );
}
